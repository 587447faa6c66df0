"""The synthetic region: a registry extract, precincts and compiled voter lists.

``generate_region(out_dir, scale=, seed=)`` writes the files of the voter-list audit format
(docs/formats/voter-list-audit.md; docs/formats/voter-list-audit.md) for a
Zhambyl-like oblast, optionally with injected errors and the answer key a perfect audit
would give (``expected_findings.jsonl``). See docs/demo-data.md.
"""

from __future__ import annotations

from .region import DEFAULT_ELECTION_DATE, RegionSummary, generate_region

__all__ = ["DEFAULT_ELECTION_DATE", "RegionSummary", "generate_region"]
