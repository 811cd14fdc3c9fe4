from django.urls import path

from targets import views

app_name = "targets"

urlpatterns = [
    path("", views.grid, name="grid"),
    path("year/", views.year_settings, name="year_settings"),
    path("rules/", views.rules, name="rules"),
    path("history/<int:unit_id>/", views.target_history, name="history"),
]
