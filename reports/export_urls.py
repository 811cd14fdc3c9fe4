"""Briefing downloads, mounted at /reports/exports/ (see reports/export_views.py)."""
from django.urls import path

from reports import export_views

app_name = "exports"

urlpatterns = [
    path("briefing.xlsx", export_views.briefing_xlsx, name="briefing_xlsx"),
    path("review/", export_views.review, name="review"),
    path("review.docx", export_views.review_docx, name="review_docx"),
]
