"""`serve`: live rebuilds over HTTP, the error overlay over the last good site, a clean stop;
and incremental builds that are byte-identical to clean ones."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from briefing.cache import Memo
from briefing.load import Reads
from briefing.diagnostics import BuildFailed, Diagnostics
from briefing.pipeline import build
from briefing.serve import Builder, PollingWatcher
from briefing.targets import Target
from briefing.write import MARKER
from kit import DEFAULT_CLAIMS, ROOT, SEED, make_project, source_yaml

THEME_BASE = (ROOT / "briefing/theme/templates/base.html").read_text()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode()
    except urllib.error.HTTPError as error:
        return f"HTTP {error.code}"


def wait_for(url: str, predicate, timeout: float = 10.0) -> str:
    deadline, body = time.monotonic() + timeout, ""
    while time.monotonic() < deadline:
        try:
            body = fetch(url)
            if predicate(body):
                return body
        except OSError:
            pass
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting on {url}; last body:\n{body[:2000]}")


@pytest.fixture
def server(tmp_path):
    root = make_project(tmp_path)
    port = free_port()
    process = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "serve", "--root", str(root), "--port", str(port)],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_for(url, lambda body: "Acme Corp raised" in body)
        yield root, url, process, port
    finally:
        if process.poll() is None:
            process.kill()
        process.wait()


def test_serve_rebuilds_on_edit_and_overlays_errors_on_the_last_good_site(server):
    root, url, process, port = server
    page = root / "content/pages/index.md"
    page.write_text(page.read_text().replace("raised $5 million", "raised $5 million swiftly"))
    wait_for(url, lambda body: "swiftly" in body)

    source = root / "content/sources/acme.yaml"
    good = source.read_text()
    source.write_text(good.replace("in a Series A round", "in a Series Q round"))
    body = wait_for(url, lambda body: "briefing-errors" in body)
    assert "content/sources/acme.yaml:14:12: error: quote of claim &#39;raise&#39; not found" in body
    assert "swiftly" in body, "the last good content is still served under the overlay"
    assert "The last rebuild failed (1 error)" in body
    assert "briefing-errors" in fetch(url + "sources/acme/")

    source.write_text(good)
    wait_for(url, lambda body: "briefing-errors" not in body and "swiftly" in body)

    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=10) == 0
    output = process.stdout.read()
    assert "content/sources/acme.yaml:14:12: error: quote of claim 'raise' not found" in output, "terminal shows errors"
    assert "1 error; still serving the last good site" in output
    with socket.socket() as s:
        # Nothing listens any more (SO_REUSEADDR only tolerates connections left in TIME_WAIT).
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind(("127.0.0.1", port))
        s.listen()


def test_serve_survives_rename_saves_bursts_added_deleted_files_and_renamed_folders(server):
    root, url, process, _ = server
    page = root / "content/pages/index.md"
    temp = page.with_name(".index.md.swp")
    temp.write_text(page.read_text().replace("raised $5 million", "raised $5 million by rename"))
    os.replace(temp, page)
    wait_for(url, lambda body: "by rename" in body)

    words = [f"burst {chr(97 + i)}x" for i in range(15)]  # no digits: numbers must be grounded
    for before, after in zip(["by rename", *words], words):
        page.write_text(page.read_text().replace(before, after))
    wait_for(url, lambda body: "burst ox" in body)

    extra = root / "content/pages/extra.md"
    extra.write_text("---\ntitle: Extra\ndescription: x\norder: 5\n---\nAcme Corp raised money [@acme:raise].\n")
    wait_for(url + "extra/", lambda body: "Acme Corp raised money" in body)
    extra.unlink()
    wait_for(url + "extra/", lambda body: body == "HTTP 404")

    (root / "seeds").rename(root / "evidence")
    wait_for(url, lambda body: "does not exist" in body)
    (root / "evidence").rename(root / "seeds")
    wait_for(url, lambda body: "briefing-errors" not in body and "burst ox" in body)


@pytest.mark.parametrize("events", [True, False], ids=["file-system events", "polling only"])
def test_the_watcher_reports_an_edit_with_every_file_signature(tmp_path, events):
    root = make_project(tmp_path)
    page = (root / "content/pages/index.md").resolve()
    seen: list[dict] = []

    async def watch() -> None:
        watcher = PollingWatcher(root, seen.append, events=events, fallback=5.0)  # events: no waiting for the fallback
        watcher.start(lambda: None)
        try:
            await asyncio.sleep(0.3)
            page.write_text(page.read_text() + "\nMore.\n")
            for _ in range(200):
                if seen:
                    break
                await asyncio.sleep(0.01)
            assert watcher.events is events and watcher.notifier.is_alive() is events
        finally:
            watcher.stop()

    with ThreadPoolExecutor(1) as pool:  # a loop of its own: the browser tests' may be running in this thread
        pool.submit(asyncio.run, watch()).result()
    info = os.stat(page)
    assert len(seen) == 1, "one edit, one rebuild"
    assert seen[0][str(page)] == (info.st_mtime_ns, info.st_ctime_ns, info.st_size, info.st_ino)
    assert str((root / "seeds/acme.txt").resolve()) in seen[0]


def test_a_rebuild_does_not_wait_for_the_output_folder_to_be_written(tmp_path, monkeypatch):
    import briefing.serve as serve_module

    root = make_project(tmp_path)
    builder = Builder(root, tmp_path / "site", Target(base_url="http://127.0.0.1:8000/"))
    assert builder.rebuild()
    builder.complete()
    entered, release = threading.Event(), threading.Event()
    real_write = serve_module.write

    def slow_write(files, out, *, previous=None):
        entered.set()
        assert release.wait(10)
        return real_write(files, out, previous=previous)

    monkeypatch.setattr(serve_module, "write", slow_write)
    writer = threading.Thread(target=builder.write)
    writer.start()
    assert entered.wait(10)
    page = root / "content/pages/index.md"
    page.write_text(page.read_text().replace("raised $5 million", "raised $5 million swiftly"))
    rebuilt = threading.Thread(target=builder.rebuild)
    rebuilt.start()
    rebuilt.join(10)
    assert not rebuilt.is_alive(), "the rebuild waited for the disk"
    assert b"swiftly" in builder.state.files["index.html"]
    release.set()
    writer.join(10)
    builder.complete()
    builder.write()  # the edited site, after the first write
    assert b"swiftly" in (tmp_path / "site/index.html").read_bytes()

    def failing_write(files, out, *, previous=None):
        raise OSError("disk full")

    monkeypatch.setattr(serve_module, "write", failing_write)
    page.write_text(page.read_text().replace("swiftly", "slowly"))
    assert builder.rebuild()
    builder.complete()
    with pytest.raises(OSError):
        builder.write()
    assert builder.unwritten is not None and builder.unwritten[1] is None, "after a failed write nothing is linked"
    monkeypatch.setattr(serve_module, "write", real_write)
    builder.write()
    assert folder_files(tmp_path / "site") == builder.state.files


def folder_files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file() and p.name != MARKER}


def test_serve_shows_the_page_first_then_makes_the_whole_site_files_as_a_clean_build_has_them(tmp_path):
    root = make_project(tmp_path)
    target = Target(base_url="http://127.0.0.1:8000/")
    builder = Builder(root, tmp_path / "site", target)
    later = ("claims.json", "static/search-index.js")
    assert builder.rebuild()
    assert sorted(builder.later) == list(later) and not set(later) & set(builder.state.files)
    assert builder.file("static/search-index.js") is not None and not builder.later  # asked for: made now
    assert builder.state.files == build(root, Diagnostics(), target=target).files
    builder.write()
    assert folder_files(tmp_path / "site") == builder.state.files

    page = root / "content/pages/index.md"
    page.write_text(page.read_text().replace("raised $5 million", "raised $5 million swiftly"))
    assert builder.rebuild()
    assert b"swiftly" in builder.state.files["index.html"] and builder.later
    builder.write()  # not yet: the site on disk is only ever a whole one
    assert b"swiftly" not in (tmp_path / "site/index.html").read_bytes()
    good = build(root, Diagnostics(), target=target).files

    source = root / "content/sources/acme.yaml"
    source.write_text(source.read_text().replace("in a Series A round", "in a Series Q round"))
    assert not builder.rebuild()  # the edited page's files are still to make, for the site still served
    assert b"swiftly" in builder.file("static/search-index.js")
    assert builder.state.files == good
    builder.write()
    assert folder_files(tmp_path / "site") == good


def snapshot_files(files: dict[str, bytes]) -> dict[str, bytes]:
    return dict(files)


OTHER_SEED = "Beta Labs hired twelve engineers in March, its founder said.\n"
OTHER_CLAIMS = """\
- id: hire
  claim: Beta Labs hired twelve engineers.
  quote: Beta Labs hired twelve engineers in March
