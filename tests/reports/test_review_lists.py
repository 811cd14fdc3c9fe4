"""The review's lists of units that completed a target never read as exclusive (issue #17): each unit is
named once, at the highest target it reached, and a later list says "另有" (further units)."""
from __future__ import annotations

import datetime as dt

from reports.progress import progress_report
from reports.review import review_for
from tests import factories

Y = factories.PAST_YEAR


def test_a_unit_that_reached_the_stretch_target_is_not_left_out_of_the_assessment_list(city):
    a = factories.unit("t01", parent=city, name="甲镇")
    b = factories.unit("t02", parent=city, name="乙镇")
    factories.targets(city, Y, reg=(10000, 12000), paid=(10000, 12000))
    for unit in (a, b):
        factories.targets(unit, Y, reg=(100, 200), paid=(100, 200))
    factories.project(a, "250", dt.date(Y, 2, 1))  # past the stretch target
    factories.project(b, "150", dt.date(Y, 2, 1))  # past the assessment target only
    text = review_for(progress_report(year=Y, month=6)).as_text()
    assert "甲镇1个乡镇完成了注册外资全年加压目标任务，另有乙镇1个乡镇完成了注册外资全年考核目标任务" in text
