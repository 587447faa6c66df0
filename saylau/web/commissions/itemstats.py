"""Item statistics of the test questions after a cascade (pure: no database).

* **difficulty** ``p``: the share of attempts that answered the question right;
* **discrimination**: the point-biserial correlation between answering this question right
  and the rest of the attempt's score (the question itself left out, so that it does not
  correlate with itself), and the upper-lower index: the share right among the best 27 % of
  attempts minus the share among the weakest 27 %.

A question is flagged for the trainers to revise when it is answered by at least ``min_n``
attempts and is too hard, too easy, or does not tell strong trainees from weak ones (a
negative discrimination usually means a wrong key or a misleading wording). The thresholds
are the usual rules of thumb of classical test theory, saylau's own choice.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

TOO_HARD = 0.30
TOO_EASY = 0.95
LOW_DISCRIMINATION = 0.20
GROUP = 0.27


@dataclass(frozen=True)
class ItemStat:
    question_id: int
    n: int
    right: int
    p: float
    point_biserial: float | None
    upper_lower: float | None
    flags: tuple[str, ...]


def _pearson(xs: list[float], ys: list[float]) -> float | None:
    n = len(xs)
    if n < 3:
        return None
    mx, my = sum(xs) / n, sum(ys) / n
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    if sxx == 0 or syy == 0:
        return None
    return sxy / math.sqrt(sxx * syy)


def item_statistics(
    responses: Iterable[tuple[int, int, bool]], *, min_n: int = 10
) -> dict[int, ItemStat]:
    """``responses``: ``(attempt id, question id, answered right)``, one per question of each
    scored attempt (a blank answer is wrong)."""
    by_attempt: dict[int, dict[int, bool]] = defaultdict(dict)
    for attempt, question, answered_right in responses:
        by_attempt[attempt][question] = bool(answered_right)
    share = {a: sum(qs.values()) / len(qs) for a, qs in by_attempt.items() if qs}
    by_question: dict[int, list[int]] = defaultdict(list)
    for a, qs in by_attempt.items():
        for q in qs:
            by_question[q].append(a)
    out: dict[int, ItemStat] = {}
    for q, attempts in by_question.items():
        xs = [1.0 if by_attempt[a][q] else 0.0 for a in attempts]
        rest = [
            (sum(by_attempt[a].values()) - by_attempt[a][q]) / max(1, len(by_attempt[a]) - 1)
            for a in attempts
        ]
        n, right = len(xs), int(sum(xs))
        p = right / n
        r = _pearson(xs, rest)
        ranked = sorted(attempts, key=lambda a: share[a])
        k = max(1, round(GROUP * n)) if n >= 4 else 0
        ul = (
            sum(by_attempt[a][q] for a in ranked[-k:]) / k
            - sum(by_attempt[a][q] for a in ranked[:k]) / k
            if k
            else None
        )
        flags: list[str] = []
        if n < min_n:
            flags.append("few_answers")
        else:
            if p < TOO_HARD:
                flags.append("too_hard")
            if p > TOO_EASY:
                flags.append("too_easy")
            if r is not None and r < 0:
                flags.append("negative_discrimination")
            elif r is not None and r < LOW_DISCRIMINATION:
                flags.append("low_discrimination")
        out[q] = ItemStat(q, n, right, p, r, ul, tuple(flags))
    return out
