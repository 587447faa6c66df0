"""The audit actions are one registry (saylau.web.audit.actions), each with a label in Kazakh,
Russian and English, and the audit pages show the label, not the code."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from saylau.web.audit.actions import LABELS, Action, label
from saylau.web.audit.services import record_event
from tests.factories import user_for

WEB = Path(__file__).resolve().parents[3] / "saylau" / "web"
RECORDERS = {"record_event", "EventSpec"}


def source_files() -> list[Path]:
    return [
        p
        for p in WEB.rglob("*.py")
        if "migrations" not in p.parts
        and p.name != "actions.py"
        and p.parent.name != "audit"
        # The access policy's actions are another namespace whose names may equal audit codes.
        and p.name != "policy.py"
    ]


def test_no_service_records_an_action_written_as_a_string() -> None:
    codes = {a.value for a in Action}
    found = []
    for path in source_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and node.value in codes:
                found.append(f"{path.relative_to(WEB)}:{node.lineno} {node.value}")
            if isinstance(node, ast.Call):
                name = getattr(node.func, "id", getattr(node.func, "attr", ""))
                for kw in node.keywords if name in RECORDERS else ():
                    if kw.arg == "action" and isinstance(kw.value, ast.Constant | ast.JoinedStr):
                        found.append(f"{path.relative_to(WEB)}:{node.lineno} a literal action")
    assert found == []


def test_every_action_has_a_label_in_kazakh_russian_and_english() -> None:
    assert set(LABELS) == set(Action)
    for action in Action:
        with translation.override("en"):
            english = action.label
        for language in ("kk", "ru"):
            with translation.override(language):
                assert action.label != english, (language, action)
    with translation.override("kk"):
        assert label("register.import") == "Тіркелімнен үзінді жүктелді"
    with translation.override("ru"):
        assert label("results.publish") == "Результаты опубликованы"


def test_the_dynamic_actions_name_members_of_the_registry() -> None:
    from saylau.web.listaudit.models import Resolution
    from saylau.web.register.models import RegistryEvent
    from saylau.web.results.models import MandateDecision

    assert {Action.of_registry_event(k) for k in RegistryEvent.Kind.values} <= set(Action)
    assert {Action.of_mandate_decision(k) for k in MandateDecision.Kind.values} <= set(Action)
    assert {Action.of_finding_resolution(s) for s in Resolution.Status.values} <= set(Action)
    with pytest.raises(ValueError, match="not a valid"):
        Action.of_registry_event("abduction")


@pytest.mark.django_db
@pytest.mark.usefixtures("in_russian")
def test_the_audit_log_shows_the_action_in_words_in_the_readers_language(client: Client) -> None:
    record_event(actor="t", action=Action.REGISTER_IMPORT, target_type="x", target_id=1)
    record_event(actor="t", action="older.code", target_type="x", target_id=2)
    client.force_login(user_for("cec"))
    page = client.get(reverse("audit:index"), HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "Загружена выписка из регистра" in page
    assert ">register.import<" not in page  # the code only in a tooltip
    assert "older.code" in page  # an unknown code is shown as it is


@pytest.mark.django_db
@pytest.mark.usefixtures("in_russian")
def test_the_audit_log_names_the_object_and_shows_each_change_as_before_and_after(
    client: Client,
) -> None:
    from django.utils.translation import gettext as ru

    from tests.factories import ElectionFactory

    election = ElectionFactory(name_ru="Выборы в Тестовый маслихат")
    record_event(
        actor="t",
        action=Action.REGISTER_IMPORT,
        target=election,
        old={"status": "preparation", "list_seats": 1200},
        new={"status": "voting", "list_seats": 1500, "witnesses": ["Аймағамбетов", "Ли"]},
    )
    client.force_login(user_for("cec"))
    page = client.get(reverse("audit:index")).content.decode()
    assert "«Выборы в Тестовый маслихат»" in page
    assert f"{ru('status')}: {ru('preparation')} → {ru('voting and counting')}" in page
    assert "1\xa0200 → 1\xa0500" in page
    assert "Аймағамбетов, Ли" in page
    assert "{'" not in page and "elections.election" not in page


@pytest.mark.django_db
@pytest.mark.usefixtures("in_russian")
def test_a_linked_record_is_named_and_a_value_that_is_no_key_stays_as_it_is(
    client: Client,
) -> None:
    from tests.factories import DistrictFactory, RegionFactory

    district = DistrictFactory(name_ru="Байзакский район")
    user = user_for("territorial", place=district)
    record_event(
        actor="t", action=Action.REGISTER_IMPORT, target=user, new={"district": district.pk}
    )
    record_event(actor="t", action=Action.REGISTER_IMPORT, target=user, new={"region": "ZHA"})
    RegionFactory()
    client.force_login(user_for("cec"))
    response = client.get(reverse("audit:index"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Байзакский район" in page and "ZHA" in page
