"""``saylau demo-data``: progress on stderr, a refusal for a non-empty directory."""

from __future__ import annotations

from pathlib import Path

import pytest

from saylau.cli import main


def test_demo_data_writes_a_region_and_reports_progress_on_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "region"
    assert main(["demo-data", str(out), "--scale", "0.003", "--seed", "4"]) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "chunk" in captured.err and "Done" in captured.err
    assert (out / "registry" / "persons.csv").is_file()


def test_demo_data_refuses_a_non_empty_directory_without_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "region"
    out.mkdir()
    (out / "notes.txt").write_text("keep")
    assert main(["demo-data", str(out), "--scale", "0.003"]) == 2
    assert "--force" in capsys.readouterr().err
    assert (out / "notes.txt").read_text() == "keep"
    assert main(["demo-data", str(out), "--scale", "0.003", "--force"]) == 0
    assert not (out / "notes.txt").exists()
