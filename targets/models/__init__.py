"""The targets app's models: the annual targets and the year's settings (``targets``), and the year's
考核办法 — how units are scored and which awards are promised (``assessment``)."""
from targets.models.assessment import AssessmentRule, AwardRule
from targets.models.targets import YEAR_RANGE, Indicator, ScheduleMonth, Target, TargetKind, YearSetting

__all__ = ["YEAR_RANGE", "AssessmentRule", "AwardRule", "Indicator", "ScheduleMonth", "Target", "TargetKind",
           "YearSetting"]
