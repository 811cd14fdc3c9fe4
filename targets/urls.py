from django.urls import path

from targets import views

app_name = "targets"

urlpatterns = [
    path("", views.grid, name="grid"),
    path("board/", views.board, name="board"),
    path("board/lock/", views.lock, name="lock"),
    path("upload/", views.upload, name="upload"),
    path("export/", views.export, name="export"),
]
