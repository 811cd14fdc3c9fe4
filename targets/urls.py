from django.urls import path

app_name = "targets"

urlpatterns: list = []
