"""The printed voter-data analysis, read back from the PDF: a territory's long name comes out
whole in its bar chart and its tables (wrapped, never cut at a number of letters), inside the
page, and the report speaks the reader's language. The page's bar chart wraps it too."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from django.utils import translation
from pypdf import PdfReader
from reportlab.lib.units import mm

from saylau.web.listaudit.analysis import analyse
from saylau.web.listaudit.charts import LABEL_CHARS, Bar, hbars
from saylau.web.listaudit.pdf import analysis_pdf
from saylau.web.listaudit.services.runs import start_run
from saylau.web.register.models import Person, PersonChange, RegisterImport
from tests.pdftext import text_of

from .conftest import DAY, World

#: A district's name of 90 letters (longer than any real one, and than the 40 the chart cut at).
LONG = {
    "ru": "Район имени Героя Советского Союза Бауыржана Момышулы и Кажымукана Мунайтпасова (тестовый)",
    "kk": "Кеңес Одағының Батыры Бауыржан Момышұлы атындағы және Қажымұқан Мұңайтпасұлы атындағы аудан",
}
#: One word too long for the chart's label column: it breaks at a letter, none is lost.
WORD = "Ақжайықкөлшығысбатысоңтүстіксолтүстікорталықауданы"


@pytest.fixture
def long_names(world: World, django_capture_on_commit_callbacks: Any) -> World:
    world.d1.name_ru, world.d1.name_kk = LONG["ru"], LONG["kk"]
    world.d1.save(update_fields=["name_ru", "name_kk"])
    world.d2.name_ru = world.d2.name_kk = WORD
    world.d2.save(update_fields=["name_ru", "name_kk"])
    with django_capture_on_commit_callbacks(execute=True):
        start_run(user=world.users["cec"], region=world.region, election=world.election)
    return world


def _pdf(world: World, lang: str) -> bytes:
    with translation.override(lang):
        return analysis_pdf(analyse(world.region, day=DAY))


def _left_edges(pdf: bytes) -> list[tuple[float, str]]:
    """Where each piece of text starts on its page (points from the left edge)."""
    found: list[tuple[float, str]] = []

    def visit(text: str, cm: list[float], tm: list[float], *_: Any) -> None:
        if text.strip():
            found.append((cm[0] * tm[4] + cm[2] * tm[5] + cm[4], text.strip()))

    for page in PdfReader(io.BytesIO(pdf)).pages:
        page.extract_text(visitor_text=visit)
    return found


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_a_long_district_name_is_printed_whole_in_the_chart_and_the_tables(
    long_names: World, lang: str
) -> None:
    pdf = _pdf(long_names, lang)
    text = text_of(pdf)
    # The chart of voters, the table of voters and the table of findings by district.
    assert text.count(LONG[lang]) >= 3
    assert text.replace(" ", "").count(WORD) >= 3
    assert LONG[lang][:40] + " " not in text.replace(LONG[lang], "")  # no cut copy left


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_every_label_of_the_charts_starts_inside_the_margin(long_names: World, lang: str) -> None:
    edges = _left_edges(_pdf(long_names, lang))
    assert edges
    outside = [(round(x), piece) for x, piece in edges if x < 18 * mm - 1]
    assert outside == []


@pytest.mark.parametrize(
    ("lang", "labels"),
    [("ru", ("адрес", "дата смерти")), ("kk", ("мекенжай", "қайтыс болған күні"))],
)
def test_the_report_names_the_changed_fields_in_the_reader_s_language(
    long_names: World, lang: str, labels: tuple[str, str]
) -> None:
    latest = RegisterImport.objects.filter(region=long_names.region).latest("id")
    someone = Person.private_objects.filter(region=long_names.region).first()
    for field in ("address", "death_date", "death_date"):
        PersonChange.objects.create(
            person=someone, register_import=latest, field=field, old=None, new="x"
        )
    text = text_of(_pdf(long_names, lang))
    for label in labels:
        assert label in text
    assert "address" not in text and "death_date" not in text


def test_the_page_s_bar_chart_wraps_a_long_name_instead_of_cutting_it() -> None:
    bars = [Bar(LONG["ru"], 5), Bar("Байзакский район", 3)]
    svg = str(hbars("chart-districts", "Избиратели по районам", bars))
    labels = re.findall(r'<text text-anchor="end"[^>]*>(.*?)</text>', svg)
    lines = [re.findall(r"<tspan[^>]*>(.*?)</tspan>", label) for label in labels]
    assert " ".join(lines[0]) == LONG["ru"] and len(lines[0]) > 1
    assert lines[1] == ["Байзакский район"]
    assert all(len(line) <= LABEL_CHARS for line in lines[0])
