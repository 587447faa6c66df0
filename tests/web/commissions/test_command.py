import io

import pytest
from openpyxl import load_workbook

from saylau.cli import main
from saylau.web.commissions.models import Question

from .factories import MemberFactory, PlanFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _no_migrate(monkeypatch):  # type: ignore[no-untyped-def]
    # The test database is already migrated; the command must not reconfigure Django.
    from saylau.commands import _django

    monkeypatch.setattr(_django, "setup", lambda **kw: None)


def test_the_coverage_command_writes_the_workbook(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    plan = PlanFactory()
    MemberFactory.create_batch(3)
    out = tmp_path / "coverage.xlsx"
    assert (
        main(["commissions", "coverage", "--election", str(plan.election_id), "-o", str(out)]) == 0
    )
    book = load_workbook(io.BytesIO(out.read_bytes()), read_only=True)
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    assert sum(r[1] for r in rows[1:]) == 3
    assert "3 members, 0 trained" in capsys.readouterr().err


def test_an_unknown_election_or_region_is_a_clear_input_error(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert (
        main(["commissions", "coverage", "--election", "999", "-o", str(tmp_path / "x.xlsx")]) == 2
    )
    assert "--election" in capsys.readouterr().err
    plan = PlanFactory()
    args = ["commissions", "coverage", "--election", str(plan.election_id), "--region", "NOPE"]
    assert main([*args, "-o", str(tmp_path / "x.xlsx")]) == 2
    assert not (tmp_path / "x.xlsx").exists()


def test_loading_the_question_bank_twice_adds_it_once() -> None:
    main(["commissions", "load-questions"])
    n = Question.objects.count()
    main(["commissions", "load-questions"])
    assert Question.objects.count() == n >= 10
    assert all(q.choices.filter(is_correct=True).count() == 1 for q in Question.objects.all())
