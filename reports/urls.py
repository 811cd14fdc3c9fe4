"""Leader dashboards, mounted at /reports/ (the JSON API lives in reports/api_urls.py)."""
from django.urls import path

from reports import assessment_views, breakdown_views, edition_views, peer_views, views

app_name = "reports"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("rankings/", views.rankings, name="rankings"),
    path("units/<str:code>/", views.unit, name="unit"),
    path("units/<str:code>/working/", views.working, name="working"),
    path("large-projects/", views.large_projects, name="large_projects"),
    path("assessment/", assessment_views.scores, name="assessment"),
    path("assessment/<str:code>/", assessment_views.unit_scores, name="unit_scores"),
    path("awards/", assessment_views.awards, name="awards"),
    path("breakdown/", breakdown_views.breakdown_page, name="breakdown"),
    path("peers/", peer_views.peers, name="peers"),
    path("help/", views.help_page, name="help"),
    path("editions/", edition_views.editions, name="editions"),
    path("editions/publish/", edition_views.publish_view, name="publish"),
    path("editions/<int:pk>/<str:kind>/", edition_views.edition_file, name="edition_file"),
    path("editions/<int:year>/<int:month>/restatement/", edition_views.restatement_view, name="restatement"),
]
