import json

from django.core.management.base import BaseCommand, CommandError

from reports.progress import ReportError, has_data, progress_report, validate_period


class Command(BaseCommand):
    help = "打印某年1至M月的进度报表（INTERFACES.md §2 的 JSON）。"

    def add_arguments(self, parser):
        parser.add_argument("--year", required=True, help="年度，例如 2007")
        parser.add_argument("--month", required=True, help="月份 1–12（累计1至该月）")
        parser.add_argument("--indent", type=int, default=2)

    def handle(self, *args, **options):
        try:
            year, month = validate_period(options["year"], options["month"])
            if not has_data(year):
                raise ReportError(f"{year}年没有任何目标或项目数据。")
            report = progress_report(year=year, month=month)
        except ReportError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(json.dumps(report.as_json(), ensure_ascii=False, indent=options["indent"] or None))
