"""``manage.py activities_report --year Y``: each activity's projects, money and signing quotas (INTERFACES.md §7)."""
import json

from django.core.management.base import BaseCommand, CommandError

from projects.key_projects import activities_json
from units import periods


class Command(BaseCommand):
    help = "打印某年各项招商活动带来的项目数、注册外资和集中签约额度完成情况（INTERFACES.md §7 的 JSON）。"

    def add_arguments(self, parser):
        parser.add_argument("--year", required=True, help="年度，例如 2007")
        parser.add_argument("--indent", type=int, default=2)

    def handle(self, *args, **options):
        try:
            year = periods.parse_year(options["year"])
        except periods.PeriodError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(json.dumps(activities_json(year), ensure_ascii=False, indent=options["indent"] or None))
