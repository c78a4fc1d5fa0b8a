"""Page verdicts in the build cache: a `build` takes what the last one found verifying each page whose
text, and everything else verifying it can see, did not change, instead of parsing and checking it
again. The site and the diagnostics are a clean build's whatever was kept (warm, stale, damaged, unfit
or from another generator version), and a page edit parses only that page."""

from __future__ import annotations

import pickle
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest

from kit import TABLE_HEAD, many_sources, write_files

from briefing import buildcache, resolve
from briefing.commands import build as build_command
from briefing.diagnostics import BuildFailed, Diagnostics
from briefing.targets import Target

PAGE = "content/pages/p01.md"
OTHER = "content/pages/p02.md"
PAGES = {"", "p00/", "p01/", "p02/", "p03/", "p04/"}
TABLE = "p03/"
"""A page with a data table: always resolved afresh (only pages of one Markdown text have verdicts)."""


@pytest.fixture
def resolved(monkeypatch) -> Counter:
    """How many times each briefing page was resolved (its citations, numbers and links checked), by URL."""
    counts: Counter = Counter()
    work = resolve._resolve_page

    def counted(url, *args, **kw):
        if not url.startswith("sources/"):
            counts[url] += 1
        return work(url, *args, **kw)

    monkeypatch.setattr(resolve, "_resolve_page", counted)
    return counts


