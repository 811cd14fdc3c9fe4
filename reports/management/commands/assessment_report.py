"""``manage.py assessment_report --year Y --month M``: the scores and awards as JSON (INTERFACES.md §5)."""
import json

from django.core.management.base import BaseCommand, CommandError

from reports.assessment import assessment_report
from reports.progress import ReportError, checked_period


class Command(BaseCommand):
    help = "打印某年1至M月的考核得分和奖励（INTERFACES.md §5 的 JSON）。"

    def add_arguments(self, parser):
        parser.add_argument("--year", required=True, help="年度，例如 2007")
        parser.add_argument("--month", required=True, help="月份 1–12（累计1至该月）")
        parser.add_argument("--indent", type=int, default=2)

    def handle(self, *args, **options):
        try:
            year, month = checked_period(options["year"], options["month"])
            report = assessment_report(year=year, month=month)
        except ReportError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(json.dumps(report.as_json(), ensure_ascii=False, indent=options["indent"] or None))
