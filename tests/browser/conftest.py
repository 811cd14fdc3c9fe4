"""Browser tests: Debian's Chromium driven by Playwright (pytest-playwright), against ``live_server``.

Never ``playwright install`` (it downloads a browser): the tests use /usr/bin/chromium and are skipped,
saying why, where it is missing. Screenshots go to test-artifacts/ at the project root (gitignored).
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

# The sync Playwright API runs an event loop in this thread; Django's ORM would then refuse to run
# (SynchronousOnlyOperation). Only the browser tests set this.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
HERE = Path(__file__).resolve().parent
ARTIFACTS = HERE.parent.parent / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


def pytest_collection_modifyitems(config, items):
    if CHROMIUM.exists():
        return
    skip = pytest.mark.skip(reason=f"no Chromium at {CHROMIUM} (apt-get install chromium fonts-noto-cjk); "
                                   "browser tests skipped")
    for item in items:
        if Path(str(item.fspath)).resolve().is_relative_to(HERE):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # A Chinese-speaking reader's browser: the portal then answers in its Chinese source text.
    return {**browser_context_args, "locale": "zh-CN"}


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
