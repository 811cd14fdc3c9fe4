"""``manage.py import_workbook FILE.xlsx``: import the data workbook (INTERFACES.md §1) in one transaction."""
from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, OutputWrapper
from django.utils.translation import gettext as _

from workbook.importer import WorkbookError, import_workbook

# Below this many rows a sheet is written too quickly for a progress line to help.
PROGRESS_MIN_ROWS = 500
PROGRESS_EVERY = 200


class TerminalProgress:
    """One line per sheet, rewritten in place every few hundred rows (only on a terminal)."""

    def __init__(self, out: OutputWrapper):
        self.out = out

    def __call__(self, sheet: str, done: int, total: int) -> None:
        if total < PROGRESS_MIN_ROWS:
            return
        if done % PROGRESS_EVERY == 0 or done == total:
            self.out.write(
                "\r" + _("正在写入 %(sheet)s：%(done)d/%(total)d") % {"sheet": sheet, "done": done, "total": total},
                ending="\n" if done == total else "",
            )
            self.out.flush()


class Command(BaseCommand):
    help = "导入数据工作簿（units、targets、projects、arrivals 四张表）。有任何问题则不导入任何数据，并列出全部问题。"

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help="xlsx 文件路径")
        parser.add_argument("--reason", default="", help="工作簿改动已锁定月份时必填：修改原因，记入修改历史")

    def handle(self, *args, file: str, **options) -> None:
        progress = TerminalProgress(self.stdout) if self.stdout.isatty() else None
        try:
            summary = import_workbook(file, progress=progress, reason=options["reason"])
        except WorkbookError as error:
            for problem in error.problems:
                self.stderr.write(problem)
            raise CommandError(
                _("工作簿有%(count)d处问题，未导入任何数据。") % {"count": len(error.problems)}
            ) from None
        self.stdout.write(str(summary))
