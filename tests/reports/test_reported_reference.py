"""A generated city whose units report 进出口、出口、外经营业额 through the workbook (sheets ``units``,
``targets``, ``figures``): the §2 blocks of the three reported indicators, for every unit and every
group, equal an independent reference computed here in plain Python from the generated rows, to 0.01.

The generator gives units of each kind a random mix: figures every month, figures with gaps, reported
zeros, no report at all, a target but no figures, figures but no target, ties in completion, and last
year's figures for 同比. The reference follows DOMAIN.md and INTERFACES.md §2 (round half up to 0.01;
gaps from the shown values; on schedule by the shown completion; done by amount; ranks with ties
sharing the better one) and shares no code with the report.

Percentages computed in SQLite's binary floating point may round an exact half-cent tie either way; on
PostgreSQL (NUMERIC) everything is exact. ``same`` allows that one case and nothing else.
"""
from __future__ import annotations

import random
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from projects.models import ReportedFigure
from reports.progress import progress_report
from targets.models import Target
from tests.factories import PAST_YEAR
from tests.workbook.conftest import make_xlsx
from units.models import Unit
from workbook.importer import import_workbook

YEAR = PAST_YEAR
REPORTED = ("trade_total", "exports", "outward_revenue")
KINDS = ("assessment", "stretch", "doubling")
CENT = Decimal("0.01")
D0 = Decimal("0.00")


def r2(value: Decimal) -> Decimal:
    return value.quantize(CENT, ROUND_HALF_UP)


# --- the generator -----------------------------------------------------------------------------------------


def generate(seed: int, *, townships: int = 12, departments: int = 9) -> dict:
    """Units, targets and monthly figures (two years) of a random city, as workbook rows."""
    rng = random.Random(seed)
    units = [("city", "生成市", "city", None), ("kfq", "开发区", "development_zone", "city")]
    units += [(f"t{i:02d}", f"镇{i:02d}", "township", "city") for i in range(1, townships + 1)]
    units += [(f"d{i:02d}", f"局{i:02d}", "department", "city") for i in range(1, departments + 1)]
    figures: dict[tuple[str, int, int, str], Decimal] = {}
    targets: dict[tuple[str, str, str], Decimal] = {}

    def amount(top: int) -> Decimal:
        return Decimal(rng.randint(0, top * 100)) / 100

    for code, _name, _kind, _parent in units[1:]:
        for indicator in REPORTED:
            behaviour = rng.choice(["every month", "gaps", "zeros", "silent", "target only", "no target"])
            scale = {"trade_total": 3000, "exports": 2000, "outward_revenue": 200}[indicator]
            for year in (YEAR - 1, YEAR):
                for month in range(1, 13):
                    if behaviour in ("silent", "target only"):
                        continue
                    if behaviour == "gaps" and rng.random() < 0.4:
                        continue
                    value = D0 if behaviour == "zeros" and rng.random() < 0.6 else amount(scale)
                    figures[(code, year, month, indicator)] = value
            if behaviour != "no target" and rng.random() < 0.85:
                base = Decimal(rng.randint(scale * 4, scale * 14))
                targets[(code, indicator, "assessment")] = base
                targets[(code, indicator, "stretch")] = r2(base * Decimal("1.2"))
                if rng.random() < 0.4:
                    targets[(code, indicator, "doubling")] = base * 2
    # a tie: two townships with the same figures and targets
    for (code, year, month, indicator), value in list(figures.items()):
        if code == "t01":
            figures[("t02", year, month, indicator)] = value
    for key in [k for k in figures if k[0] == "t02" and (("t01",) + k[1:]) not in figures]:
        del figures[key]
    for (code, indicator, kind), value in list(targets.items()):
        if code == "t01":
            targets[("t02", indicator, kind)] = value
    for key in [k for k in targets if k[0] == "t02" and ("t01", k[1], k[2]) not in targets]:
        del targets[key]
    for indicator in REPORTED:  # the city's own targets
        targets[("city", indicator, "assessment")] = Decimal(60000)
        targets[("city", indicator, "stretch")] = Decimal(72000)
    return {"units": units, "targets": targets, "figures": figures}


