"""The writer: the output folder holds the complete old site or the complete new one, never a mix."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from briefing.write import MARKER, write


def contents(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_files_produced_while_writing_replace_the_output_and_are_counted(tmp_path):
    out = tmp_path / "site"
    assert write(iter([("index.html", b"old"), ("a/index.html", b"a")]), out) == 2
    count = write(((f"p{i}/index.html", str(i).encode()) for i in range(3)), out)
    assert count == 3
    assert contents(out) == {"p0/index.html": b"0", "p1/index.html": b"1", "p2/index.html": b"2",
                             MARKER: (out / MARKER).read_bytes()}


def test_a_failure_while_producing_the_files_leaves_the_previous_site_and_no_staging_folder(tmp_path):
    out = tmp_path / "site"
    write({"index.html": b"old", "a/index.html": b"a"}.items(), out)
    before = contents(out)

    def failing() -> Iterator[tuple[str, bytes]]:
        yield "index.html", b"new"
        yield "b/index.html", b"b"
        raise RuntimeError("a template failed halfway")

    with pytest.raises(RuntimeError):
        write(failing(), out)
    assert contents(out) == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".site.new-")) == []


def test_files_the_output_holds_already_are_linked_from_it_but_only_regular_files(tmp_path):
    out = tmp_path / "site"
    write({"same.html": b"same", "changed.html": b"old", "odd.html": b"x"}.items(), out)
    (out / "odd.html").unlink()
    (out / "odd.html").symlink_to(out / "same.html")  # holds b"same" when read through the link
    same = (out / "same.html").stat().st_ino
    write({"same.html": b"same", "changed.html": b"new", "odd.html": b"same"}.items(), out, link_unchanged=True)
    assert (out / "same.html").stat().st_ino == same, "an unchanged file is linked, not written again"
    assert contents(out) == {"same.html": b"same", "changed.html": b"new", "odd.html": b"same",
                             MARKER: (out / MARKER).read_bytes()}
    assert not (out / "odd.html").is_symlink(), "what is not a regular file is written, not linked"
