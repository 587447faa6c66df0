import pytest

from saylau.web.accounts.models import Role
from saylau.web.audit.models import AuditEvent
from saylau.web.commissions.models import Question
from tests.factories import ElectionFactory, user_for

pytestmark = pytest.mark.django_db


def test_a_cec_administrator_edits_the_question_bank_and_the_audit_log_keeps_old_and_new(
    client,
) -> None:  # type: ignore[no-untyped-def]
    admin_user = user_for(Role.CEC, is_staff=True, is_superuser=True)
    client.force_login(admin_user)
    form = {
        "code": "AGE",
        "kind": "",
        "difficulty": "2",
        "text_kk": "Жас?",
        "text_ru": "Возраст?",
        "active": "on",
        "choices-TOTAL_FORMS": "2",
        "choices-INITIAL_FORMS": "0",
        "choices-MIN_NUM_FORMS": "0",
        "choices-MAX_NUM_FORMS": "1000",
        "choices-0-text_kk": "18",
        "choices-0-text_ru": "18",
        "choices-0-is_correct": "on",
        "choices-1-text_kk": "16",
        "choices-1-text_ru": "16",
    }
    response = client.post("/admin/commissions/question/add/", form)
    assert response.status_code == 302, response.content.decode()[:2000]
    question = Question.objects.get(code="AGE")
    assert question.choices.count() == 2
    event = AuditEvent.objects.get(action="commissions.question.save")
    assert event.old is None and len(event.new["choices"]) == 2


def test_other_roles_do_not_see_the_question_bank(client) -> None:  # type: ignore[no-untyped-def]
    staff = user_for(Role.REGIONAL, place=ElectionFactory().region, is_staff=True)
    client.force_login(staff)
    assert client.get("/admin/commissions/question/").status_code in (302, 403)
