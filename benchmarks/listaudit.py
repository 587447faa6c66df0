"""Benchmark of the list audit in the application: a run over the stored register, the analysis.

    PGPORT=54343 flock /tmp/saylau-bench.lock bash .ci/with-postgres \\
        .venv/bin/python benchmarks/listaudit.py --data /work/data/scale1

Imports the extract of DIR (read only; ``saylau demo-data`` output) with the register's import
service, stores its ``lists/voter_lists.csv`` as the compiled lists of one election (in bulk;
lines whose IIN no registry person has cannot be stored, the list entry points at a person),
then times: exporting the stored register and lists to the engine's frames, a whole run
(export, 16 checks, findings stored with fingerprints), the analysis aggregates, the analysis
page and the PDF report. Prints one JSON object: per step the wall time, this process's CPU
time (the database server's CPU is not in it) and the load average before and after.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def store_lists(directory: Path, region: Any, day: date) -> tuple[Any, int]:
    """The extract's voter lists as one election's compiled lists, loaded in bulk."""
    import polars as pl
    from django.db import connection

    from saylau.lists import io as lists_io
    from saylau.web.elections.models import Election
    from saylau.web.listaudit.services.export import query_frame
    from saylau.web.register.models import Person, VoterList, VoterListEntry
    from saylau.web.territory.models import Precinct

    election = Election.objects.create(
        name_kk="Бенчмарк", name_ru="Бенчмарк", name_en="Benchmark", day=day, region=region
    )
    lines = lists_io.read_table(directory, lists_io.LISTS)
    ids = query_frame(
        f"SELECT id, iin FROM {Person._meta.db_table} WHERE region_id = {int(region.pk)}",  # noqa: S608
        {"person_id": "int", "iin": "text"},
    )
    numbers = dict(Precinct.objects.filter(region=region).values_list("number", "id"))
    lists = VoterList.objects.bulk_create(
        [VoterList(election=election, precinct_id=pk) for pk in numbers.values()]
    )
    list_of = {vl.precinct_id: vl.pk for vl in lists}
    by_number = pl.DataFrame(
        {"precinct_no": list(numbers), "voter_list_id": [list_of[p] for p in numbers.values()]},
        schema={"precinct_no": pl.Int64, "voter_list_id": pl.Int64},
    )
    entries = (
        lines.join(ids, on="iin", how="inner")
        .join(by_number, on="precinct_no", how="inner")
        .unique(["voter_list_id", "person_id"], keep="first")
        .select(
            "voter_list_id",
            pl.lit("main").alias("part"),
            pl.col("line_no").alias("number"),
            "person_id",
            pl.lit("residence").alias("basis"),
        )
    )
    buf = io.BytesIO()
    entries.write_csv(buf, include_header=False)
    buf.seek(0)
    table = VoterListEntry._meta.db_table
    with connection.cursor() as cur:
        if connection.vendor != "postgresql":
            msg = "this benchmark loads the lists with COPY: run it on PostgreSQL"
            raise SystemExit(msg)
        with cur.cursor.copy(
            f"COPY {table} (voter_list_id, part, number, person_id, basis) FROM STDIN WITH (FORMAT csv)"
        ) as copy:
            copy.write(buf.getvalue())
        cur.execute(f"ANALYZE {table}")
    return election, entries.height


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, required=True, help="a saylau demo-data directory")
    ap.add_argument("--repeat", type=int, default=3, help="repeats of the analysis timings")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="saylau-bench-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "saylau.web.config.settings.local"
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp / 'bench.sqlite3'}")
    from saylau.commands._django import setup

    setup()
    from django.conf import settings
    from django.core.cache import cache
    from django.db import connection
    from django.test import RequestFactory
    from django.utils import translation

    from saylau.web.listaudit import views
    from saylau.web.listaudit.analysis import analyse
    from saylau.web.listaudit.models import AuditRun
    from saylau.web.listaudit.pdf import analysis_pdf
    from saylau.web.listaudit.services.export import register_inputs
    from saylau.web.listaudit.services.runs import execute_run
    from saylau.web.register.services.importing import import_registry
    from tests.factories import user_for

    settings.ALLOWED_HOSTS = ["*"]
    meta = json.loads((args.data / "region.json").read_text(encoding="utf-8"))
    day = date.fromisoformat(meta.get("election_date", "2027-03-21"))
    results: dict[str, Any] = {"database": connection.vendor, "data": str(args.data)}

    def timed(label: str, fn: Callable[[], Any]) -> Any:
        before, c0, t0 = load(), cpu(), time.perf_counter()
        value = fn()
        results[f"{label}_s"] = round(time.perf_counter() - t0, 3)
        results[f"{label}_cpu_s"] = round(cpu() - c0, 3)
        results[f"{label}_load"] = f"{before} -> {load()}"
        print(f"{label}: {results[f'{label}_s']} s, load {load()}", file=sys.stderr, flush=True)
        return value

    job = timed("import", lambda: import_registry(directory=args.data, actor="benchmark"))
    region = job.region
    election, stored = timed("store_lists", lambda: store_lists(args.data, region, day))
    results["list_entries_stored"] = stored
    with connection.cursor() as cur:
        cur.execute("ANALYZE")
    inputs = timed("export", lambda: register_inputs(region.pk, election_id=election.pk))
    results["persons"] = inputs.persons.height
    results["lines"] = inputs.lines.height
    del inputs
    queued = AuditRun.objects.create(
        region=region, election=election, election_date=day, source=AuditRun.Source.DATABASE
    )
    run = timed("run", lambda: execute_run(queued.pk))
    results["run_status"] = run.status
    results["findings"] = run.findings_total
    results["counts"] = run.counts
    # A second run: every finding's fingerprint is looked up among the resolutions.
    again = AuditRun.objects.create(
        region=region, election=election, election_date=day, source=AuditRun.Source.DATABASE
    )
    timed("run_again", lambda: execute_run(again.pk))

    user = user_for("regional", place=region)
    rf = RequestFactory()
    walls: dict[str, list[float]] = {
        "analysis_uncached": [],
        "analysis_cached": [],
        "page_cached": [],
        "pdf": [],
    }
    a = None
    for i in range(args.repeat + 1):  # the first round loads templates and fonts: not counted
        if i == 1:
            results["first_round_s"] = {k: round(v[0], 3) for k, v in walls.items()}
            walls = {k: [] for k in walls}
        cache.clear()
        t0 = time.perf_counter()
        a = analyse(region, day=day)
        walls["analysis_uncached"].append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        a = analyse(region, day=day)
        walls["analysis_cached"].append(time.perf_counter() - t0)
        request = rf.get(f"/listaudit/regions/{region.pk}/analysis/")
        request.user = user
        with translation.override("ru"):
            t0 = time.perf_counter()
            resp = views.analysis(request, region_id=region.pk)
            walls["page_cached"].append(time.perf_counter() - t0)
            assert resp.status_code == 200
            t0 = time.perf_counter()
            analysis_pdf(a)
            walls["pdf"].append(time.perf_counter() - t0)
    for key, values in walls.items():
        results[f"{key}_median_s"] = round(statistics.median(values), 3)
        results[f"{key}_all_s"] = [round(v, 3) for v in values]
    assert a is not None
    results["voters"] = a.voters
    results["first_time"] = a.first_time
    results["precincts_over_max"] = len(a.over_max)
    results["peak_rss_mib"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    results["load_end"] = load()
    print(json.dumps(results, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
