"""Browser tests: Debian's Chromium driven by Playwright (pytest-playwright), against ``live_server``.

Never ``playwright install`` (it downloads a browser): the tests use /usr/bin/chromium and are skipped,
saying why, where it is missing. Screenshots go to test-artifacts/ at the project root (gitignored).
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

ASYNC_UNSAFE = "DJANGO_ALLOW_ASYNC_UNSAFE"

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


@pytest.fixture(scope="package", autouse=True)
def _allow_orm_beside_playwright():
    """The sync Playwright API runs an event loop in the test's thread; Django's ORM would then refuse to
    run (SynchronousOnlyOperation). Allowed while this directory's tests run (package scope, so the
    database flush after each test is covered too) and put back afterwards: set for the whole session it
    would leak into other tests (``check --deploy`` refuses it, rightly)."""
    before = os.environ.get(ASYNC_UNSAFE)
    os.environ[ASYNC_UNSAFE] = "true"
    yield
    if before is None:
        os.environ.pop(ASYNC_UNSAFE, None)
    else:
        os.environ[ASYNC_UNSAFE] = before


# pytest-playwright keeps Playwright (and its event loop in the main thread) for the whole session; later
# non-browser tests would then meet SynchronousOnlyOperation. The same fixtures, scoped to this directory:
# Playwright stops once its browser tests are done.


@pytest.fixture(scope="package")
def playwright(_pw_api_request_contexts):
    from playwright.sync_api import sync_playwright

    pw = sync_playwright().start()
    if _pw_api_request_contexts:
        _pw_api_request_contexts.instrument(pw)
    yield pw
    pw.stop()


@pytest.fixture(scope="package")
def browser_type(playwright, browser_name):
    return getattr(playwright, browser_name)


@pytest.fixture(scope="package")
def launch_browser(browser_type_launch_args, browser_type):
    def launch(**kwargs):
        return browser_type.launch(**{**browser_type_launch_args, **kwargs})

    return launch


@pytest.fixture(scope="package")
def browser(launch_browser):
    browser = launch_browser()
    yield browser
    browser.close()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS}


@pytest.fixture(scope="package")
def browser_context_args():
    # Replaces pytest-playwright's (which needs the session-wide Playwright; no --device or --base-url
    # here). A Chinese-speaking reader's browser: the portal answers in its Chinese source text.
    return {"locale": "zh-CN", "viewport": {"width": 1280, "height": 900}}


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
