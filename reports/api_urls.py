from django.urls import path

from reports import api

app_name = "api"

urlpatterns = [
    path("progress", api.progress, name="progress"),
    path("assessment", api.assessment, name="assessment"),
]