def as_workbook(city: dict):
    return make_xlsx({
        "units": [["code", "name", "kind", "parent"], *[list(u) for u in city["units"]]],
        "targets": [["year", "unit", "indicator", "kind", "amount"],
                    *[[YEAR, code, indicator, kind, float(v)] for (code, indicator, kind), v in city["targets"].items()]],
        "figures": [["unit", "year", "month", "indicator", "amount"],
                    *[[code, year, month, indicator, float(v)] for (code, year, month, indicator), v in city["figures"].items()]],
    })


# --- the reference -----------------------------------------------------------------------------------------


def reference(city: dict, month: int) -> dict:
    """§2's blocks of the reported indicators, by unit code and by group kind, computed from the rows."""
    schedule = {m: r2(Decimal(100) * m / 12) for m in range(0, 13)}
    kinds = {code: kind for code, _n, kind, _p in city["units"]}
    members = [code for code in kinds if code != "city"]

    def ytd(code: str, indicator: str, year: int, upto: int) -> Decimal:
        if code == "city":
            return sum((ytd(c, indicator, year, upto) for c in members), D0)
        return sum((v for (c, y, m, i), v in city["figures"].items() if c == code and y == year and m <= upto and i == indicator), D0)

    def pct(value: Decimal, target: Decimal | None) -> Decimal | None:
        return None if not target else r2(Decimal(100) * value / target)

    units: dict[str, dict] = {}
    groups: dict[str, dict] = {}
    for indicator in REPORTED:
        city_ytd = ytd("city", indicator, YEAR, month)
        for code in kinds:
            now, last_year = ytd(code, indicator, YEAR, month), ytd(code, indicator, YEAR - 1, month)
            block = {"ytd": now, "last_year_ytd": last_year,
                     "yoy_pct": r2(Decimal(100) * (now - last_year) / last_year) if last_year > 0 else None,
                     "share_pct": r2(Decimal(100) * now / city_ytd) if city_ytd > 0 else None}
            for kind in KINDS:
                target = city["targets"].get((code, indicator, kind))
                block[f"{kind}_target"] = target
                block[f"{kind}_pct"] = pct(now, target)
                block[f"{kind}_gap_pp"] = None if block[f"{kind}_pct"] is None else block[f"{kind}_pct"] - schedule[month]
                prev = ytd(code, indicator, YEAR, month - 1) if month > 1 else None
                block[f"_prev_{kind}_pct"] = pct(prev, target) if prev is not None else None
            units.setdefault(code, {})[indicator] = block
        for code, block in units.items():  # ranks within the kind by the shown assessment completion
            mine = block[indicator]["assessment_pct"]
            peers = [units[c][indicator]["assessment_pct"] for c in kinds if kinds[c] == kinds[code]]
            block[indicator]["rank_in_kind"] = None if mine is None else 1 + sum(
                1 for p in peers if p is not None and p > mine)
        for kind_of_unit in ("development_zone", "township", "department"):
            codes = [c for c in members if kinds[c] == kind_of_unit]
            now = sum((units[c][indicator]["ytd"] for c in codes), D0)
            last_year = sum((units[c][indicator]["last_year_ytd"] for c in codes), D0)

            def on(key: str, sched: Decimal, codes=codes, indicator=indicator) -> int:
                return sum(1 for c in codes if units[c][indicator][key] is not None and units[c][indicator][key] >= sched)

            groups.setdefault(kind_of_unit, {"units": len(codes)})[indicator] = {
                "ytd": now, "last_year_ytd": last_year,
                "yoy_pct": r2(Decimal(100) * (now - last_year) / last_year) if last_year > 0 else None,
                "share_pct": r2(Decimal(100) * now / city_ytd) if city_ytd > 0 else None,
                "on_schedule": {k: on(f"{k}_pct", schedule[month]) for k in KINDS},
                "on_schedule_change": {  # January has no month before it: null, for each kind
                    k: None if month == 1 else on(f"{k}_pct", schedule[month]) - on(f"_prev_{k}_pct", schedule[month - 1])
                    for k in KINDS},
                "done_for_year": {k: sum(1 for c in codes if city["targets"].get((c, indicator, k))
                                         and units[c][indicator]["ytd"] >= city["targets"][(c, indicator, k)]) for k in KINDS},
            }
    return {"units": units, "groups": groups}


