"""``manage.py export_workbook FILE.xlsx``: write the data workbook (INTERFACES.md §1)."""
from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from workbook.columns import SHEET_LABELS
from workbook.exporter import export_workbook


class Command(BaseCommand):
    help = "导出数据工作簿（中文表名、表头和选项，带下拉列表和说明表），可原样再导入；--codes 以英文代码导出。"

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help="要写入的 xlsx 文件路径")
        parser.add_argument("--codes", action="store_true", help="表名、表头和选项用英文代码（供其他程序读取）")
        parser.add_argument("--template", action="store_true", help="只写表头、下拉列表和说明（空白模板）")

    def handle(self, *args, file: str, codes: bool = False, template: bool = False, **options) -> None:
        try:
            counts = export_workbook(file, codes=codes, empty=template)
        except OSError as error:
            raise CommandError(_("无法写入文件：%(error)s") % {"error": error}) from error
        parts = "、".join(
            _("%(sheet)s%(count)d行") % {"sheet": SHEET_LABELS[name], "count": count} for name, count in counts.items()
        )
        self.stdout.write(_("已导出到 %(file)s：%(parts)s。") % {"file": file, "parts": parts})
