"""Verified parts in the build cache (.cache/build/parts/): a build whose inputs changed takes from there
what an earlier build verified of the files that did not change. The site and every diagnostic are a
clean build's whether the parts are warm, cold, stale or damaged; parts from another generator version
are not read; `--no-cache` neither reads nor writes them."""

from __future__ import annotations

from pathlib import Path

import pytest

from kit import SEED, many_sources, run_cli, write_files

from briefing import buildcache
from briefing.buildcache import Parts
from briefing.diagnostics import BuildFailed, Diagnostics
from briefing.pipeline import publish


class Counted(Parts):
    """Parts that count how many were found."""

    def __init__(self, root: Path) -> None:
        super().__init__(root)
        self.found = 0

    def get(self, key: str) -> bytes | None:
        kept = super().get(key)
        self.found += kept is not None
        return kept


def written(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def built(root: Path, out: Path, parts: Parts | None) -> tuple[dict[str, bytes] | None, list]:
    """The site (None when the build failed) and the diagnostics, with these parts or none."""
    diag = Diagnostics()
    try:
        publish(root, out, diag, jobs=2, parts=parts)
    except BuildFailed:
        return None, diag.items
    finally:
        if parts is not None:
            parts.prune()
    return written(out), diag.items


def same_as_clean(root: Path, tmp_path: Path, parts: Parts) -> None:
    with_parts = built(root, tmp_path / "with", parts)
    assert with_parts == built(root, tmp_path / "clean", None)


def kept(root: Path) -> list[Path]:
    return sorted((root / ".cache/build/parts").iterdir())


PAGE = "content/pages/p01.md"
SOURCE = "content/sources/s007.yaml"


def test_warm_parts_give_a_clean_builds_site_and_diagnostics_for_each_kind_of_change(tmp_path):
    root = many_sources(tmp_path, broken=False)
    first = Counted(root)
    same_as_clean(root, tmp_path, first)
    assert first.found == 0 and kept(root)
    changes = [
        ({PAGE: (root / PAGE).read_text() + "Acme Corp raised $5 million [@s010:raise].\n"}, "a page edited"),
        ({SOURCE: (root / SOURCE).read_text().replace("Jane Doe speaks", "Jane Doe talks")}, "a source edited"),
        ({"seeds/s007.txt": SEED.replace("Monday", "Tuesday").encode()},
         "a seed's bytes changed (its sha256 no longer holds)"),
        ({"seeds/s007.txt": SEED.encode()}, "and back"),
        ({"seeds/extra.txt": b"A seed that no source names.\n"}, "a seed added"),
        ({"content/site.yaml": (root / "content/site.yaml").read_text().replace("title:", "title: Renamed,", 1)},
         "site.yaml edited"),
        ({"seeds/extra.txt": None, "content/pages/p02.md": None}, "a seed and a page removed"),
        ({"content/sources/s050.yaml": None, "seeds/s050.txt": None}, "a source and its seed removed (p00 cites it)"),
    ]
    for change, what in changes:
        write_files(root, change)
        parts = Counted(root)
        same_as_clean(root, tmp_path, parts)
        if what in ("a page edited", "a source edited"):
            assert parts.found > 0, f"{what}: the files it did not touch are not verified again"
        assert len(kept(root)) <= buildcache.PARTS_KEPT * len(parts.used), what


def test_parts_replay_every_error_of_a_failed_build(tmp_path):
    root = many_sources(tmp_path, broken=True)
    reference = built(root, tmp_path / "clean", None)
    assert reference[0] is None and reference[1]
    cold = Counted(root)
    assert built(root, tmp_path / "cold", cold) == reference
    warm = Counted(root)
    assert built(root, tmp_path / "warm", warm) == reference
    assert cold.found == 0 and warm.found > 0 and not (tmp_path / "warm").exists()


@pytest.mark.parametrize("damage", ["truncated", "a byte flipped", "intact checksum, not a pickle", "empty"])
def test_a_damaged_part_is_made_again_and_mended(tmp_path, damage):
    root = many_sources(tmp_path, broken=False)
    built(root, tmp_path / "first", Parts(root))
    good = {p.name: p.read_bytes() for p in kept(root)}
    for path in kept(root):
        data = path.read_bytes()
        if damage == "truncated":
            data = data[: len(data) // 2]
        elif damage == "a byte flipped":
            data = data[:-10] + bytes([data[-10] ^ 0xFF]) + data[-9:]
        elif damage == "intact checksum, not a pickle":
            payload = b"\x80\x05not a pickle at all"
            data = buildcache._sealed(buildcache.PARTS_MAGIC, payload)
        else:
            data = b""
        path.write_bytes(data)
    parts = Counted(root)
    same_as_clean(root, tmp_path, parts)
    assert parts.found == (len(good) if damage == "intact checksum, not a pickle" else 0)
    assert {p.name: p.read_bytes() for p in kept(root)} == good, "each damaged part is written again"


def test_parts_from_another_generator_version_are_not_read(tmp_path, monkeypatch):
    root = many_sources(tmp_path, broken=False)
    built(root, tmp_path / "first", Parts(root))
    before = {p.name for p in kept(root)}
    version = buildcache.generator_version()
    monkeypatch.setattr(buildcache, "generator_version", lambda: version + " (another)")
    parts = Counted(root)
    same_as_clean(root, tmp_path, parts)
    assert parts.found == 0 and not before & parts.used


def test_build_keeps_parts_and_no_cache_neither_reads_nor_writes_them(tmp_path):
    root = many_sources(tmp_path, broken=False)

    def cli(*options: str) -> dict[str, bytes]:
        done = run_cli(root, "build", *options)
        assert done.returncode == 0, done.stderr
        site = written(root / "_site")
        site.pop(".briefing-output")
        return site

    assert not (root / ".cache").exists() and cli("--no-cache") and not (root / ".cache").exists()
    expected = cli()
    assert kept(root)
    write_files(root, {PAGE: (root / PAGE).read_text() + "Acme Corp raised $5 million [@s010:raise].\n"})
    # Parts that would change the site if they were read unchecked: each is another part's bytes.
    paths = kept(root)
    contents = [p.read_bytes() for p in paths]
    for path, other in zip(paths, contents[1:] + contents[:1]):
        path.write_bytes(other)
    before = {p.name: p.read_bytes() for p in kept(root)}
    edited = cli("--no-cache")
    assert {p.name: p.read_bytes() for p in kept(root)} == before and edited != expected
    # Read, they are checked result by result against their memo keys, as a worker's are: the same site.
    assert cli() == edited
