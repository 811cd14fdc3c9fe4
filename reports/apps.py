from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("进度报表")

    def ready(self) -> None:
        from reports.cache import connect_signals

        connect_signals()
