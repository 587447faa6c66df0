"""The decision on one candidate pair of ``PROBABLE_DUPLICATE_PERSON``: are two list lines
one person, and on what evidence (the rules are those of :mod:`.duplicates`' module doc, in
order; the first that holds names the pair). Kept apart from the blocking so that the polars
and the Spark engines call the very same function on their pairs."""

from __future__ import annotations

from typing import Any

from rapidfuzz.distance import Levenshtein

__all__ = ["score_pair"]


def _iin_relation(x: str | None, y: str | None) -> tuple[int | None, bool]:
    """(digits apart, adjacent transposition) of two 12-character IINs."""
    if x is None or y is None or len(x) != 12 or len(y) != 12:
        return None, False
    diff = [i for i in range(12) if x[i] != y[i]]
    swap = (
        len(diff) == 2
        and diff[1] == diff[0] + 1
        and x[diff[0]] == y[diff[1]]
        and x[diff[1]] == y[diff[0]]
    )
    return len(diff), swap


def score_pair(
    a: dict[str, Any], b: dict[str, Any], *, threshold: float = 85.0
) -> dict[str, Any] | None:
    """Decide whether two prepared lines are one person; the evidence if so, else ``None``.

    The rules of the module docstring, in order; the first that holds names the pair.
    """
    if a["sex"] and b["sex"] and a["sex"] != b["sex"]:
        return None
    sim_first = 100 * Levenshtein.normalized_similarity(a["sk_first"] or "", b["sk_first"] or "")
    sim_last = 100 * Levenshtein.normalized_similarity(a["sk_last"] or "", b["sk_last"] or "")
    both_pat = bool(a["sk_pat"]) and bool(b["sk_pat"])
    sim_pat = (
        100 * Levenshtein.normalized_similarity(a["sk_pat"], b["sk_pat"]) if both_pat else None
    )
    same_first = a["sk_first"] == b["sk_first"]
    same_last = a["sk_last"] == b["sk_last"]
    same_pat = both_pat and a["sk_pat"] == b["sk_pat"]
    pat_agrees = same_pat or not both_pat
    same_date = a["bd"] == b["bd"]
    distance, transposed = _iin_relation(a["iin"], b["iin"])
    iin_close = transposed or (distance is not None and distance <= 2)
    loose = a["loose"] or b["loose"]
    one_office = a["district"] is None or b["district"] is None or a["district"] == b["district"]
    rule: str | None = None
    if same_date and same_first and same_last and pat_agrees:
        rule = "same name and birth date"
    elif not same_date and a["spelling"] == b["spelling"] and one_office:
        rule = "the same spelling of the full name, day and month of birth swapped"
    elif (
        same_date
        and same_first
        and same_pat
        and not same_last
        and "F" in (a["sex"], b["sex"])
        and one_office
    ):
        rule = "same first name, patronymic and birth date; another surname (maiden/married)"
    elif (
        same_date
        and loose
        and iin_close
        and min(sim_first, sim_last) >= threshold
        and (sim_pat is None or sim_pat >= threshold)
    ):
        rule = "a line with a mistyped IIN: a near-identical name and the same birth date"
    if rule is None:
        return None
    pat_score = sim_pat if sim_pat is not None else 90.0
    score = (
        0.25 * sim_last
        + 0.3 * sim_first
        + 0.15 * pat_score
        + 0.2 * (100.0 if same_date else 90.0)
        + 0.1 * (100.0 if iin_close else 80.0)
    ) / 100
    if rule.startswith("same first name"):
        score = max(score, 0.9)
    return {
        "score": round(score, 3),
        "rule": rule,
        "birth_date": "equal" if same_date else "day_month_swapped",
        "iin_digits_apart": distance,
        "iin_transposition": transposed,
        "similarity": {
            "last_name": round(sim_last, 1),
            "first_name": round(sim_first, 1),
            "patronymic": None if sim_pat is None else round(sim_pat, 1),
        },
    }
