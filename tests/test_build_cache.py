"""The build cache (.cache/build/): the same site, warnings and summary with the cache cold, warm, stale
or corrupted, an entry from another generator version ignored, and --no-cache neither reading nor writing it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from kit import ROOT, make_project, run_cli, write_files

from briefing import buildcache

SECOND_PAGE = "---\ntitle: Second\ndescription: x\norder: 1\n---\nAcme Corp raised $5 million [@acme:raise].\n"


def site(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def build(root: Path, *options: str) -> tuple[subprocess.CompletedProcess[str], dict[str, bytes]]:
    done = run_cli(root, "build", *options)
    assert done.returncode == 0, done.stderr
    return done, site(root / "_site")


def clean(root: Path, tmp_path: Path) -> tuple[subprocess.CompletedProcess[str], dict[str, bytes]]:
    """The reference: built with --no-cache into a folder of its own."""
    out = tmp_path / "clean"
    done = subprocess.run([sys.executable, str(ROOT / "build.py"), "build", "--no-cache", "--root", str(root),
                           "--out", str(out)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return done, site(out)


def entries(root: Path) -> list[Path]:
    return sorted((root / ".cache/build").glob("*.json"))


def same_report(a: subprocess.CompletedProcess[str], b: subprocess.CompletedProcess[str], root: Path) -> bool:
    line = lambda done: done.stdout.replace(str(root.parent / "clean"), "_site")  # noqa: E731
    return line(a) == line(b) and a.stderr == b.stderr


def test_a_warm_cache_gives_the_same_site_warnings_and_summary(tmp_path):
    # An uncited claim, so that there is a warning to replay.
    root = make_project(tmp_path, {"content/pages/index.md": "---\ntitle: Home\ndescription: x\norder: 0\n---\n"
                                   "Acme Corp raised $5 million [@acme:raise].\n"})
    cold, first = build(root)
    assert len(entries(root)) == 1 and "warning" in cold.stderr
    warm, second = build(root)
    reference, expected = clean(root, tmp_path)
    assert first == second == expected
    assert same_report(cold, warm, root) and same_report(warm, reference, root)
    for fmt in ("json", "github"):
        assert build(root, "--format", fmt)[0].stdout == run_cli(root, "build", "--no-cache", "--format", fmt).stdout


def test_a_stale_cache_is_not_used_for_changed_inputs(tmp_path):
    root = make_project(tmp_path)
    build(root)
    for change in ({"content/pages/second.md": SECOND_PAGE},  # a page added
                   {"templates/page.html": (ROOT / "briefing/theme/templates/page.html").read_text() + "<!-- x -->\n"},
                   {"seeds/other.txt": "Another document entirely, not cited by anything at all.\n"},  # a seed added
                   {"seeds/other.txt": None, "content/pages/second.md": None}):  # and removed
        write_files(root, change)
        _, cached = build(root)
        assert cached == clean(root, tmp_path)[1]
    assert build(root, "--base-url", "https://elsewhere.example/")[1] == site(root / "_site")
    assert b"https://elsewhere.example/" in build(root, "--base-url", "https://elsewhere.example/")[1]["sitemap.xml"]


def test_a_corrupted_cache_is_ignored_and_mended(tmp_path):
    root = make_project(tmp_path)
    _, expected = build(root)
    entry = entries(root)[0]
    objects = root / ".cache/build/objects"
    good = entry.read_bytes()
    for damage in (lambda: entry.write_bytes(good[: len(good) // 2]),  # truncated
                   lambda: entry.write_bytes(good.replace(b'"counts": {', b'"counts": {"extra": 1, ', 1)),  # checksum fails
                   lambda: entry.write_text("not json"),
                   lambda: next(objects.iterdir()).unlink(),  # a file it lists is gone
                   lambda: _alter(objects / dict(json.loads(good)["payload"]["files"])["index.html"])):
        damage()
        done, found = build(root)
        assert found == expected and "warning" not in done.stderr
        assert entry.read_bytes() == good, "the entry is written afresh"
        assert all(p.stat().st_nlink >= 1 for p in objects.iterdir())
    _alter(root / "_site/index.html")  # the site folder edited in place, which the cache links into
    assert build(root)[1] == expected


def _alter(path: Path) -> None:
    with open(path, "r+b") as handle:  # in place, as an editor saving without renaming does
        handle.write(b"<!-- altered -->")


def test_an_entry_from_another_generator_version_is_ignored(tmp_path, monkeypatch):
    root = make_project(tmp_path)
    build(root)
    entry = entries(root)[0]
    data = json.loads(entry.read_bytes())
    key = entry.stem
    assert buildcache.lookup(root, key) is not None
    monkeypatch.setattr(buildcache, "generator_version", lambda: data["generator"] + " (another)")
    assert buildcache.lookup(root, key) is None
    # an entry claiming another version, its checksum intact: not read either
    monkeypatch.undo()
    data["generator"] += " (another)"
    entry.write_text(json.dumps(data))
    assert buildcache.lookup(root, key) is None


def test_no_cache_neither_reads_nor_writes_the_cache(tmp_path):
    root = make_project(tmp_path)
    build(root, "--no-cache")
    assert not (root / ".cache/build").exists()
    _, expected = build(root)
    # A cache whose every object is wrong would give a wrong site if it were read without checks; with
    # --no-cache it is not read at all (nor mended).
    for stored in (root / ".cache/build/objects").iterdir():
        _alter(stored)
    before = site(root / ".cache/build")
    assert build(root, "--no-cache")[1] == expected
    assert site(root / ".cache/build") == before


def test_a_failed_build_is_not_cached_and_keeps_the_last_site(tmp_path):
    root = make_project(tmp_path)
    _, expected = build(root)
    write_files(root, {"content/pages/index.md": "---\ntitle: Home\ndescription: x\norder: 0\n---\nUncited words here.\n"})
    assert run_cli(root, "build").returncode == 1
    assert len(entries(root)) == 1 and site(root / "_site") == expected


def test_a_site_written_from_the_cache_shares_no_file_with_another(tmp_path):
    """Two output folders made from one entry: editing a file of one in place leaves the other as built."""
    root = make_project(tmp_path)
    _, expected = build(root)
    assert run_cli(root, "build", "--out", "second").returncode == 0
    _alter(root / "second/index.html")
    assert site(root / "_site") == expected
    assert build(root)[1] == expected
