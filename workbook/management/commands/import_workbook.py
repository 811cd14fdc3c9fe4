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
        parser.add_argument("--dry-run", action="store_true", help="只列出将要新增和修改的内容，不写入数据库")
        parser.add_argument("--overwrite", action="store_true",
                            help="导出后在门户中修改过的行（冲突）也用工作簿的值覆盖；默认保持门户中的值")

    def handle(self, *args, file: str, **options) -> None:
        progress = TerminalProgress(self.stdout) if self.stdout.isatty() else None
        dry_run = options["dry_run"]
        try:
            summary = import_workbook(file, progress=progress, reason=options["reason"], dry_run=dry_run,
                                      overwrite=ALL if options["overwrite"] else ())
        except WorkbookError as error:
            for problem in error.problems:
                self.stderr.write(problem)
            raise CommandError(
                _("工作簿有%(count)d处问题，未导入任何数据。") % {"count": len(error.problems)}
            ) from None
        for row in summary.rows:
            if dry_run or row.action == "conflict":
                self.stdout.write(self.describe(row))
        self.stdout.write(str(summary))

    @staticmethod
    def describe(row) -> str:
        action = {"created": _("新增"), "updated": _("修改"), "conflict": _("冲突（导出后门户中已有修改，未覆盖）")}[row.action]
        changes = "；".join(f"{label} {old} → {new}" for label, old, new in row.changes)
        return f"{row.sheet} {row.label}：{action}" + (f"：{changes}" if changes else "")


class _All(set):
    """Every row: ``--overwrite`` ticks every conflict."""

    def __contains__(self, item) -> bool:
        return True


ALL = _All()
