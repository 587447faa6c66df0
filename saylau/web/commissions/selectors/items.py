"""Item statistics of the questions answered in the sessions a user may see."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..itemstats import ItemStat, item_statistics
from ..models import Answer, Question
from .scoped import sessions_for

REVISE = frozenset({"too_hard", "too_easy", "low_discrimination", "negative_discrimination"})


@dataclass(frozen=True)
class ItemRow:
    question: Question
    stat: ItemStat

    @property
    def to_revise(self) -> bool:
        return bool(REVISE & set(self.stat.flags))


def item_rows(
    user: Any, *, election_id: int | None = None, level: str = "", kind: str = ""
) -> list[ItemRow]:
    """Every question answered in the scored attempts of the user's sessions (of one election's
    cascade, one level, one test when given); the questions to revise first."""
    answers = Answer.objects.filter(
        attempt__scored_at__isnull=False,
        attempt__enrolment__session__in=sessions_for(user),
    )
    if election_id is not None:
        answers = answers.filter(attempt__enrolment__session__plan__election_id=election_id)
    if level:
        answers = answers.filter(attempt__enrolment__session__level=level)
    if kind:
        answers = answers.filter(attempt__kind=kind)
    rows = answers.values_list("attempt_id", "question_id", "choice__is_correct")
    stats = item_statistics((a, q, bool(c)) for a, q, c in rows.iterator())
    questions = Question.objects.in_bulk(list(stats))
    out = [ItemRow(questions[q], s) for q, s in stats.items()]
    out.sort(key=lambda r: (not r.to_revise, r.stat.p, r.question.code))
    return out
