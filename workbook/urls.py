from django.urls import path

from workbook import views

app_name = "workbook"

urlpatterns = [
    path("upload/", views.upload, name="upload"),
    path("export/", views.export, name="export"),
]
