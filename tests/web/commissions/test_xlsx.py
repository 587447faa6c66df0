import io

from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from saylau.web.commissions.xlsx import write_xlsx
from saylau.web.core.csvsafe import safe_cell

# Text a worksheet can hold: no XML-illegal control characters, no lone surrogates.
cell_text = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cs",),
        blacklist_characters="\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f\ufffe\uffff",
    ),
    max_size=30,
)


def read(data: bytes) -> dict[str, list[tuple[object, ...]]]:
    book = load_workbook(io.BytesIO(data), read_only=True)
    return {ws.title: list(ws.iter_rows(values_only=True)) for ws in book.worksheets}


def test_the_streaming_writer_produces_a_workbook_openpyxl_reads_back() -> None:
    data = write_xlsx(
        [
            (
                "Без обучения",
                ["Аудан", "№", "Аты"],
                [("Тараз қ.", 101, 'Әсел <&> "Ғ"'), ("x", None, 1.5)],
            ),
            ("Precincts", ["n"], iter([(1,), (2,)])),
        ]
    )
    sheets = read(data)
    assert list(sheets) == ["Без обучения", "Precincts"]
    assert sheets["Без обучения"] == [
        ("Аудан", "№", "Аты"),
        ("Тараз қ.", 101, 'Әсел <&> "Ғ"'),
        ("x", None, 1.5),
    ]
    assert sheets["Precincts"] == [("n",), (1,), (2,)]


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(cell_text.filter(lambda s: s != ""), st.integers(-(10**9), 10**9)), max_size=5
    )
)
def test_any_text_and_integers_round_trip(rows: list[tuple[str, int]]) -> None:
    # Text that a spreadsheet would run as a formula comes back marked as text (core.csvsafe).
    sheets = read(write_xlsx([("s", ["text", "number"], rows)]))
    assert sheets["s"][1:] == [(safe_cell(text), n) for text, n in rows]


def test_an_empty_text_is_an_empty_cell_and_keeps_the_columns_in_place() -> None:
    sheets = read(write_xlsx([("s", ["a", "b", "c"], [("", "x", ""), (None, "", 3)])]))
    assert sheets["s"] == [("a", "b", "c"), (None, "x", None), (None, None, 3)]
