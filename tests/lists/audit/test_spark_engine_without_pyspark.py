"""``saylau audit --engine spark`` where pyspark is not installed (default suite, no Spark)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from saylau.cli import main

from .builders import Region
from .test_command import write_region


def test_without_pyspark_the_spark_engine_is_a_one_line_error_naming_how_to_install_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    directory = write_region(Region(), tmp_path / "region")
    monkeypatch.setitem(sys.modules, "pyspark", None)  # `import pyspark` raises ImportError
    out = tmp_path / "f.jsonl"
    args = ["audit", str(directory), "--election-date", "2027-03-21", "--out", str(out)]
    assert main([*args, "--engine", "spark"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert "pyspark is not installed" in err
    assert "uv sync --group spark" in err
    assert not out.exists()
