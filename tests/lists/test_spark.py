"""PROBABLE_DUPLICATE_PERSON on Spark (local mode) gives the polars engine's findings.

Run by ``make pytest-spark`` (which installs the optional ``spark`` group and selects
``-m spark``); skipped where pyspark or Java is missing, or when not selected by ``-m spark``,
so the default suite neither needs nor waits for them.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("pyspark")
if shutil.which("java") is None:  # pragma: no cover - CI has Java 17
    pytest.skip("Spark needs Java", allow_module_level=True)

from saylau.cli import main  # noqa: E402
from saylau.lists.audit import AuditConfig, audit_frame, read_inputs  # noqa: E402
from saylau.lists.audit.model import finding_records  # noqa: E402
from saylau.lists.audit.quality import read_jsonl  # noqa: E402
from saylau.lists.audit.spark import local_session, probable_duplicates_spark  # noqa: E402
from saylau.lists.demo import DEFAULT_ELECTION_DATE, generate_region  # noqa: E402
from saylau.lists.io import ListsInputError  # noqa: E402

pytestmark = [pytest.mark.spark, pytest.mark.slow]

CHECK = "PROBABLE_DUPLICATE_PERSON"


@pytest.fixture(scope="module")
def spark(request: pytest.FixtureRequest) -> Iterator[Any]:
    # A JVM and ~1.5 minutes of two shared cores: only when asked for (make pytest-spark, CI),
    # not in every `make test` of a machine where the spark group happens to be installed.
    expr = request.config.option.markexpr or ""
    if "spark" not in expr or "not spark" in expr:
        pytest.skip("the Spark tests run with -m spark (make pytest-spark)")
    # CI (.ci/with-spark-cluster) runs a standalone master and worker on loopback and names
    # the master here; without it, local mode.
    master = os.environ.get("SAYLAU_SPARK_MASTER") or None
    session = local_session(cores=2, shuffle_partitions=3, memory="1g", master=master)
    if master:
        assert session.sparkContext.master == master
    yield session
    session.stop()


@pytest.fixture(scope="module")
def region(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("spark") / "region"
    generate_region(out, scale=0.03, seed=5, inject_errors=True)
    return out


def groups(records: list[dict[str, Any]]) -> set[tuple[tuple[int, int], ...]]:
    return {tuple((x["precinct_no"], x["line_no"]) for x in r["lines"]) for r in records}


def test_spark_finds_the_same_groups_of_lines_as_the_polars_engine_with_the_same_evidence(
    spark: Any, region: Path
) -> None:
    config = AuditConfig(checks=frozenset({CHECK}))
    polars_found = list(
        finding_records(
            audit_frame(read_inputs(region), election_date=DEFAULT_ELECTION_DATE, config=config)
        )
    )
    spark_found = list(
        finding_records(
            probable_duplicates_spark(spark, region, election_date=DEFAULT_ELECTION_DATE)
        )
    )
    injected = [r for r in read_jsonl(region / "expected_findings.jsonl") if r["check"] == CHECK]
    assert len(injected) >= 10  # the region has duplicates to find: the equality is not empty
    assert len(polars_found) >= 0.8 * len(injected)
    assert groups(spark_found) == groups(polars_found)
    assert sorted(spark_found, key=json.dumps) == sorted(polars_found, key=json.dumps)


def test_a_bad_birth_date_on_a_list_stops_the_spark_run_naming_file_line_and_column(
    spark: Any, region: Path, tmp_path: Path
) -> None:
    broken = tmp_path / "broken"
    shutil.copytree(region, broken)
    lists = broken / "lists" / "voter_lists.csv"
    text = lists.read_text(encoding="utf-8").splitlines(keepends=True)
    header = text[0].rstrip("\n").split(",")
    fields = text[5].rstrip("\n").split(",")
    fields[header.index("birth_date")] = "1980-13-45"
    text[5] = ",".join(fields) + "\n"
    lists.write_text("".join(text), encoding="utf-8")
    with pytest.raises(ListsInputError) as caught:
        probable_duplicates_spark(spark, broken, election_date=DEFAULT_ELECTION_DATE)
    assert caught.value.file is not None and caught.value.file.endswith("voter_lists.csv")
    assert caught.value.line == 6
    assert caught.value.field == "birth_date"


def test_saylau_audit_engine_spark_writes_the_polars_engines_findings_file_byte_for_byte(
    spark: Any, region: Path, tmp_path: Path
) -> None:
    common = ["audit", str(region), "--election-date", DEFAULT_ELECTION_DATE.isoformat()]
    common += ["--check", CHECK, "--quiet"]
    assert main([*common, "--out", str(tmp_path / "polars.jsonl")]) == 0
    assert main([*common, "--engine", "spark", "--out", str(tmp_path / "spark.jsonl")]) == 0
    written = (tmp_path / "spark.jsonl").read_bytes()
    assert written.count(b"\n") >= 10
    assert written == (tmp_path / "polars.jsonl").read_bytes()


def test_a_list_that_is_not_utf8_stops_the_spark_run_with_the_strict_readers_error(
    spark: Any, region: Path, tmp_path: Path
) -> None:
    broken = tmp_path / "latin1"
    shutil.copytree(region, broken)
    lists = broken / "lists" / "voter_lists.csv"
    data = lists.read_bytes().split(b"\n")
    header = data[0].decode().split(",")
    fields = data[3].split(b",")
    fields[header.index("last_name")] += b"\xd6"  # a lone Latin-1 byte in a name
    data[3] = b",".join(fields)
    lists.write_bytes(b"\n".join(data))
    with pytest.raises(ListsInputError) as caught:
        probable_duplicates_spark(spark, broken, election_date=DEFAULT_ELECTION_DATE)
    assert caught.value.file is not None and caught.value.file.endswith("voter_lists.csv")
    assert "UTF-8" in str(caught.value)


def test_a_list_of_two_lines_leaves_partitions_empty_and_gives_no_finding(
    spark: Any, region: Path, tmp_path: Path
) -> None:
    small = tmp_path / "small"
    shutil.copytree(region, small)
    lists = small / "lists" / "voter_lists.csv"
    lists.write_text("".join(lists.read_text(encoding="utf-8").splitlines(True)[:3]), "utf-8")
    found = probable_duplicates_spark(
        spark, small, election_date=DEFAULT_ELECTION_DATE, partitions=8
    )
    assert found.height == 0
