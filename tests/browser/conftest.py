"""Browser fixtures: the real content built once, served like a static host, and Debian's Chromium.

The tests skip, saying why, when Chromium, Playwright or the npm tools are missing on a developer's machine;
with the CI environment variable set they fail instead, so CI can never pass by skipping."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from documents import require
from support import ARGS, AXE, CHROMIUM, NODE_MODULES, VNU, build, serve

try:
    from playwright.sync_api import Browser, Page, Playwright, sync_playwright
except ImportError:  # pragma: no cover - reported by the fixtures below
    sync_playwright = None  # type: ignore[assignment]


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real content, built once per session into a temporary folder."""
    require((NODE_MODULES / "minisearch").is_dir(), "node_modules is missing: run `npm ci`")
    return build(tmp_path_factory.mktemp("browser") / "site")


@pytest.fixture(scope="session")
def base_url(site: Path) -> Iterator[str]:
    with serve(site) as url:
        yield url


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    require(sync_playwright is not None, "Playwright is not installed: pip install -e '.[test]'")
    require(CHROMIUM.is_file(), f"{CHROMIUM} is missing: apt-get install chromium")
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
    yield browser
    browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="session")
def vnu() -> Path:
    require(VNU.is_file(), "the Nu HTML Checker is missing: run `npm ci`")
    require(shutil.which("java") is not None, "java is missing: apt-get install default-jre-headless")
    return VNU


@pytest.fixture(scope="session")
def axe_script() -> Path:
    require(AXE.is_file(), "axe-core is missing: run `npm ci`")
    return AXE
