"""``manage.py export_briefing --year Y --month M -o FILE.xlsx``: the briefing workbook (INTERFACES.md §3)."""
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from reports.exporters import registry
from reports.progress import ReportError, checked_period, progress_report


def report_or_error(year, month):
    """The report for the period, or CommandError with the Chinese reason."""
    try:
        year, month = checked_period(year, month)
        return progress_report(year=year, month=month)
    except ReportError as error:
        raise CommandError(str(error)) from None


class Command(BaseCommand):
    help = "导出某年1至M月的招商引资进度表（Excel）。"

    def add_arguments(self, parser):
        parser.add_argument("--year", required=True, help="年度，例如 2007")
        parser.add_argument("--month", required=True, help="月份 1–12（累计1至该月）")
        parser.add_argument("-o", "--output", required=True, help="输出文件，例如 进度表.xlsx")

    def handle(self, *args, **options):
        report = report_or_error(options["year"], options["month"])
        exporter = registry["briefing_xlsx"]()
        try:
            with open(options["output"], "wb") as fileobj:
                exporter.write(report, fileobj)
        except OSError as error:
            raise CommandError(_("无法写入文件 %(file)s：%(reason)s") % {
                "file": options["output"], "reason": error.strerror}) from None
        self.stdout.write(_("已导出 %(name)s → %(file)s") % {"name": exporter.filename(report), "file": options["output"]})
