"""The projects app's models: projects and arrivals (``projects``), reported monthly figures
(``figures``), the 行业 and 国别/地区 lists (``catalogues``), peer counties' published figures
(``peers``), key projects' milestones and problems and the activities (``key``), month submissions and notices (``submissions``)."""
from projects.models.catalogues import Country, Industry
from projects.models.figures import ReportedFigure
from projects.models.key import MILESTONE_NAMES, Activity, DuplicateDismissal, Milestone, Problem
from projects.models.peers import PeerCounty, PeerFigure
from projects.models.projects import APPROVED_STAGES, PIPELINE_STAGES, Arrival, Project
from projects.models.submissions import MonthSubmission, Notice

__all__ = ["APPROVED_STAGES", "MILESTONE_NAMES", "PIPELINE_STAGES", "Activity", "Arrival", "Country", "DuplicateDismissal", "Industry",
           "Milestone", "MonthSubmission", "Notice", "PeerCounty", "PeerFigure", "Problem", "Project", "ReportedFigure"]