"""


@pytest.mark.parametrize("reads", [False, True], ids=["fresh-reads", "kept-reads"])
def test_incremental_builds_are_byte_identical_to_clean_builds(tmp_path, reads):
    # With kept reads (as serve keeps them), an unchanged file is the very object read before, so whole
    # stages are skipped at once while their kind of file is untouched; with fresh reads, never.
    root = make_project(tmp_path)
    memo, kept = Memo(), Reads() if reads else None
    stamp = [time.time_ns()]
    edits = [
        ("content/pages/index.md", lambda t: t.replace("raised $5 million", "raised $5 million, it says,")),
        ("content/sources/acme.yaml", lambda t: t.replace("claim: Jane Doe says", "claim: Jane Doe, the founder, says")),
        ("templates/base.html", lambda t: THEME_BASE.replace("</footer>", "<!-- edited --></footer>")),  # an override
        ("content/site.yaml", lambda t: t.replace("title: Test briefing", "title: Edited briefing")),
        ("content/sources/acme.yaml", lambda t: t.replace("in a Series A round", "in a Series B round")),  # breaks
        ("content/sources/acme.yaml", lambda t: t.replace("in a Series B round", "in a Series A round")),  # fixes
        ("content/facts.yaml", lambda t: "facts:\n  - id: acme-raise\n    label: Acme raised money\n"),  # unused
        ("content/sources/acme.yaml", lambda t: t.replace("    topics: [deal]\n", "    topics: [deal]\n    fact: acme-raise\n")),
        ("content/facts.yaml", lambda t: t.replace("Acme raised money", "Acme raised $5 million")),  # the notes' label
        ("content/sources/acme.yaml", lambda t: t + "  - id: none\n    claim: No valuation.\n    type: absence\n    absent: [valuation]\n"),
        ("content/sources/acme.yaml", lambda t: t.replace("absent: [valuation]", "absent: [Monday]")),  # breaks
        ("content/sources/acme.yaml", lambda t: t.replace("absent: [Monday]", "absent: [valuation]")),  # fixes
        # Furniture after the claims, so that no claim moves: only the furniture changes, and the lints read it.
        ("content/sources/acme.yaml", lambda t: t + "furniture:\n  - lines: [1, 1]\n    label: Menu\n"),
        # A seed's bytes changed (its sha256 no longer matches: an error), then changed back.
        ("seeds/acme.txt", lambda t: t.replace("for factories", "for plants")),
        ("seeds/acme.txt", lambda t: t.replace("for plants", "for factories")),
        # A seed added, with its source and a page citing it; then the seed removed (an error), then the rest.
        ("seeds/other.txt", lambda t: OTHER_SEED),
        ("content/sources/other.yaml", lambda t: source_yaml("other.txt", OTHER_SEED.encode(), OTHER_CLAIMS, key="other",
                                                               summary="Beta Labs hired people [@other:hire].")),
        ("content/pages/other.md", lambda t: "---\ntitle: Other\ndescription: x\norder: 2\n---\n"
                                          "Beta Labs hired twelve engineers [@other:hire].\n"),
        # A page edit that only adds a page to a claim's "cited by" list: that source's page changes.
        ("content/pages/other.md", lambda t: t + "Acme Corp raised $5 million [@acme:raise].\n"),
        ("seeds/other.txt", lambda t: None),
        ("content/pages/other.md", lambda t: None),
        ("content/sources/other.yaml", lambda t: None),
    ]
    build(root, Diagnostics(), memo=memo, reads=kept)
    for rel, change in edits:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        text = change(path.read_text() if path.exists() else "")
        if text is None:
            path.unlink()
        else:
            path.write_text(text)
            stamp[0] += 10_000_000  # a new modification time, even for an edit of the same size within a clock tick
            os.utime(path, ns=(stamp[0], stamp[0]))
        outcomes = []
        for cache, reading in ((memo, kept), (None, None)):
            diag = Diagnostics()  # the warnings must match too: the lints, for one, read the furniture
            try:
                files = build(root, diag, memo=cache, reads=reading).files
            except BuildFailed:
                files = None
            outcomes.append((files, sorted(str(d) for d in diag.items)))
        assert outcomes[0] == outcomes[1], rel
    assert outcomes[0][0] is not None and "is in page furniture" in " ".join(outcomes[0][1])
    assert memo.hits > 0


def test_a_page_edit_with_kept_reads_skips_every_stage_over_the_sources(tmp_path, monkeypatch):
    """What serve does on a page edit: the sources, their quotes, absences, summaries, claims' numbers and
    source pages are not looked at one by one (each whole stage is one identity check), and the site is a
    clean build's."""
    import briefing.absence as absence
    import briefing.anchor as anchor
    import briefing.render as render
    import briefing.sources as sources

    root = make_project(tmp_path)
    memo, reads = Memo(), Reads()
    calls: list[str] = []
    for module, name in ((sources, "_parse_sources"), (anchor, "_anchor_all"), (absence, "_prove_all"),
                         (sources, "_source"), (render._Renderer, "source_page")):
        original = getattr(module, name)
        monkeypatch.setattr(module, name, lambda *a, _o=original, _n=name, **k: calls.append(_n) or _o(*a, **k))
    build(root, Diagnostics(), memo=memo, reads=reads)
    assert {"_parse_sources", "_anchor_all", "_prove_all", "_source", "source_page"} <= set(calls)
    page, source = root / "content/pages/index.md", root / "content/sources/acme.yaml"
    for path, old, new, stages in ((page, "raised $5 million", "raised $5 million, it says,", []),
                                   (source, "claim: Jane Doe says", "claim: Jane Doe, the founder, says",
                                    ["_parse_sources", "_source", "_anchor_all", "_prove_all", "source_page"])):
        path.write_text(path.read_text().replace(old, new))
        calls.clear()
        files = build(root, Diagnostics(), memo=memo, reads=reads).files
        assert sorted(calls) == sorted(stages), path.name  # a source edit parses only that source again
        assert files == build(root, Diagnostics()).files


