import json

from django.core.management.base import BaseCommand

from reports.management.commands.export_briefing import report_or_error


class Command(BaseCommand):
    help = "打印某年1至M月的进度报表（INTERFACES.md §2 的 JSON）。"

    def add_arguments(self, parser):
        parser.add_argument("--year", required=True, help="年度，例如 2007")
        parser.add_argument("--month", required=True, help="月份 1–12（累计1至该月）")
        parser.add_argument("--indent", type=int, default=2)

    def handle(self, *args, **options):
        report = report_or_error(options["year"], options["month"])
        self.stdout.write(json.dumps(report.as_json(), ensure_ascii=False, indent=options["indent"] or None))
