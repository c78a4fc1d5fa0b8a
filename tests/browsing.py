"""Browser test support, shared by tests/browser (the generator's behaviour, any briefing), tests/content (this
briefing's own content) and the screenshot script: build a site, serve it as a static host does, find the
tools, and the pytest fixtures that drive Debian's Chromium.

The fixtures skip, saying why, when Chromium, Playwright or the npm tools are missing on a developer's
machine; with the CI environment variable set they fail instead, so CI can never pass by skipping. A test
folder uses them by importing them into its conftest.py."""

from __future__ import annotations

import gzip
import http.server
import io
import os
import shutil
import subprocess
import sys
import threading
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path

import pytest

try:
    from playwright.sync_api import Browser, Page, Playwright, sync_playwright
except ImportError:  # pragma: no cover - reported by the fixtures below
    sync_playwright = None  # type: ignore[assignment]

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
NODE_MODULES = ROOT / "node_modules"
AXE = NODE_MODULES / "axe-core" / "axe.min.js"
VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
COMPRESSIBLE = {".html", ".css", ".js", ".json", ".svg", ".txt"}


def build(out: Path, root: Path = ROOT) -> Path:
    """Build the project at `root` (by default this repository's own content) into `out`, a folder that
    does not exist yet."""
    result = subprocess.run([sys.executable, str(ROOT / "build.py"), "build", "--root", str(root), "--out", str(out)],
                            capture_output=True, text=True, cwd=root, timeout=600)
    if result.returncode != 0:
        raise RuntimeError(f"the build failed:\n{result.stderr}")
    return out


def bundle(dist: Path, root: Path = ROOT) -> Path:
    """`build.py bundle` of the project at `root` into `dist`, its offline zip unzipped into `dist/unzipped`:
    the folder holding the offline edition's index.html."""
    result = subprocess.run([sys.executable, str(ROOT / "build.py"), "bundle", "--no-pdf", "--dist", str(dist),
                             "--root", str(root)], capture_output=True, text=True, cwd=root, timeout=600)
    if result.returncode != 0:
        raise RuntimeError(f"the bundle failed:\n{result.stderr}")
    (zipped,) = dist.glob("*-offline.zip")
    with zipfile.ZipFile(zipped) as archive:
        archive.extractall(dist / "unzipped")
    (folder,) = (dist / "unzipped").iterdir()
    return folder


def site_pages(site: Path) -> list[str]:
    """Every page the build produced, as a site URL: '' for the home page, then 'about/', 'sources/x/' ..."""
    return sorted("" if p.parent == site else p.parent.relative_to(site).as_posix() + "/"
                  for p in site.rglob("index.html"))


class StaticHost(http.server.SimpleHTTPRequestHandler):
    """Serves a folder as a static host does: text compressed with gzip when the browser accepts it."""

    def send_head(self):  # type: ignore[override]
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?", 1)[0].endswith("/"):
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (path.is_file() and path.suffix in COMPRESSIBLE and accepts):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - keep test output quiet
        pass


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve `folder` on a free local port for the duration of the block; yields its base URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), partial(StaticHost, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def require(condition: bool, reason: str) -> None:
    """Skip with a reason locally; fail in CI, which must install everything the browser tests need."""
    if condition:
        return
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI is set: the browser tests may not be skipped)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This repository's content, whatever briefing it holds, built once per session into a temporary folder."""
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
