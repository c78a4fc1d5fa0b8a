"""One name per source: the sources index and the notes name a source by its label (else its outlet, else its
author); notes say "line N" and leave the seed's file name to the source page."""

from __future__ import annotations

from htmlscan import Scan
from kit import DEFAULT_CLAIMS, SEED, make_project, run_cli, source_yaml


def built(tmp_path, outlet: str = "Test Wire", author: str = "null", label: str | None = None):
    text = source_yaml("acme.txt", SEED.encode(), DEFAULT_CLAIMS).replace("outlet: Test Wire", f"outlet: {outlet}")
    text = text.replace("author: null", f"author: {author}") + (f"label: {label}\n" if label else "")
    root = make_project(tmp_path, {"content/sources/acme.yaml": text})
    result = run_cli(root, "build")
    assert result.returncode == 0, result.stderr
    return root / "_site"


def meta(site) -> str:
    html = (site / "sources/index.html").read_text()
    return " ".join(html[html.index('<span class="meta">') + 19: html.index("</span>", html.index('<span class="meta">'))].split())


def test_a_source_without_an_outlet_is_listed_by_its_author(tmp_path):
    site = built(tmp_path, outlet="null", author="Jane Roe")
    assert meta(site) == "Jane Roe · no outlet named · News report · 2026-04-10 · 2 claims"


def test_the_label_names_the_source_in_the_index_and_in_the_notes(tmp_path):
    site = built(tmp_path, author="Jane Roe", label="Acme wire story")
    assert meta(site) == "Acme wire story · Test Wire · by Jane Roe · News report · 2026-04-10 · 2 claims"
    home = Scan((site / "index.html").read_text())
    note = " ".join(home.texts["fn-1"].split())
    assert "Acme wire story · News report · 2026-04-10 · line 1" in note
    assert "acme.txt" not in (site / "index.html").read_text()
    source = Scan((site / "sources/acme/index.html").read_text())
    assert "Acme wire story · News report · 2026-04-10 · line 1" in " ".join(source.texts["fn-1"].split())  # the summary's own note
    assert "acme.txt" in (site / "sources/acme/index.html").read_text()  # the seed file stays on its page
