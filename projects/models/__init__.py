"""The projects app's models: projects and arrivals (``projects``), reported monthly figures
(``figures``), month submissions and notices (``submissions``)."""
from projects.models.figures import ReportedFigure
from projects.models.projects import APPROVED_STAGES, PIPELINE_STAGES, Arrival, Project
from projects.models.submissions import MonthSubmission, Notice

__all__ = ["APPROVED_STAGES", "PIPELINE_STAGES", "Arrival", "MonthSubmission", "Notice", "Project", "ReportedFigure"]
