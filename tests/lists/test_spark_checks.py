"""Every audit check on Spark gives the polars engine's findings (``saylau audit --engine
spark``), on a standalone cluster in CI (``.ci/with-spark-cluster``), else in local mode.

Marker ``spark``: run by ``make pytest-spark``; skipped where pyspark or Java is missing or
when not selected by ``-m spark``.
"""

from __future__ import annotations

import os
import shutil
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("pyspark")
if shutil.which("java") is None:  # pragma: no cover - CI has Java 17
    pytest.skip("Spark needs Java", allow_module_level=True)

from saylau.cli import main  # noqa: E402
from saylau.lists.audit import CHECKS, AuditConfig, audit_frame, read_inputs  # noqa: E402
from saylau.lists.audit.model import finding_records  # noqa: E402
from saylau.lists.audit.spark_checks import audit_frame_spark  # noqa: E402
from saylau.lists.audit.spark_io import local_session  # noqa: E402
from saylau.lists.demo import DEFAULT_ELECTION_DATE, generate_region  # noqa: E402
from saylau.lists.io import ListsInputError  # noqa: E402

pytestmark = [pytest.mark.spark, pytest.mark.slow]

DAY = DEFAULT_ELECTION_DATE
#: Every check but the duplicate detector, which tests/lists/test_spark.py covers on its own.
WITHOUT_DUPLICATES = AuditConfig(checks=frozenset(CHECKS) - {"PROBABLE_DUPLICATE_PERSON"})


@pytest.fixture(scope="module")
def spark(request: pytest.FixtureRequest) -> Iterator[Any]:
    expr = request.config.option.markexpr or ""
    if "spark" not in expr or "not spark" in expr:
        pytest.skip("the Spark tests run with -m spark (make pytest-spark)")
    master = os.environ.get("SAYLAU_SPARK_MASTER") or None
    session = local_session(cores=2, shuffle_partitions=3, memory="1g", master=master)
    yield session
    session.stop()


@pytest.fixture(scope="module")
def region(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("spark_checks") / "region"
    generate_region(out, scale=0.03, seed=5, inject_errors=True)
    return out


def _rows(path: Path) -> list[list[str]]:
    return [line.split(",") for line in path.read_text(encoding="utf-8").splitlines()]


def _write(path: Path, rows: list[list[str]]) -> None:
    path.write_text("".join(",".join(r) + "\n" for r in rows), encoding="utf-8")


def test_saylau_audit_engine_spark_writes_every_check_of_the_polars_engine_byte_for_byte(
    spark: Any, region: Path, tmp_path: Path
) -> None:
    common = ["audit", str(region), "--election-date", DAY.isoformat(), "--quiet"]
    assert main([*common, "--out", str(tmp_path / "polars.jsonl")]) == 0
    assert main([*common, "--engine", "spark", "--out", str(tmp_path / "spark.jsonl")]) == 0
    written = (tmp_path / "spark.jsonl").read_bytes()
    polars_written = (tmp_path / "polars.jsonl").read_bytes()
    # The injected region has findings of all 16 checks: the equality covers every one.
    checks = Counter(r["check"] for r in map(_json, polars_written.splitlines()))
    assert set(checks) == set(CHECKS)
    assert written == polars_written


def _json(line: bytes) -> dict[str, Any]:
    import json

    return dict(json.loads(line))


def test_many_partitions_and_repeated_registry_rows_keep_the_first_in_file_order(
    spark: Any, region: Path, tmp_path: Path
) -> None:
    tweaked = tmp_path / "tweaked"
    shutil.copytree(region, tweaked)
    persons_csv = tweaked / "registry" / "persons.csv"
    persons = _rows(persons_csv)
    head = persons[0]
    listed = {r[2] for r in _rows(tweaked / "lists" / "voter_lists.csv")[1:]}
    # A later registry row of a listed voter's IIN says they died: the first row wins, no
    # DECEASED; a later row of an address names another precinct: the first wins.
    voter = next(r for r in persons[1:] if r[0] in listed and not r[head.index("death_date")])
    dead = list(voter)
    dead[head.index("death_date")] = "2020-01-01"
    _write(persons_csv, [*persons, dead])
    addresses_csv = tweaked / "registry" / "addresses.csv"
    addresses = _rows(addresses_csv)
    moved = list(addresses[1])
    moved[-1] = "999"
    _write(addresses_csv, [*addresses, moved])

    polars_found = list(
        finding_records(
            audit_frame(read_inputs(tweaked), election_date=DAY, config=WITHOUT_DUPLICATES)
        )
    )
    spark_found = list(
        finding_records(
            audit_frame_spark(
                spark, tweaked, election_date=DAY, config=WITHOUT_DUPLICATES, partitions=7
            )
        )
    )
    assert not any(r["check"] == "DECEASED" and voter[0] in r["iins"] for r in polars_found)
    assert Counter(r["check"] for r in polars_found)["MISSING_VOTER"] > 0
    assert spark_found == polars_found


def test_a_bad_precinct_in_the_registry_addresses_stops_the_spark_run_naming_file_line_and_column(
    spark: Any, region: Path, tmp_path: Path
) -> None:
    broken = tmp_path / "broken"
    shutil.copytree(region, broken)
    addresses_csv = broken / "registry" / "addresses.csv"
    rows = _rows(addresses_csv)
    rows[4][rows[0].index("precinct_no")] = "twelve"
    _write(addresses_csv, rows)
    with pytest.raises(ListsInputError) as caught:
        audit_frame_spark(spark, broken, election_date=DAY, config=WITHOUT_DUPLICATES)
    assert caught.value.file is not None and caught.value.file.endswith("addresses.csv")
    assert caught.value.line == 5
    assert caught.value.field == "precinct_no"
