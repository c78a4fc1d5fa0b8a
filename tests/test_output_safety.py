"""The output is always a complete site: concurrent builds and builds killed at any moment."""

from __future__ import annotations

import gc
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from kit import ROOT, make_project

PAGES = 150


def big_project(tmp_path: Path, words: str) -> Path:
    """Enough pages that a build takes a noticeable time, so a kill can land mid-write."""
    files = {f"content/pages/p{i:03d}.md": f"---\ntitle: Page {i}\ndescription: x\norder: {i + 1}\n---\n"
             f"Acme Corp raised money {words} [@acme:raise].\n" for i in range(PAGES)}
    return make_project(tmp_path, files)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def build(root: Path, out: str = "_site") -> subprocess.Popen:
    return subprocess.Popen([sys.executable, str(ROOT / "build.py"), "build", "--root", str(root), "--out", out],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=root)


def expected_site(root: Path, name: str) -> dict[str, bytes]:
    assert build(root, f"../{name}").wait() == 0
    return snapshot(root.parent / name)


def test_a_build_killed_at_any_moment_leaves_the_previous_or_the_new_site(tmp_path):
    root = big_project(tmp_path, "early")
    old = expected_site(root, "old")
    assert build(root).wait() == 0
    page = root / "content/pages/p000.md"
    page.write_text(page.read_text().replace("early", "later"))
    new = expected_site(root, "new")
    assert old != new
    started = time.monotonic()
    assert build(root, "../timing").wait() == 0
    duration = time.monotonic() - started
    rng, outcomes = random.Random(7), set()
    delays = [rng.uniform(0.05, duration) for _ in range(12)] + [duration * 3]
    for delay in delays:
        process = build(root)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        site = snapshot(root / "_site")
        assert site in (old, new), "the output must be the complete previous or the complete new site"
        outcomes.add("new" if site == new else "old")
        if site == new:  # go back so later kills can again land between the two
            page.write_text(page.read_text().replace("later", "early"))
            assert build(root).wait() == 0
            page.write_text(page.read_text().replace("early", "later"))
    assert outcomes == {"old", "new"}, "some kills landed before the swap, and the last one after it"
    assert build(root).wait() == 0 and snapshot(root / "_site") == new
    leftovers = [p.name for p in root.iterdir() if p.name.startswith("._site.") and not p.name.endswith(".lock")]
    assert leftovers == [], "staging folders of killed builds are cleaned up by the next build"


def test_two_builds_started_at_once_do_not_corrupt_the_output(tmp_path):
    root = big_project(tmp_path, "same")
    expected = expected_site(root, "expected")
    for _ in range(3):
        first, second = build(root), build(root)
        assert (first.wait(), second.wait()) == (0, 0), (first.stderr.read(), second.stderr.read())
        assert snapshot(root / "_site") == expected
    assert not [p for p in root.iterdir() if p.name.startswith("._site.") and not p.name.endswith(".lock")]


def test_the_output_marker_lets_a_later_build_replace_its_own_folder(tmp_path):
    root = make_project(tmp_path)
    assert build(root, "out").wait() == 0 and (root / "out/.briefing-output").is_file()
    assert build(root, "out").wait() == 0
    os.remove(root / "out/.briefing-output")
    assert build(root, "out").wait() == 1, "a folder without the marker is not ours to replace"


def test_parallel_rendering_produces_the_same_bytes_as_serial(tmp_path):
    from briefing.diagnostics import Diagnostics
    from briefing.pipeline import build as build_site
    from briefing.render import PARALLEL_FROM

    root = big_project(tmp_path, "parallel")
    assert PAGES > PARALLEL_FROM
    serial = build_site(root, Diagnostics(), jobs=1).files
    assert build_site(root, Diagnostics(), jobs=2).files == serial


def test_the_long_pages_render_first_and_come_back_in_their_place():
    """The claims index, the one page that shows every claim, is started before the other pages (else it
    ends the build alone on one core), and still comes back in its place among them."""
    from briefing.render import PARALLEL_FROM, _rendering

    count = 2 * PARALLEL_FROM

    def page(n: int) -> bytes:
        started = time.monotonic()  # system-wide: comparable between the forked workers
        time.sleep(0.01)
        return f"{n} {started}".encode()

    makes = [lambda n=n: page(n) for n in range(count)]
    def starts(first: frozenset[int]) -> list[float]:
        with _rendering(makes, jobs=2, aside=[], first=first) as (pages, _):
            results = [data.decode().split() for data in pages]
        assert [int(n) for n, _ in results] == list(range(count))
        return [float(started) for _, started in results]

    with_first = starts(frozenset({count - 1}))
    assert with_first[-1] < with_first[count // 2], "the long page was rendered after the others, not first"
    without = starts(frozenset())  # the check can fail: without `first`, the last page starts last
    assert without[-1] > without[count // 2]


def test_a_build_streamed_to_disk_writes_the_same_files_as_one_rendered_in_memory(tmp_path):
    """`build.py build` writes each page as it is rendered (publish); serve and the bundle render into
    memory (build): both must give the same site, file for file and byte for byte."""
    from briefing.diagnostics import Diagnostics
    from briefing.pipeline import build as build_site
    from briefing.pipeline import publish

    root = big_project(tmp_path, "streamed")
    in_memory = build_site(root, Diagnostics()).files
    for jobs in (1, 2):
        out = tmp_path / f"out-{jobs}"
        site, count = publish(root, out, Diagnostics(), jobs=jobs)
        written = snapshot(out)
        assert written.pop(".briefing-output")
        assert count == len(in_memory) == len(written)
        assert written == in_memory
        assert len(site.corpus.pages) == PAGES + 1  # and the kit project's own page
        # publish pauses the cycle collector while verifying: the process is left as it was
        assert gc.isenabled() and gc.get_freeze_count() == 0
