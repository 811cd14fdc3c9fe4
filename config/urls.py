from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from units import views as unit_views

urlpatterns = [
    path("", unit_views.home, name="home"),
    path("accounts/login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", unit_views.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("targets/", include("targets.urls")),
    path("projects/", include("projects.urls")),
    path("workbook/", include("workbook.urls")),
    path("reports/exports/", include("reports.export_urls")),
    path("reports/", include("reports.urls")),
    path("api/reports/", include("reports.api_urls")),
    path("desk/", include("ops.urls")),
]

admin.site.site_header = "招商引资目标管理平台"
admin.site.site_title = "招商引资目标管理平台"

handler400 = "config.views.bad_request"
