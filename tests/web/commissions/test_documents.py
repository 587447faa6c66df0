"""The training certificate and the training budget as printed, read back from the PDF in
Kazakh and Russian: the holder's whole name however long, the trainer's signature line with
their name, the local date and time, the seal; the budget's currency in every amount column,
its total in digits and in words, and long labels wrapped, not cut off."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import translation

from saylau.law.words import in_words
from saylau.web.commissions.models import Certificate
from saylau.web.commissions.pdf import budget_pdf, certificate_pdf
from saylau.web.commissions.selectors.budget import BudgetLine, BudgetReport
from saylau.web.commissions.services import set_budget
from saylau.web.core import clock
from tests.pdftext import assert_no_developer_notes, pages_of, text_of

from .test_views import trained  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db

SEAL = {"ru": "М.П.", "kk": "М.О."}
SIGNED = {"ru": "Подписано 01.02.2027 в 09:15", "kk": "01.02.2027 сағат 09:15"}
TENGE = {"ru": "тенге", "kk": "теңге"}
LONG_NAME = ("Сейітқалиева-Нұрмағамбетова", "Әсемгүл-Айгерім", "Бауыржанқызы-Төлеғалиқызы")


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_training_certificate_names_the_holder_whole_and_the_trainer_who_signs(
    trained,  # noqa: F811
    lang,
) -> None:  # type: ignore[no-untyped-def]
    _, _, _, enrolment, _ = trained
    cert = Certificate.objects.get(enrolment=enrolment)
    person = cert.person
    person.last_name, person.first_name, person.patronymic = LONG_NAME
    person.save()
    cert.refresh_from_db()
    with clock.travel(dt.datetime(2027, 2, 1, 9, 15)):
        pdf = certificate_pdf(cert, verify_url="https://example.kz/v/abc", language=lang)
    text = text_of(pdf)
    assert pages_of(pdf) == 1
    assert " ".join(LONG_NAME) in text
    assert cert.enrolment.session.trainer.person.full_name in text
    assert cert.number in text
    # Signed on the day of issue, not at the moment of printing.
    issued = cert.issued_on.strftime("%d.%m.%Y")
    signed = {"ru": f"Подписано {issued}", "kk": f"{issued} қол қойылды"}[lang]
    assert signed in text and SEAL[lang] in text and "09:15" not in text
    assert_no_developer_notes(text)


def test_the_budget_shows_its_currency_and_the_totals_in_words(trained) -> None:  # noqa: F811
    session, *_ = trained
    set_budget(
        actor=None,
        session=session,
        payer="region",
        costs={"planned_venue": Decimal("125000.50"), "actual_venue": Decimal("98765")},
    )
    from saylau.web.commissions.selectors import budget_report
    from tests.factories import user_for

    report = budget_report(user_for("cec"), session.plan.election)
    for lang in ("kk", "ru"):
        with translation.override(lang), clock.travel(dt.datetime(2027, 2, 1, 9, 15)):
            text = text_of(budget_pdf(report, title="Бюджет", language=lang))
        assert f"{in_words(125_000, lang)} {TENGE[lang]} 50 тиын" in text
        assert f"{in_words(98_765, lang)} {TENGE[lang]} 00 тиын" in text
        assert "01.02.2027 09:15" in text
        assert_no_developer_notes(text)
    with translation.override("ru"):
        text = text_of(budget_pdf(report, title="Бюджет", language="ru"))
    assert "Участники" in text  # the column of participants is headed so, not "sessions"
    assert "План, тенге" in text and "Факт, тенге" in text


def test_a_long_label_of_the_budget_wraps_inside_its_column() -> None:
    label = "Аудан " + "Сарысу ауданы әкімдігі, Жаңатас қаласы әкімінің аппараты " * 3
    report = BudgetReport(
        by_district=[BudgetLine(label.strip(), 1, Decimal("10"), Decimal("12"))],
        total=BudgetLine("", 1, Decimal("10"), Decimal("12")),
    )
    title = "Бюджет обучения: " + "Выборы депутатов Мажилиса Парламента Республики Казахстан " * 2
    text = text_of(budget_pdf(report, title=title, language="ru"))
    assert " ".join(label.split()) in text
    assert " ".join(title.split()) in text


def test_the_effect_report_wraps_a_long_district_name_instead_of_cutting_it() -> None:
    from saylau.web.commissions.effect_pdf import effect_pdf
    from saylau.web.commissions.selectors.effect import DistrictEffect, EffectReport, Figures

    district = "Байзақ ауданы әкімдігінің Сарыкемер ауылдық округі " * 2
    report = EffectReport(
        election=None,  # type: ignore[arg-type]  # the printout does not read it
        rows=[DistrictEffect(district.strip(), Figures(precincts=12), Figures(precincts=3))],
        trained=Figures(precincts=12),
        untrained=Figures(precincts=3),
        refusals_recorded=True,
    )
    with translation.override("kk"):
        text = text_of(effect_pdf(report, title="Оқытудың нәтижесі"))
    assert " ".join(district.split()) in text
