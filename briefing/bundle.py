"""`build.py bundle`: the offline editions in dist/.

- `<name>-offline.zip`: the whole site built for file:// (links to folders point at index.html), to
  unzip anywhere and open with no network.
- `<name>.html`: one self-contained file, every page in reading order with its own footnotes, CSS and
  scripts inlined (allowed by hash in its Content-Security-Policy), to email or archive.
- `<name>.pdf`: that file printed by Chromium, when Chromium is on the machine."""

from __future__ import annotations

import base64
import hashlib
import io
import os
import re
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from jinja2 import DictLoader, Environment
from markupsafe import Markup, escape

from .pipeline import Result

ZIP_TIME = (1980, 1, 1, 0, 0, 0)
MAIN = re.compile(r'<main id="main"[^>]*>(.*?)</main>', re.DOTALL)
ID = re.compile(r'\bid="([^"]+)"')
HREF = re.compile(r'\b(href|aria-controls|aria-labelledby|aria-describedby|for)="([^"]*)"')
CHROMIUM = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")


def offline_zip(result: Result, *, folder: str) -> bytes:
    """A deterministic zip: sorted entries, fixed times and permissions, everything under `folder/`."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for rel, data in sorted(result.files.items()):
            info = zipfile.ZipInfo(f"{folder}/{rel}", date_time=ZIP_TIME)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return buffer.getvalue()


def single_file(result: Result, *, template: str) -> bytes:
    """Every page's main content in reading order, ids prefixed per page so footnotes stay per page."""
    files = result.files
    order = _reading_order(result)
    sections = []
    for url in order:
        html = files[url + "index.html"].decode("utf-8")
        match = MAIN.search(html)
        if match:
            html = _rewrite(match.group(1), url, set(order), hosted=result.site.corpus.config.base_url)
            sections.append({"id": _prefix(url), "url": url, "html": Markup(html)})
    css = b"\n".join(data for rel, data in sorted(files.items()) if rel.startswith("static/") and rel.endswith(".css"))
    js = b"\n".join(data for rel, data in sorted(files.items())
                    if rel.startswith("static/site.") and rel.endswith(".js"))
    config = result.site.corpus.config
    env = Environment(loader=DictLoader({"single.html": template}), autoescape=True)
    page = env.get_template("single.html").render(
        site=config, sections=sections, titles=_titles(result), css=Markup(css.decode()), js=Markup(js.decode()),
        style_hash=_csp_hash(css), script_hash=_csp_hash(js))
    return page.encode("utf-8")


def write_bundle(result: Result, *, dist: Path, template: str, pdf: bool = True) -> list[Path]:
    dist.mkdir(parents=True, exist_ok=True)
    name = result.site.corpus.config.name
    written = [_atomic(dist / f"{name}-offline.zip", offline_zip(result, folder=f"{name}-offline")),
               _atomic(dist / f"{name}.html", single_file(result, template=template))]
    browser = next((c for c in CHROMIUM if os.access(c, os.X_OK)), None) or shutil.which("chromium")
    if pdf and browser:
        written.append(_pdf(browser, written[1], dist / f"{name}.pdf"))
    return written


def _reading_order(result: Result) -> list[str]:
    pages = [p.url for p in result.site.corpus.pages]
    return pages + [s.url for s in result.site.corpus.sources]


def _titles(result: Result) -> dict[str, str]:
    titles = {p.url: p.title for p in result.site.corpus.pages}
    titles |= {s.url: f"Source: {s.title}" for s in result.site.corpus.sources}
    return titles


def _prefix(url: str) -> str:
    return "page-" + (url.strip("/").replace("/", "-") or "home")


def _rewrite(html: str, url: str, included: set[str], *, hosted: str) -> str:
    """Prefix every id with the page's, and point links at the sections of this one file; a link to a
    file this one cannot hold (a PDF original) points at its copy on the hosted site, `hosted`."""
    prefix = _prefix(url)
    html = ID.sub(lambda m: f'id="{prefix}--{m.group(1)}"', html)

    def link(match: re.Match[str]) -> str:
        attribute, value = match.groups()
        if attribute != "href":
            return f'{attribute}="{" ".join(f"{prefix}--{v}" for v in value.split())}"'
        if value.startswith("#"):
            return f'href="#{prefix}--{value[1:]}"'
        if urlsplit(value).scheme or value.startswith("//"):
            return match.group(0)
        parts = urlsplit(urljoin("https://site.invalid/" + url, value))
        page, fragment = parts.path.lstrip("/").removesuffix("index.html"), parts.fragment
        if page and not page.endswith("/"):
            return f'href="{escape(hosted.rstrip("/") + "/")}{page}{"#" + fragment if fragment else ""}"'
        if page not in included:
            return 'href="#contents"'
        return f'href="#{_prefix(page)}{"--" + fragment if fragment else ""}"'

    return HREF.sub(link, html)


def _csp_hash(data: bytes) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(data).digest()).decode()


def _atomic(path: Path, data: bytes) -> Path:
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(handle, "wb") as out:
        out.write(data)
    os.chmod(temp, 0o644)
    os.replace(temp, path)
    return path


def _pdf(browser: str, html: Path, pdf: Path) -> Path:
    with tempfile.TemporaryDirectory() as profile:
        temp = pdf.with_name(f".{pdf.name}.tmp")
        subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
                        "--no-pdf-header-footer", f"--print-to-pdf={temp}", html.resolve().as_uri()],
                       check=True, capture_output=True, timeout=180)
        os.replace(temp, pdf)
    return pdf
