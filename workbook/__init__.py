"""The data workbook (INTERFACES.md §1), an app on top of units, targets and projects: import with
:func:`workbook.importer.import_workbook`, export with :func:`workbook.exporter.export_workbook`; the
upload and download pages of the bureau's desk; the ``import_workbook`` / ``export_workbook`` commands.
Column names live in :mod:`workbook.columns`."""
