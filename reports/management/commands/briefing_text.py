"""``manage.py briefing_text --year Y --month M [--docx FILE.docx]``: prints the review text (讲评稿)."""
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from reports.exporters import registry
from reports.management.commands.export_briefing import report_or_error
from reports.review import review_for


class Command(BaseCommand):
    help = "打印某年1至M月的招商引资讲评稿；--docx 另存为 Word 文档。"

    def add_arguments(self, parser):
        parser.add_argument("--year", required=True, help="年度，例如 2007")
        parser.add_argument("--month", required=True, help="月份 1–12（累计1至该月）")
        parser.add_argument("--docx", help="另存为 Word 文档的文件名")

    def handle(self, *args, **options):
        report = report_or_error(options["year"], options["month"])
        self.stdout.write(review_for(report).as_text(), ending="")
        if options["docx"]:
            try:
                with open(options["docx"], "wb") as fileobj:
                    registry["review_docx"]().write(report, fileobj)
            except OSError as error:
                raise CommandError(_("无法写入文件 %(file)s：%(reason)s") % {
                    "file": options["docx"], "reason": error.strerror}) from None
            self.stderr.write(_("已另存为 %(file)s") % {"file": options["docx"]})
