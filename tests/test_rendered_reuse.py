"""Rendered files in the build cache: a `build` whose inputs changed takes from the kept entries each
file that shows the same as one an earlier build rendered, and renders the rest. The site is a clean
build's whatever was kept (warm, stale, damaged, or from another generator version); a page edit
renders that page again and only the source pages whose claims it starts or stops citing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kit import many_sources, write_files

from briefing import buildcache
from briefing.commands import build as build_command
from briefing.diagnostics import Diagnostics
from briefing.pipeline import publish
from briefing.targets import Target


class Counted(buildcache.Rendered):
    """Rendered files that note which were taken from the cache, by path."""

    last: Counted | None = None

    def __init__(self, *args, **kw) -> None:
        super().__init__(*args, **kw)
        self.taken: set[str] = set()
        Counted.last = self

    def get(self, key: str) -> bytes | None:
        kept = super().get(key)
        if kept is not None:
            self.taken |= {rel for rel, shown in self.shows.items() if shown == key}
        return kept


@pytest.fixture
def counted(monkeypatch):
    monkeypatch.setattr(buildcache, "Rendered", Counted)
    Counted.last = None
    return Counted


def written(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def cached(root: Path) -> dict[str, bytes]:
    """`build` with the build cache, as the command runs it."""
    out = root / "_site"
    build_command._cached(root, out, Diagnostics(), Target(), False)
    return written(out)


def clean(root: Path, tmp_path: Path) -> dict[str, bytes]:
    out = tmp_path / "clean"
    publish(root, out, Diagnostics(), jobs=2)
    return written(out)


def taken(counted: type[Counted]) -> set[str]:
    assert counted.last is not None
    return counted.last.taken


PAGE = "content/pages/p01.md"


def test_each_kind_of_change_gives_a_clean_builds_site_and_a_page_edit_renders_what_it_touched(tmp_path, counted):
    root = many_sources(tmp_path, broken=False)
    assert cached(root) == clean(root, tmp_path) and not taken(counted)
    pages = {"index.html", *(f"p0{n}/index.html" for n in range(5))}
    sources = {f"sources/s{i:03d}/index.html" for i in range(40)}
    changes = [
        ({PAGE: (root / PAGE).read_text() + "Acme Corp raised $5 million [@s011:raise].\n"}, "a page's text"),
        ({PAGE: (root / PAGE).read_text() + "Jane Doe speaks about widgets [@s012:founder].\n"},
         "a page cites a claim no page cited"),
        ({PAGE: (root / PAGE).read_text().replace("title: P", "title: Renamed")}, "a page's title"),
        ({"content/sources/s007.yaml": (root / "content/sources/s007.yaml").read_text().replace(
            "Jane Doe speaks", "Jane Doe talks")}, "a source"),
        ({"templates/base.html": (Path(buildcache.PACKAGE) / "theme/templates/base.html").read_text().replace(
            "</main>", "<p>Edited.</p></main>")}, "a template"),
        ({"templates/base.html": (Path(buildcache.PACKAGE) / "theme/templates/base.html").read_text().replace(
            "</main>", "<p>Edited again.</p></main>")}, "a template edited again"),
        ({"seeds/extra.txt": b"A seed that no source names.\n"}, "a seed added"),
        ({"static/style.css": "body { color: black; }\n"}, "a static file"),
        ({"seeds/extra.txt": None}, "a seed removed"),
        ({}, "nothing at all"),
    ]
    for change, what in changes:
        write_files(root, change)
        site = cached(root)
        assert site == clean(root, tmp_path), what
        if what == "a page's text":
            assert taken(counted) >= (pages - {"p01/index.html"}) | sources | {"claims.json", "claims/index.html"}
            assert "p01/index.html" not in taken(counted) and "static/search-index.js" not in taken(counted)
        elif what == "a page cites a claim no page cited":
            assert taken(counted) >= (pages - {"p01/index.html"}) | (sources - {"sources/s012/index.html"})
            assert not taken(counted) & {"p01/index.html", "sources/s012/index.html", "claims.json",
                                         "claims/index.html"}
        elif what == "a page's title":  # shown on every page, but not in claims.json
            assert taken(counted) == {"claims.json"}
        elif what == "nothing at all":
            assert counted.last is None, "the whole build comes from its entry"
        else:
            assert not taken(counted), f"{what}: every page shows it, so every page is rendered again"
        counted.last = None


@pytest.mark.parametrize("damage", ["truncated", "a byte flipped", "another file's bytes", "removed"])
def test_a_damaged_file_in_the_cache_is_rendered_again(tmp_path, counted, damage):
    root = many_sources(tmp_path, broken=False)
    cached(root)
    objects = sorted((root / ".cache/build/objects").iterdir())
    contents = [p.read_bytes() for p in objects]
    for path, data, other in zip(objects, contents, contents[1:] + contents[:1]):
        path.unlink()  # the objects are hard links to the site's files: damage the copy in the cache only
        if damage == "truncated":
            path.write_bytes(data[: len(data) // 2])
        elif damage == "a byte flipped":
            path.write_bytes(data[:-10] + bytes([data[-10] ^ 0xFF]) + data[-9:])
        elif damage == "another file's bytes":
            path.write_bytes(other)
    write_files(root, {PAGE: (root / PAGE).read_text() + "Acme Corp raised $5 million [@s011:raise].\n"})
    assert cached(root) == clean(root, tmp_path)
    assert not taken(counted)


def test_files_kept_by_another_generator_version_are_not_taken(tmp_path, counted, monkeypatch):
    root = many_sources(tmp_path, broken=False)
    cached(root)
    version = buildcache.generator_version()
    monkeypatch.setattr(buildcache, "generator_version", lambda: version + " (another)")
    write_files(root, {PAGE: (root / PAGE).read_text() + "Acme Corp raised $5 million [@s011:raise].\n"})
    assert cached(root) == clean(root, tmp_path)
    assert not taken(counted)


def test_unchanged_files_are_linked_from_the_output_folder_and_shared_with_no_other(tmp_path):
    root = many_sources(tmp_path, broken=False)
    cached(root)

    def inodes(out: Path) -> dict[str, int]:
        return {rel: (out / rel).stat().st_ino for rel in written(out)}

    first = inodes(root / "_site")
    write_files(root, {PAGE: (root / PAGE).read_text() + "Acme Corp raised $5 million [@s011:raise].\n"})
    cached(root)
    now = inodes(root / "_site")
    assert now["p02/index.html"] == first["p02/index.html"] and now["p01/index.html"] != first["p01/index.html"]
    write_files(root, {PAGE: (root / PAGE).read_text() + "It raised $5 million [@s016:raise].\n"})
    cached(root)  # then into another folder, from this build's entry, and with nothing kept on the way
    build_command._cached(root, root / "other", Diagnostics(), Target(), False)
    shutil.rmtree(root / ".cache")
    build_command._cached(root, root / "third", Diagnostics(), Target(), False)
    folders = [set(inodes(root / name).values()) for name in ("_site", "other", "third")]
    assert not folders[0] & folders[1] and not folders[0] & folders[2] and not folders[1] & folders[2]
