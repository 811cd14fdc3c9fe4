import json

from django.core.management.base import BaseCommand, CommandError

from reports.editions import EditionError, edition_for
from reports.management.commands.export_briefing import report_or_error
from units import periods


class Command(BaseCommand):
    help = "打印某年1至M月的进度报表（INTERFACES.md §2 的 JSON）。"

    def add_arguments(self, parser):
        parser.add_argument("--year", required=True, help="年度，例如 2007")
        parser.add_argument("--month", required=True, help="月份 1–12（累计1至该月）")
        parser.add_argument("--indent", type=int, default=2)
        parser.add_argument("--edition", help="latest 或期号：打印已发布的通报，与发布时逐字节相同（不重新计算）")

    def handle(self, *args, **options):
        if options["edition"]:
            try:
                year, month = periods.parse_period(options["year"], options["month"])
                edition = edition_for(year, month, options["edition"])
            except (periods.PeriodError, EditionError) as error:
                raise CommandError(str(error)) from None
            self.stdout.write(edition.report_json, ending="")
            return
        report = report_or_error(options["year"], options["month"])
        self.stdout.write(json.dumps(report.as_json(), ensure_ascii=False, indent=options["indent"] or None))
