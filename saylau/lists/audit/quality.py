"""Precision and recall of an audit against an answer key (``expected_findings.jsonl``).

Two findings are the same when they have the same check and point at the same things: the
same set of list lines, registry IINs, address and precinct. Messages and evidence are free
text and do not count.

>>> f = {"check": "DECEASED", "lines": [{"precinct_no": 1, "line_no": 2}], "iins": ["x"],
...      "address_id": None, "precinct_no": None}
>>> score_findings([f], [f])["DECEASED"]
CheckScore(expected=1, found=1, correct=1)
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["CheckScore", "finding_key", "read_jsonl", "score_findings"]

Key = tuple[str, frozenset[tuple[int, int]], frozenset[str], str | None, int | None]


@dataclass(frozen=True)
class CheckScore:
    expected: int
    found: int
    correct: int

    @property
    def precision(self) -> float:
        return self.correct / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.expected if self.expected else 1.0


def finding_key(f: Mapping[str, Any]) -> Key:
    return (
        f["check"],
        frozenset((int(x["precinct_no"]), int(x["line_no"])) for x in f["lines"]),
        frozenset(f["iins"]),
        f["address_id"],
        f["precinct_no"],
    )


def score_findings(
    expected: Iterable[Mapping[str, Any]], found: Iterable[Mapping[str, Any]]
) -> dict[str, CheckScore]:
    """Per check: how many were expected, found, and found correctly."""
    exp = {finding_key(f) for f in expected}
    got = {finding_key(f) for f in found}
    checks = sorted({k[0] for k in exp | got})
    return {
        c: CheckScore(
            expected=sum(1 for k in exp if k[0] == c),
            found=sum(1 for k in got if k[0] == c),
            correct=sum(1 for k in exp & got if k[0] == c),
        )
        for c in checks
    }


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with Path(path).open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]
