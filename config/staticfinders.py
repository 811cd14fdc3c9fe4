"""A staticfiles finder for the plotly.js that ships inside the installed plotly (Python) package.

``{% static 'vendor/plotly.min.js' %}`` then works under runserver, in tests and after collectstatic,
and the browser always gets the plotly.js of the plotly.py that built the figures: plotly.py ≥ 6 encodes
arrays in a form an older plotly.js draws as blank charts, so a copy pinned in static/ would go stale on
the next upgrade. The 4.8 MB file is never committed to the repository.
"""
from __future__ import annotations

from pathlib import Path

from django.contrib.staticfiles import utils
from django.contrib.staticfiles.finders import BaseFinder
from django.core.checks import CheckMessage, Error
from django.core.files.storage import FileSystemStorage

PREFIX = "vendor"
FILES = ("plotly.min.js",)


def plotly_package_data() -> Path:
    """The ``package_data`` directory of the installed plotly package (holds plotly.min.js)."""
    import plotly

    return Path(plotly.__file__).resolve().parent / "package_data"


class PlotlyFinder(BaseFinder):
    """Finds ``vendor/plotly.min.js`` in the plotly package; lists it for collectstatic."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.location = plotly_package_data()
        self.storage = FileSystemStorage(location=str(self.location))
        self.storage.prefix = PREFIX  # type: ignore[attr-defined]  # collectstatic copies the file to STATIC_ROOT/vendor/

    def check(self, **kwargs) -> list[CheckMessage]:
        missing = [name for name in FILES if not (self.location / name).is_file()]
        if missing:
            return [Error(
                f"The installed plotly package has no {', '.join(missing)} in {self.location}.",
                hint="Reinstall plotly (pyproject.toml) — the dashboards load plotly.js from it.",
                id="config.E001",
            )]
        return []

    def find(self, path: str, find_all: bool = False, **kwargs):
        # Django 5.2 still accepts the deprecated ``all=`` keyword; honour it the same way.
        find_all = find_all or kwargs.get("all", False)
        found = []
        for name in FILES:
            if path == f"{PREFIX}/{name}" and (self.location / name).is_file():
                found.append(str(self.location / name))
        if find_all:
            return found
        return found[0] if found else []

    def list(self, ignore_patterns):
        for name in FILES:
            if (self.location / name).is_file() and not utils.matches_patterns(name, ignore_patterns or []):
                yield name, self.storage

