"""A killed audit leaves no temporary file for good: the next run removes it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from saylau.lists.audit.model import empty_findings
from saylau.lists.audit.run import write_findings
from saylau.lists.io import tempfiles


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])  # noqa: S603 - fixed argv
    child.wait()
    return child.pid


def test_the_next_run_removes_the_temporary_file_of_a_killed_run(tmp_path: Path) -> None:
    left = tmp_path / f".findings.jsonl.{dead_pid()}.abcd1234.tmp"
    left.write_text('{"half": ', encoding="utf-8")
    assert write_findings(empty_findings(), tmp_path / "findings.jsonl") == 0
    assert not left.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["findings.jsonl"]


def test_a_temporary_file_of_a_live_process_is_kept(tmp_path: Path) -> None:
    mine = tmp_path / f"{tempfiles.prefix('findings.jsonl')}x.tmp"
    mine.write_text("", encoding="utf-8")
    other = tmp_path / ".other.csv.1.x.tmp"
    other.write_text("", encoding="utf-8")
    assert tempfiles.remove_leftovers(tmp_path, "findings.jsonl") == []
    assert mine.exists() and other.exists()