def written(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def outcome(root: Path, out: Path, *, cache: bool) -> tuple[list[str], dict[str, bytes]]:
    """Every diagnostic `build` gives, in order, and the site it leaves in `out`."""
    diag = Diagnostics()
    try:
        if cache:
            build_command._cached(root, out, diag, Target(), False)
        else:
            build_command._built(root, out, diag, Target(), False)
    except BuildFailed:
        pass
    return [str(d) for d in diag.items], written(out)


def project(tmp_path: Path) -> Path:
    """Pages that link to each other, cite a claim more than once, give a warning, and one with a table."""
    root = many_sources(tmp_path, broken=False)
    return write_files(root, {
        PAGE: (root / PAGE).read_text() + "See [the next page](p02.md#top) [@s011:raise].\n"
                                           "Acme Corp raised $5 million again [@s011:raise; @s012:raise].\n",
        OTHER: (root / OTHER).read_text() + "Two kinds of widgets were named [@s012:founder].\n",
        "content/pages/p03.md": (root / "content/pages/p03.md").read_text().replace("order: 1", "order: 1\ndata: side"),
        "content/data/side.yaml": TABLE_HEAD.replace("acme:raise", "s013:raise"),
    })


def test_each_kind_of_change_gives_a_clean_builds_site_and_diagnostics_and_an_edit_checks_that_page(tmp_path,
                                                                                                     resolved):
    root = project(tmp_path)
    pages = PAGES

    def check(what: str) -> set[str]:
        resolved.clear()
        site = outcome(root, root / "_site", cache=True)
        this = set(resolved)
        assert site == outcome(root, tmp_path / "clean", cache=False), what
        return this

    assert check("a cold cache") == pages
    text = (root / PAGE).read_text()
    source = (root / "content/sources/s011.yaml").read_text()
    changes = [
        ({PAGE: text + "Jane Doe speaks about widgets [@s014:founder].\n"}, "a page's text", {"p01/", TABLE}),
        ({OTHER: (root / OTHER).read_text().replace("title: P", "title: Renamed")}, "a page's title", {"p02/", TABLE}),
        ({"content/pages/p09.md": "---\ntitle: New\ndescription: x\norder: 2\n---\nAcme Corp raised $5 million "
          "[@s015:raise].\n"}, "a page added", pages | {"p09/"}),
        ({"content/pages/p09.md": None}, "the page removed: the site of the build before", set()),
        ({"content/data/side.yaml": TABLE_HEAD.replace("acme:raise", "s016:raise")}, "a data table", pages),
        ({"content/sources/s012.yaml": (root / "content/sources/s012.yaml").read_text().replace(
            "Jane Doe speaks", "Jane Doe talks")}, "a source a kept page cites", pages),
        ({PAGE: text + "Acme Corp raised $5 million [@s011:nope].\n"}, "a page with an error", {"p01/", TABLE}),
        ({PAGE: text}, "the error fixed", {"p01/", TABLE}),
        ({"content/sources/s011.yaml": None}, "a source kept pages cite removed (errors)", pages),
        ({"content/sources/s011.yaml": source}, "the source back: the site of the last good build", set()),
        ({"content/pages/p04.md": None}, "a page removed", pages - {"p04/"}),
    ]
    for change, what, checked in changes:
        write_files(root, change)
        assert check(what) == checked, what


def test_a_kept_page_rendered_again_has_its_markers_and_links(tmp_path, resolved):
    """Another page's title is in every page's navigation: every page renders again, so a kept page is
    parsed to render, and its footnote markers and page links are set as resolving sets them."""
    root = project(tmp_path)
    _, before = outcome(root, root / "_site", cache=True)
    write_files(root, {OTHER: (root / OTHER).read_text().replace("title: P", "title: Renamed")})
    resolved.clear()
    diagnostics, site = outcome(root, root / "_site", cache=True)
    assert set(resolved) == {"p02/", TABLE}, "p01 is not resolved again"
    html = site["p01/index.html"].decode()
    assert html != before["p01/index.html"].decode() and ">Renamed<" in html
    # s011:raise is its third note, cited three times; the link to p02.md goes to its page.
    assert 'id="fnref-3-3"' in html and '<a href="../p02/#top">' in html
    assert (diagnostics, site) == outcome(root, tmp_path / "clean", cache=False)


def verdicts_file(root: Path) -> Path:
    return root / buildcache.FOLDER / buildcache.VERDICTS


def sealed(payload: bytes) -> bytes:
    """A verdicts file holding `payload`, with its checksum."""
    return buildcache._sealed(buildcache.VERDICTS_MAGIC, payload)


@pytest.mark.parametrize("damage", ["truncated", "a byte flipped", "not verdicts", "removed"])
def test_damaged_verdicts_are_not_taken(tmp_path, resolved, damage):
    root = project(tmp_path)
    outcome(root, root / "_site", cache=True)
    path = verdicts_file(root)
    data = path.read_bytes()
    if damage == "truncated":
        path.write_bytes(data[: len(data) // 2])
    elif damage == "a byte flipped":
        path.write_bytes(data[:-10] + bytes([data[-10] ^ 0xFF]) + data[-9:])
    elif damage == "not verdicts":  # a sound file holding something else
        path.write_bytes(sealed(pickle.dumps({"key": ("not", "a", "verdict")})))
    else:
        path.unlink()
    write_files(root, {PAGE: (root / PAGE).read_text() + "Jane Doe speaks about widgets [@s014:founder].\n"})
    resolved.clear()
    site = outcome(root, root / "_site", cache=True)
    assert set(resolved) == PAGES, "every page is checked again"
    assert site == outcome(root, tmp_path / "clean", cache=False)


def test_a_verdict_naming_claims_the_build_lacks_is_not_taken(tmp_path, resolved):
    """Only a digest collision could pair a verdict with other claims; it is checked all the same."""
    root = project(tmp_path)
    outcome(root, root / "_site", cache=True)
    path = verdicts_file(root)
    head = len(buildcache.VERDICTS_MAGIC) + 64
    kept = pickle.loads(path.read_bytes()[head:])
    gone = {"s011:raise": "s011:gone"}  # a claim p01 cites, and no other page
    for key, verdict in kept.items():
        if any(ref in gone for ref, _ in verdict.uses):
            kept[key] = replace(verdict, uses=tuple((gone.get(ref, ref), ids) for ref, ids in verdict.uses),
                                mentioned=tuple(gone.get(ref, ref) for ref in verdict.mentioned))
    path.write_bytes(sealed(pickle.dumps(kept)))
    write_files(root, {OTHER: (root / OTHER).read_text() + "Acme Corp raised $5 million [@s017:raise].\n"})
    resolved.clear()
    site = outcome(root, root / "_site", cache=True)
    assert set(resolved) == {"p01/", "p02/", TABLE}
    assert site == outcome(root, tmp_path / "clean", cache=False)


def test_verdicts_of_another_generator_version_are_not_taken(tmp_path, resolved, monkeypatch):
    root = project(tmp_path)
    outcome(root, root / "_site", cache=True)
    version = buildcache.generator_version()
    monkeypatch.setattr(buildcache, "generator_version", lambda: version + " (another)")
    write_files(root, {PAGE: (root / PAGE).read_text() + "Jane Doe speaks about widgets [@s014:founder].\n"})
    resolved.clear()
    site = outcome(root, root / "_site", cache=True)
    assert set(resolved) == PAGES
    assert site == outcome(root, tmp_path / "clean", cache=False)