def test_incremental_builds_of_a_whole_briefing_match_a_clean_one(small_site):
    root, _ = small_site
    memo = Memo()
    first = build(root, Diagnostics(), memo=memo).files
    again = build(root, Diagnostics(), memo=memo).files
    assert first == again == build(root, Diagnostics()).files


def test_the_quote_picker_is_served_on_source_pages_only_and_never_built(server):
    root, url, _, _ = server
    source_page = fetch(url + "sources/acme/")
    assert '<script src="/__briefing__/quote.js" data-key="acme" defer></script>' in source_page
    assert "__briefing__/quote" not in fetch(url) and "__briefing__/quote" not in fetch(url + "claims/")
    assert "navigator.clipboard" in fetch(url + "__briefing__/quote.js")
    built = [p for p in (root / "_site").rglob("*") if p.is_file() and b"__briefing__" in p.read_bytes()]
    assert built == [], "the picker lives in the server, not in the site"


def test_the_quote_picker_answers_with_the_stub_for_the_selected_occurrence(tmp_path):
    import json

    from briefing.picker import answer

    seed = SEED + "Later: Acme Corp raised $5 million in a Series A round, it repeated.\n"
    root = make_project(tmp_path, {"content/sources/acme.yaml": source_yaml("acme.txt", seed.encode(), DEFAULT_CLAIMS)},
                        seed=seed)
    # A selection as a browser gives it: a line break and curly quotes where the seed has others.
    picked = json.loads(answer(root, "key=acme&line=4&text=Acme%20Corp%20raised%20%245%20million%0Ain%20a%20Series"))
    assert picked["chosen"] == 2 and [o["line"] for o in picked["occurrences"]] == [1, 4]
    assert picked["stub"] == ("  - id: acme-corp-raised\n    claim:  # your own words: what the passage says\n"
                              "    quote: Acme Corp raised $5 million in a Series\n    occurrence: 2  # of 2: line 4\n")
    assert "occurs 2 times; this stub is for occurrence 2, on line 4" in picked["note"]
    quoted = json.loads(answer(root, "key=acme&line=3&text=said%20the%20money%20will%20fund%20%22better%20widgets%22"))
    assert "quote: said the money will fund \u201cbetter widgets\u201d\n" in quoted["stub"], "the seed's own text"
    assert "occurrence" not in quoted["stub"]
    missing = json.loads(answer(root, "key=acme&line=1&text=Acme%20Corp%20raised%20%246%20million"))
    assert missing["heading"] == "Not found as the build matches quotes" and "(the quote has \"$6 million" in missing["note"]
    unknown = json.loads(answer(root, "key=acmee&text=x"))
    assert "did you mean 'acme'?" in unknown["note"]
