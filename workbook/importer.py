"""Import of the data workbook (INTERFACES.md §1): units, targets, projects and arrivals.

``import_workbook(path_or_file)`` reads the file, checks every row against the others and the database,
and either writes everything in one transaction or raises :class:`WorkbookError` listing every problem as
``sheet!cell: message`` — then nothing at all has been written. Rows are matched on their keys; a matched
row whose values are all equal is left alone (no save, no history record, no version bump), so importing
the same workbook twice, or an export, changes nothing.

The work happens in three passes:

1. *read* (no database): open the zip defensively, parse each sheet's header and cells into typed values;
2. *check* (inside the transaction): duplicate keys, references to units/projects in the file or the
   database, the unit tree (one city, parents, no loops), stage against approval date;
3. *write*: one ``.save()`` per created or changed row, so django-simple-history records it.
"""
from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils.translation import gettext as _

from units import rules
from workbook.archive import Source
from workbook.checks import Checker
from workbook.reader import read_book
from workbook.summary import ImportSummary, SheetCounts, WorkbookError
from workbook.writer import Progress, WriteFailed, Writer

__all__ = ["ImportSummary", "SheetCounts", "WorkbookError", "import_workbook"]


def import_workbook(
    source: Source, *, progress: Progress | None = None, max_bytes: int | None = None, reason: str = "",
    dry_run: bool = False, overwrite: Iterable[str] = (),
) -> ImportSummary:
    """Import the data workbook at ``source`` (a path or a binary file object) in one transaction.

    ``progress(sheet, done, total)`` is called while rows are written. ``max_bytes`` refuses a larger file
    (the upload page passes ``settings.WORKBOOK_MAX_UPLOAD_BYTES``). Raises :class:`WorkbookError` with every
    problem found; then the database is unchanged.

    A row that would change a month the bureau has locked (an arrival of that month, a project approved
    in it) needs ``reason``, which the history keeps beside the import; without one, every such row is
    listed as a problem and nothing is imported.

    ``dry_run``: everything is checked and compared, nothing is kept (the upload page's preview, the
    command's ``--dry-run``). A row changed in the portal since the file was exported (its hidden
    ``version`` differs) is left as the portal has it and listed as a conflict, unless its token
    (``workbook.writer.row_token``) is in ``overwrite``.
    """
    reason = (reason or "").strip()
    try:
        rules.check_text(reason, max_length=rules.REASON_MAX)
    except rules.RuleError as error:
        raise WorkbookError([_("修改原因%(problem)s") % {"problem": error}]) from None
    book = read_book(source, max_bytes=max_bytes)
    if book.problems and not book.sheets:
        raise WorkbookError(book.problems.messages())  # the file itself could not be read
    # Cells that could not be read are already problems; the checks against the database still run so
    # that the list names every problem at once.
    try:
        with transaction.atomic():
            checker = Checker(book)
            checker.check()
            if book.problems:
                raise WorkbookError(book.problems.messages())
            summary = Writer(book, checker, progress, reason=reason.strip(), overwrite=overwrite).write()
            summary.dry_run = dry_run
            if dry_run:
                transaction.set_rollback(True)
            return summary
    except WriteFailed as failure:
        raise WorkbookError([failure.message]) from failure.__cause__
