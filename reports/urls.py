"""Leader dashboards, mounted at /reports/ (the JSON API lives in reports/api_urls.py)."""
from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("rankings/", views.rankings, name="rankings"),
    path("units/<str:code>/", views.unit, name="unit"),
    path("large-projects/", views.large_projects, name="large_projects"),
]
