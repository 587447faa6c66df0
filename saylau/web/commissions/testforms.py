"""Each attempt its own form: questions drawn across topics, options in their own order.

Pure functions (no database), so that the claim "a strategy that ignores the questions scores
at chance level" can be checked over thousands of simulated attempts
(``tests/web/commissions/test_test_forms.py``).
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class BankQuestion:
    id: int
    topic: str
    difficulty: int
    choice_ids: tuple[int, ...]


@dataclass(frozen=True)
class FormItem:
    question_id: int
    choice_order: tuple[int, ...]


def draw_form(bank: Sequence[BankQuestion], *, size: int, rng: random.Random) -> list[FormItem]:
    """``size`` questions (all if the bank is smaller), taken in turn from every topic so that
    no topic is left out while another gives two; the questions and each question's options
    in a random order of their own."""
    by_topic: dict[str, list[BankQuestion]] = defaultdict(list)
    for q in bank:
        by_topic[q.topic].append(q)
    pools = [list(qs) for _, qs in sorted(by_topic.items())]
    for pool in pools:
        rng.shuffle(pool)
    rng.shuffle(pools)
    picked: list[BankQuestion] = []
    while len(picked) < size and any(pools):
        for pool in pools:
            if pool and len(picked) < size:
                picked.append(pool.pop())
    rng.shuffle(picked)
    out = []
    for q in picked:
        order = list(q.choice_ids)
        rng.shuffle(order)
        out.append(FormItem(q.id, tuple(order)))
    return out


def split_parts(items: Sequence[tuple[str, str, int]]) -> dict[str, str]:
    """Share questions ``(code, topic, difficulty)`` between the entry and the final test:
    within each topic and difficulty, in code order, alternately; so the two parts are
    disjoint and of the same difficulty (they differ by at most one question per stratum)."""
    strata: dict[tuple[str, int], list[str]] = defaultdict(list)
    for code, topic, difficulty in sorted(items):
        strata[(topic, difficulty)].append(code)
    out: dict[str, str] = {}
    sizes = {"entry": 0, "final": 0}
    for key in sorted(strata):
        first = "entry" if sizes["entry"] <= sizes["final"] else "final"
        second = "final" if first == "entry" else "entry"
        for i, code in enumerate(strata[key]):
            part = first if i % 2 == 0 else second
            out[code] = part
            sizes[part] += 1
    return out
