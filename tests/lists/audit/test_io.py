"""The audit reads exactly the format's CSV and names file, line and column of bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from saylau.lists.io import LISTS, PERSONS, ListsInputError, read_table

PERSON_HEADER = (
    "iin,last_name,first_name,patronymic,birth_date,sex,citizenship,address_id,"
    "death_date,incapable,imprisoned"
)
PERSON_ROW = "640302200018,Әбішева,Айгүл,,1864-03-02,F,KZ,A1,,0,0"


def write(tmp_path: Path, rel: str, text: str | bytes) -> Path:
    path = tmp_path / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    return tmp_path


def test_columns_in_any_order_and_extra_columns_are_read_and_iins_keep_leading_zeros(
    tmp_path: Path,
) -> None:
    write(
        tmp_path,
        "lists/voter_lists.csv",
        "note,address_id,birth_date,patronymic,first_name,last_name,iin,line_no,precinct_no\n"
        'x,A1,1864-03-02,,Айгүл,"Әбішева, Ж.",040302200018,1,7\n',
    )
    frame = read_table(tmp_path, LISTS)
    assert frame.columns == list(LISTS.columns)
    row = frame.row(0, named=True)
    assert (row["iin"], row["last_name"], row["precinct_no"]) == ("040302200018", "Әбішева, Ж.", 7)


def test_a_missing_required_column_names_the_file_line_1_and_the_column(tmp_path: Path) -> None:
    write(tmp_path, "registry/persons.csv", PERSON_HEADER.replace(",sex", "") + "\n")
    with pytest.raises(ListsInputError) as err:
        read_table(tmp_path, PERSONS)
    assert (err.value.line, err.value.field) == (1, "sex")
    assert err.value.file is not None and err.value.file.endswith("registry/persons.csv")


def test_a_bad_date_names_its_line_and_column(tmp_path: Path) -> None:
    rows = [PERSON_ROW, PERSON_ROW.replace("1864-03-02", "1864-02-30")]
    write(tmp_path, "registry/persons.csv", "\n".join([PERSON_HEADER, *rows]) + "\n")
    with pytest.raises(ListsInputError) as err:
        read_table(tmp_path, PERSONS)
    assert (err.value.line, err.value.field) == (3, "birth_date")
    assert "1864-02-30" in str(err.value)


def test_line_numbers_count_the_lines_of_a_quoted_field_that_spans_two(tmp_path: Path) -> None:
    rows = [PERSON_ROW.replace("Әбішева", '"Әбі\nшева"'), PERSON_ROW.replace(",F,", ",X,")]
    write(tmp_path, "registry/persons.csv", "\n".join([PERSON_HEADER, *rows]) + "\n")
    with pytest.raises(ListsInputError) as err:
        read_table(tmp_path, PERSONS)
    assert (err.value.line, err.value.field) == (4, "sex")


def test_broken_quoting_names_its_line(tmp_path: Path) -> None:
    rows = [PERSON_ROW, PERSON_ROW.replace("Әбішева", '"Әбі"шева')]
    write(tmp_path, "registry/persons.csv", "\n".join([PERSON_HEADER, *rows]) + "\n")
    with pytest.raises(ListsInputError, match="quoting") as err:
        read_table(tmp_path, PERSONS)
    assert err.value.line == 3


def test_bytes_that_are_not_utf8_are_named_with_line_and_offset(tmp_path: Path) -> None:
    data = (PERSON_HEADER + "\n" + PERSON_ROW + "\n").encode() + "Ахмет".encode("cp1251") + b"\n"
    write(tmp_path, "registry/persons.csv", data)
    with pytest.raises(ListsInputError, match="not UTF-8") as err:
        read_table(tmp_path, PERSONS)
    assert err.value.line == 3


def test_a_row_with_too_many_fields_is_an_input_error(tmp_path: Path) -> None:
    write(tmp_path, "registry/persons.csv", f"{PERSON_HEADER}\n{PERSON_ROW},extra\n")
    with pytest.raises(ListsInputError) as err:
        read_table(tmp_path, PERSONS)
    assert err.value.line == 2


def test_a_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(ListsInputError, match="not found"):
        read_table(tmp_path, PERSONS)


def test_a_byte_order_mark_and_crlf_line_ends_are_accepted(tmp_path: Path) -> None:
    text = "\ufeff" + PERSON_HEADER + "\r\n" + PERSON_ROW + "\r\n"
    write(tmp_path, "registry/persons.csv", text)
    frame = read_table(tmp_path, PERSONS)
    assert frame["iin"].to_list() == ["640302200018"]
    assert frame["patronymic"].to_list() == [None]


def test_a_file_with_only_its_header_is_an_empty_table(tmp_path: Path) -> None:
    write(tmp_path, "registry/persons.csv", PERSON_HEADER + "\n")
    assert read_table(tmp_path, PERSONS).height == 0


def test_an_empty_required_value_names_its_line_and_column(tmp_path: Path) -> None:
    write(tmp_path, "registry/persons.csv", f"{PERSON_HEADER}\n{PERSON_ROW.replace(',F,', ',,')}\n")
    with pytest.raises(ListsInputError, match="empty") as err:
        read_table(tmp_path, PERSONS)
    assert (err.value.line, err.value.field) == (2, "sex")


@pytest.mark.parametrize(
    ("row", "column", "code", "params"),
    [
        (PERSON_ROW.replace("1864-03-02", "1864-13-45"), "birth_date", "lists.not_a_real_date",
         {"value": "1864-13-45"}),
        (PERSON_ROW.replace("1864-03-02", "02.03.1864"), "birth_date", "lists.not_a_date",
         {"value": "02.03.1864"}),
        (PERSON_ROW.replace(",F,", ",Q,"), "sex", "lists.not_one_of",
         {"value": "Q", "choices": ["F", "M"]}),
        (PERSON_ROW.replace(",F,", ",,"), "sex", "lists.code_required", {"choices": ["F", "M"]}),
        (PERSON_ROW[:-1] + "2", "imprisoned", "lists.not_a_flag", {"value": "2"}),
        (PERSON_ROW.replace("640302200018", ""), "iin", "lists.value_empty", {}),
    ],
)  # fmt: skip
def test_a_bad_value_has_a_stable_code_and_params_beside_its_english_message(
    tmp_path: Path, row: str, column: str, code: str, params: dict[str, object]
) -> None:
    write(tmp_path, "registry/persons.csv", f"{PERSON_HEADER}\n{row}\n")
    with pytest.raises(ListsInputError) as err:
        read_table(tmp_path, PERSONS)
    assert (err.value.code, err.value.params, err.value.field) == (code, params, column)
    assert err.value.line == 2 and err.value.message.startswith("must ")  # the command line's


def test_every_code_a_reader_writes_is_in_the_table_of_codes(tmp_path: Path) -> None:
    from saylau.lists.io import CODES, read_batches

    write(tmp_path, "lists/voter_lists.csv", "precinct_no,line_no,iin,last_name,first_name,"
          "patronymic,birth_date,address_id\n1,x,1,А,Б,,,A1\n99999999999999999999,1,1,А,Б,,,A1\n"
          "1,2,3\n")  # fmt: skip
    problems = [p for b in read_batches(tmp_path, LISTS) for p in b.problems]
    assert [(p.line, p.code, p.params) for p in problems] == [
        (2, "lists.not_a_number", {"value": "x"}),
        (3, "lists.number_too_long", {"digits": 20}),
        (4, "lists.wrong_width", {"found": 3, "expected": 8}),
    ]
    assert {p.code for p in problems} <= CODES.keys()
    for missing in (PERSONS,):
        with pytest.raises(ListsInputError) as err:
            read_table(tmp_path, missing)
        assert err.value.code == "lists.file_missing" and err.value.code in CODES
