"""The data workbook (INTERFACES.md §1): import with :func:`workbook.importer.import_workbook`,
export with :func:`workbook.exporter.export_workbook`. Column names live in :mod:`workbook.columns`."""
