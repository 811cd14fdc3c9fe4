"""Benchmark: the full progress report against one hand-written SQL query, on a province-scale data set.

    .venv/bin/python bench/report_bench.py            # or: bash bench/run

Prints the median time of the report, of the hand-written per-unit YTD query, their ratio, and the
number of queries the report used. The data set (bench/dataset.py) is generated once in PostgreSQL
(database zs_bench) and reused by later runs. Aim: ratio ≤ 2, report ≤ 1 s.
"""
from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import dataset  # noqa: E402

os.environ["DATABASE_URL"] = dataset.BENCH_URL
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
dataset.ensure_database()

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

YEAR, MONTH, RUNS = 2024, 7, int(os.environ.get("BENCH_RUNS", "7"))

# The baseline: what a DBA would write by hand for the per-unit YTD sums of both indicators (own
# credited amounts, this year and last), with no tree, targets, ranks or formulas.
HAND_SQL = """
SELECT u.id,
       COALESCE(r.ytd, 0), COALESCE(r.ly, 0), COALESCE(a.ytd, 0), COALESCE(a.ly, 0)
FROM units_unit u
LEFT JOIN (
    SELECT unit_id,
           SUM(CASE WHEN approved_on BETWEEN %(start)s AND %(end)s THEN registered_fdi ELSE 0 END) AS ytd,
           SUM(CASE WHEN approved_on BETWEEN %(ly_start)s AND %(ly_end)s THEN registered_fdi ELSE 0 END) AS ly
    FROM projects_project WHERE approved_on BETWEEN %(ly_start)s AND %(end)s GROUP BY unit_id
) r ON r.unit_id = u.id
LEFT JOIN (
    SELECT p.unit_id,
           SUM(CASE WHEN a.year = %(year)s THEN a.amount ELSE 0 END) AS ytd,
           SUM(CASE WHEN a.year = %(year)s - 1 THEN a.amount ELSE 0 END) AS ly
    FROM projects_arrival a JOIN projects_project p ON p.id = a.project_id
    WHERE a.year IN (%(year)s, %(year)s - 1) AND a.month <= %(month)s GROUP BY p.unit_id
) a ON a.unit_id = u.id
"""


# The same per-unit YTD sums as the report's: each unit's own sums rolled up its subtree (the city
# holds everything), as a DBA would write it by hand — still no targets, ranks, formulas or groups.
HAND_ROLLED_SQL = """
WITH RECURSIVE tree(ancestor_id, unit_id) AS (
    SELECT id, id FROM units_unit
    UNION ALL
    SELECT tree.ancestor_id, u.id FROM tree JOIN units_unit u ON u.parent_id = tree.unit_id
), own AS (""" + HAND_SQL.replace("SELECT u.id,", "SELECT u.id AS unit_id,").replace(
    "COALESCE(r.ytd, 0), COALESCE(r.ly, 0), COALESCE(a.ytd, 0), COALESCE(a.ly, 0)",
    "COALESCE(r.ytd, 0) AS r_ytd, COALESCE(r.ly, 0) AS r_ly, COALESCE(a.ytd, 0) AS a_ytd, COALESCE(a.ly, 0) AS a_ly",
) + """)
SELECT tree.ancestor_id, SUM(r_ytd), SUM(r_ly), SUM(a_ytd), SUM(a_ly)
FROM tree JOIN own ON own.unit_id = tree.unit_id GROUP BY tree.ancestor_id
"""


def interleaved_medians(fns: list, runs: int = RUNS) -> list[float]:
    for fn in fns:
        fn()  # warm the caches once
    times: list[list[float]] = [[] for _ in fns]
    for _ in range(runs):
        for i, fn in enumerate(fns):
            started = time.perf_counter()
            fn()
            times[i].append(time.perf_counter() - started)
    return [statistics.median(t) for t in times]


def median_seconds(fn, runs: int = RUNS) -> float:
    fn()  # warm the cache once
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    from reports.progress import progress_report

    call_command("migrate", verbosity=0)
    made = dataset.ensure_dataset(connection)
    with connection.cursor() as cur:
        cur.execute("SELECT (SELECT count(*) FROM units_unit), (SELECT count(*) FROM projects_project),"
                    " (SELECT count(*) FROM projects_arrival), (SELECT count(*) FROM targets_target)")
        units, projects, arrivals, targets = cur.fetchone()
    print(f"data set: {units} units, {projects} projects, {arrivals} arrivals, {targets} targets"
          + (f" (generated in {made['seconds']:.1f} s)" if made["generated"] else " (reused)"))

    params = {"year": YEAR, "month": MONTH, "start": f"{YEAR}-01-01", "end": f"{YEAR}-{MONTH:02d}-31",
              "ly_start": f"{YEAR - 1}-01-01", "ly_end": f"{YEAR - 1}-{MONTH:02d}-31"}

    def hand() -> None:
        with connection.cursor() as cur:
            cur.execute(HAND_SQL, params)
            cur.fetchall()

    def hand_rolled() -> None:
        with connection.cursor() as cur:
            cur.execute(HAND_ROLLED_SQL, params)
            cur.fetchall()

    def report() -> None:
        progress_report(year=YEAR, month=MONTH)

    with CaptureQueriesContext(connection) as ctx:
        result = progress_report(year=YEAR, month=MONTH)
    queries = len(ctx.captured_queries)

    # Interleaved, run by run, so that the noise of a busy machine falls on all three alike.
    t_hand, t_rolled, t_report = interleaved_medians([hand, hand_rolled, report])
    print(f"report {YEAR} 1-{MONTH}月: {len(result.units)} unit rows, {len(result.groups)} group rows")
    print(f"median full report       : {t_report * 1000:8.1f} ms   (aim ≤ 1000 ms)")
    print(f"median hand-written SQL  : {t_hand * 1000:8.1f} ms   (each unit's own YTD sums)")
    print(f"median hand SQL, rolled  : {t_rolled * 1000:8.1f} ms   (the same sums rolled up the tree, as the report's)")
    print(f"ratio report / hand SQL  : {t_report / t_hand:8.2f}      (aim ≤ 2)")
    print(f"ratio report / rolled SQL: {t_report / t_rolled:8.2f}")
    print(f"queries used by report   : {queries:8d}")

    for name, fn in extra_benchmarks().items():
        print(f"median {name:<18}: {median_seconds(fn, runs=3) * 1000:8.1f} ms")

    from bench import pages_bench

    pages_bench.run(YEAR, MONTH, t_report)


def extra_benchmarks() -> dict:
    """Other timings over the same data set (the briefing exports add theirs here)."""
    found = {}
    try:
        from bench import exports_bench
    except ImportError:
        return found
    found.update(exports_bench.benchmarks(YEAR, MONTH))
    return found


if __name__ == "__main__":
    main()