def same(actual, expected, where: str) -> None:
    if expected is None or actual is None:
        assert actual is None and expected is None, where
        return
    actual, expected = Decimal(str(actual)), Decimal(expected)
    if actual == expected:
        return
    # SQLite computes a percentage in binary floating point: an exact half-cent tie may round down
    assert connection.vendor == "sqlite" and abs(actual - expected) == CENT, (where, actual, expected)


# --- the tests ---------------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(("seed", "month"), [(1, 7), (2, 1), (3, 12), (4, 6)])
def test_the_reported_blocks_equal_the_reference(seed, month):
    city = generate(seed)
    import_workbook(as_workbook(city))
    assert ReportedFigure.objects.count() == len(city["figures"])
    report = progress_report(year=YEAR, month=month).as_json()
    expected = reference(city, month)
    units = {u["code"]: u for u in report["units"]}
    assert set(units) == set(expected["units"])
    for code, blocks in expected["units"].items():
        for indicator, block in blocks.items():
            got = units[code][indicator]
            for key, value in block.items():
                if not key.startswith("_"):
                    same(got[key], value, f"{code}.{indicator}.{key} ({month}月)")
    groups = {g["kind"]: g for g in report["groups"]}
    for kind, group in expected["groups"].items():
        assert groups[kind]["units"] == group["units"]
        for indicator in REPORTED:
            got, want = groups[kind][indicator], group[indicator]
            for key in ("ytd", "share_pct"):
                same(got[key], want[key], f"{kind}.{indicator}.{key}")
            assert got["on_schedule"] == want["on_schedule"], (kind, indicator)
            assert got["on_schedule_change"] == want["on_schedule_change"], (kind, indicator)
            assert got["done_for_year"] == want["done_for_year"], (kind, indicator)


@pytest.mark.django_db
def test_the_generated_city_has_what_the_reference_must_cover():
    """The generator's mix is real: every case the reference distinguishes occurs in seed 1."""
    city = generate(1)
    import_workbook(as_workbook(city))
    report = progress_report(year=YEAR, month=7)
    blocks = [(u, u.figure(i)) for u in report.units for i in REPORTED if u.kind != "city"]
    assert any(f.ytd == 0 and f.assessment_target for _u, f in blocks)  # a target but no figures
    assert any(f.ytd and not f.assessment_target for _u, f in blocks)  # figures but no target
    assert any(f.doubling_target for _u, f in blocks)
    zero_reports = ReportedFigure.objects.filter(year=YEAR, month=7, amount=0).values_list("unit__code", "indicator")
    assert zero_reports  # reported zeros
    code, indicator = zero_reports[0]
    assert report.unit(code).figure(indicator).reported_this_month is True  # a reported zero is a report
    silent = next((u, i) for u in report.units for i in REPORTED
                  if u.kind != "city" and not ReportedFigure.objects.filter(unit__code=u.code, indicator=i).exists())
    assert silent[0].figure(silent[1]).reported_this_month is False  # no report at all
    t01, t02 = report.unit("t01"), report.unit("t02")
    tied = [i for i in REPORTED if t01.figure(i).assessment_pct is not None]
    assert tied and all(t01.figure(i).rank_in_kind == t02.figure(i).rank_in_kind for i in tied)


@pytest.mark.django_db
def test_the_report_runs_the_same_queries_whatever_the_units_and_indicators():
    def queries(city: dict) -> int:
        ReportedFigure.objects.all().delete()
        Target.objects.all().delete()
        Unit.objects.exclude(kind="city").delete()
        Unit.objects.all().delete()
        import_workbook(as_workbook(city))
        with CaptureQueriesContext(connection) as captured:
            progress_report(year=YEAR, month=7)
        return len(captured)

    small = generate(5, townships=2, departments=1)
    only_trade = {**small, "figures": {k: v for k, v in small["figures"].items() if k[3] == "trade_total"},
                  "targets": {k: v for k, v in small["targets"].items() if k[1] == "trade_total"}}
    few = queries(only_trade)
    assert queries(small) == few  # three reported indicators with data instead of one
    assert queries(generate(6, townships=30, departments=40)) == few  # 73 units instead of 5
