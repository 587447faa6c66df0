"""The evidence of one accepted pair of ``PROBABLE_DUPLICATE_PERSON``, as the finding gives it:
the score, the weight of each comparison and the kind of duplicate the levels point to, so
that an analyst (and the finding page) can see why two lines were called one person."""

from __future__ import annotations

from typing import Any

from .linkage import LEVELS, LinkageModel

__all__ = ["KINDS", "explain_pair", "iin_relation"]

#: The kinds of duplicate, in words (the web layer translates them by their key).
KINDS = {
    "mistyped_iin": "a line with a mistyped IIN: the same person and birth date, IINs close",
    "swapped_day_month": "day and month of birth swapped; the IIN encodes the other line's date",
    "maiden_surname": "same first name, patronymic and birth date; another surname "
    "(maiden/married)",
    "same_name": "the same name and birth date under two IINs (a second registry record)",
}


def iin_relation(x: str | None, y: str | None) -> tuple[int | None, bool]:
    """(digits apart, adjacent transposition) of two 12-character IINs.

    >>> iin_relation("900101300012", "900101300021")
    (2, True)
    """
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


def _kind(levels: dict[str, str]) -> str:
    if levels["date"] != "equal":
        return "swapped_day_month"
    if levels["last"] not in ("exact", "similar"):
        return "maiden_surname"
    if levels["iin"] != "registered":
        return "mistyped_iin"
    return "same_name"


def explain_pair(row: dict[str, Any], model: LinkageModel) -> dict[str, Any]:
    """The evidence of a scored pair (a row of :func:`.linkage.score`)."""
    levels = {name: LEVELS[name][row[f"lv_{name}"]] for name in LEVELS}
    distance, transposed = iin_relation(row["iin"], row["iin_b"])
    return {
        "score": round(float(row["score"]), 3),
        "weight": round(float(row["weight"]), 2),
        "kind": _kind(levels),
        "rule": KINDS[_kind(levels)],
        "levels": levels,
        "weights": {name: round(float(row[f"w_{name}"]), 2) for name in LEVELS},
        "birth_date": "equal" if levels["date"] == "equal" else "day_month_swapped",
        "iin_digits_apart": distance,
        "iin_transposition": transposed,
        "similarity": {
            "last_name": round(100 * float(row["sim_last"]), 1),
            "first_name": round(100 * float(row["sim_first"]), 1),
            "patronymic": None
            if levels["pat"] == "missing"
            else round(100 * float(row["sim_pat"]), 1),
        },
    }
