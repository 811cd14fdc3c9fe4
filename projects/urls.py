from django.urls import path

from projects.views import board, catalogues, key, monthly, peers, projects

app_name = "projects"

urlpatterns = [
    path("", projects.ProjectListView.as_view(), name="project_list"),
    path("new/", projects.project_create, name="project_create"),
    path("<int:pk>/", projects.project_detail, name="project_detail"),
    path("<int:pk>/edit/", projects.project_edit, name="project_edit"),
    path("<int:pk>/delete/", projects.project_delete, name="project_delete"),
    path("<int:pk>/key/", key.project_key, name="project_key"),
    path("key/", key.key_projects_page, name="key_projects"),
    path("key/agenda.docx", key.agenda, name="agenda"),
    path("activities/", key.activities, name="activities"),
    path("duplicates/", key.duplicates, name="duplicates"),
    path("monthly/", monthly.monthly, name="monthly"),
    path("notices/read/", monthly.notices_read, name="notices_read"),
    path("board/", board.board, name="board"),
    path("board/lock/", board.lock, name="lock"),
    path("peers/", peers.peer_entry, name="peer_entry"),
    path("catalogues/<str:which>/", catalogues.catalogue, name="catalogue"),
    path("catalogues/<str:which>/<int:pk>/", catalogues.catalogue_entry, name="catalogue_entry"),
    path("board/<int:unit_id>/<int:year>/<int:month>/", board.submission, name="submission"),
]
