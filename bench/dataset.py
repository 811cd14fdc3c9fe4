"""A province-scale data set in PostgreSQL, made once and kept between benchmark runs.

2,000 units (a root, 50 development zones, 950 townships — 200 of them under a zone, so the tree has
depth — and 999 departments), 100,000 projects, 1,000,000 arrivals over 5 years (2020–2024) and the
targets of every unit and year. Generated inside the database with generate_series, so it takes
seconds rather than the minutes that ORM inserts would. Not tracked by history: benchmark data only.
"""
from __future__ import annotations

import os
import time

import psycopg2

BENCH_DB = os.environ.get("BENCH_DB", "zs_bench")
BENCH_URL = os.environ.get("BENCH_DATABASE_URL", f"postgres://postgres@127.0.0.1:5432/{BENCH_DB}")
YEARS = (2020, 2021, 2022, 2023, 2024)
N_UNITS, N_PROJECTS, ARRIVALS_PER_PROJECT = 2000, 100_000, 10


def ensure_database() -> None:
    """Create the benchmark database if it does not exist yet."""
    conn = psycopg2.connect(host="127.0.0.1", port=5432, user="postgres", dbname="postgres")
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", [BENCH_DB])
        if not cur.fetchone():
            cur.execute(f'CREATE DATABASE "{BENCH_DB}"')
    conn.close()


GENERATE_SQL = f"""
TRUNCATE projects_arrival, projects_project, targets_target, units_profile, units_unit RESTART IDENTITY CASCADE;

INSERT INTO units_unit (id, code, name, kind, parent_id, sort_order, version)
SELECT 1, 'city', '全省', 'city', NULL, 0, 1;
INSERT INTO units_unit (id, code, name, kind, parent_id, sort_order, version)
SELECT g, 'z' || g, '开发区' || g, 'development_zone', 1, g, 1 FROM generate_series(2, 51) g;
INSERT INTO units_unit (id, code, name, kind, parent_id, sort_order, version)
SELECT g, 't' || g, '乡镇' || g, 'township', CASE WHEN g <= 251 THEN 2 + (g % 50) ELSE 1 END, g, 1
FROM generate_series(52, 1001) g;
INSERT INTO units_unit (id, code, name, kind, parent_id, sort_order, version)
SELECT g, 'd' || g, '部门' || g, 'department', 1, g, 1 FROM generate_series(1002, {N_UNITS}) g;
SELECT setval(pg_get_serial_sequence('units_unit', 'id'), {N_UNITS});

INSERT INTO targets_target (year, unit_id, indicator, kind, amount, version)
SELECT y, u, ind, k, (100 + (u * 37) % 900) * CASE k WHEN 'assessment' THEN 1.0 ELSE 1.4 END
       * CASE ind WHEN 'registered_fdi' THEN 2 ELSE 1 END, 1
FROM generate_series({YEARS[0]}, {YEARS[-1]}) y, generate_series(1, {N_UNITS}) u,
     (VALUES ('registered_fdi'), ('paid_in_fdi')) i(ind), (VALUES ('assessment'), ('stretch')) kk(k);

INSERT INTO projects_project (code, name, unit_id, type, stage, approved_on, registered_fdi, investor, country,
                              industry, backbone, total_investment, version, created_at, updated_at, grafted,
                              activity, dropped_reason, key, leader, team)
SELECT 'P' || g, '项目' || g, 2 + (g::bigint * 7919) % ({N_UNITS} - 1),
       (ARRAY['new', 'increase', 'merger'])[1 + g % 3],
       CASE WHEN g % 20 = 0 THEN 'negotiating' ELSE 'approved' END,
       CASE WHEN g % 20 = 0 THEN NULL
            ELSE DATE '{YEARS[0]}-01-01' + ((g::bigint * 104729) % (365 * {len(YEARS)}))::int END,
       ((g * 31) % 2000) / 10.0 + 1, '', '', '', g % 17 = 0, NULL, 1, now(), now(), g % 23 = 0,
       '', '', g % 1000 = 0, '', ''
FROM generate_series(1, {N_PROJECTS}) g;

INSERT INTO projects_arrival (project_id, year, month, amount, carry_over, version)
SELECT p, {YEARS[0]} + s / 2, (s % 2) * 6 + 1 + (p % 6), ((p * 13 + s * 7) % 500) / 10.0 + 0.5,
       false, 1
FROM generate_series(1, {N_PROJECTS}) p, generate_series(0, {ARRIVALS_PER_PROJECT - 1}) s;

ANALYZE;
"""


def ensure_dataset(connection) -> dict[str, float]:
    """Fill the (migrated) database unless it already holds the data set; returns what it did."""
    with connection.cursor() as cur:
        cur.execute("SELECT (SELECT count(*) FROM units_unit), (SELECT count(*) FROM projects_arrival)")
        units, arrivals = cur.fetchone()
        if units == N_UNITS and arrivals == N_PROJECTS * ARRIVALS_PER_PROJECT:
            return {"generated": 0, "seconds": 0.0}
        started = time.perf_counter()
        cur.execute(GENERATE_SQL)
    return {"generated": 1, "seconds": time.perf_counter() - started}
