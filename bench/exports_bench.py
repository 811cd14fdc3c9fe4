"""Timings of the briefing exports on the province-scale data set (called by bench/report_bench.py).

Each benchmark writes one export into memory from a report computed once beforehand, as a download
does with the cached report: the workbook (2,000 units ranked on three sheets, the large projects'
query), the review text and the Word document (each with the two briefing-facts queries).
"""
from __future__ import annotations

import io
from collections.abc import Callable
from functools import cache


def benchmarks(year: int, month: int) -> dict[str, Callable[[], None]]:
    from reports.exporters import registry
    from reports.progress import progress_report

    @cache
    def report():
        return progress_report(year=year, month=month)

    def run(identifier: str) -> Callable[[], None]:
        def fn() -> None:
            buffer = io.BytesIO()
            registry[identifier]().write(report(), buffer)
            assert buffer.tell() > 0

        return fn

    return {"briefing xlsx": run("briefing_xlsx"), "review text": run("review_txt"), "review docx": run("review_docx")}
