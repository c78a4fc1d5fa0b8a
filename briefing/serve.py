"""`build.py serve`: build, serve with livereload, rebuild on every change, reload the open pages.

A failing rebuild keeps the last good site on disk and in the server; every served page then shows an
overlay listing the errors until the next good build. Changes are found by comparing snapshots of the
watched folders (robust to editors that save by rename, to deleted files and renamed folders), taken
when the file system reports an event there and twice a second in any case; a burst of saves is
coalesced into one rebuild."""

from __future__ import annotations

import gc
import mimetypes
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import watchfiles
from livereload import Server
from livereload.handlers import LiveReloadHandler
from livereload.server import LiveScriptContainer
from livereload.watcher import Watcher
from markupsafe import escape
from tornado import web
from tornado.ioloop import IOLoop

from . import picker
from .cache import Memo
from .diagnostics import BuildFailed, Diagnostic, Diagnostics, plural
from .load import Reads, Signature, signature
from .pipeline import build
from .targets import Target
from .write import write

WATCHED = ("content", "templates", "static", "seeds")
LATER = 0.05
"""Seconds after a rebuild before the files it left for later are made (unless asked for sooner)."""
OVERLAY_CSS = b"""#briefing-errors{position:fixed;inset:auto 0 0 0;max-height:50vh;overflow:auto;z-index:9999;margin:0;
padding:1rem 1.25rem;background:#3b0d0c;color:#fff;font:14px/1.5 ui-monospace,monospace;border-top:4px solid #e5484d}
#briefing-errors h2{font:600 15px/1.4 system-ui,sans-serif;margin:0 0 .5rem}#briefing-errors li{margin:.15rem 0}
"""


@dataclass
class State:
    """What the server shows: the last good build, and the errors of the latest attempt if it failed."""

    files: dict[str, bytes] | None = None
    errors: list[Diagnostic] = field(default_factory=list)


class Builder:
    def __init__(self, root: Path, out: Path, target: Target) -> None:
        self.root, self.out, self.target = root, out, target
        self.memo, self.state, self.reads = Memo(), State(), Reads()
        self.lock, self.writing, self.disk = threading.RLock(), threading.Lock(), threading.Lock()
        self.unwritten: tuple[dict[str, bytes], dict[str, bytes] | None] | None = None
        self.later: dict[str, Callable[[], bytes]] = {}
        """Files of the site being served that are still to be made (see `complete`)."""
        self.pending = threading.Event()

    def rebuild(self, known: dict[str, Signature] | None = None) -> bool:
        """Build; on success serve the new site at once (from memory), but for the files that depend on
        the whole site (search index, claims.json), which `complete` makes next (a later successful
        rebuild replaces them unmade; after a failed one they are still the served site's). `write`
        then puts the site on disk. `known`: the watcher's signatures of the files, just made (see `Reads.trust`)."""
        with self.lock:
            started = time.perf_counter()
            diag, later = Diagnostics(), {}
            self.reads.trust(known)
            try:
                result = build(self.root, diag, target=self.target, memo=self.memo, reads=self.reads, later=later)
            except BuildFailed as failed:
                _settle()
                self.state.errors = failed.diagnostics.errors
                for error in self.state.errors:
                    print(error, file=sys.stderr, flush=True)
                print(f"{plural(len(self.state.errors), 'error')}; still serving the last good site", file=sys.stderr, flush=True)
                return False
            finally:
                self.reads.trust(None)
            with self.writing:
                self.unwritten = (result.files, self.state.files if self.unwritten is None else self.unwritten[1])
                self.state.files, self.state.errors, self.later = result.files, [], later
            print(f"rebuilt {plural(len(result.files) + len(later), 'file')} in "
                  f"{(time.perf_counter() - started) * 1000:.0f} ms", flush=True)
            return True

    def complete(self) -> None:
        """Make the files the last rebuild left for later, into the site being served. Runs where the
        rebuilds run (the memo is not shared between threads): soon after the reload is sent, or as soon
        as one of those files is asked for. Their parts are memoised by content, so they are the served
        site's even if a failed rebuild ran in between."""
        with self.lock:
            if self.later:
                made = {name: make() for name, make in sorted(self.later.items())}
                with self.writing:
                    self.state.files.update(made)  # also the files `write` is to put on disk
                    self.later = {}
            _settle()

    def file(self, path: str) -> bytes | None:
        """A file of the site being served, made now if it was left for later."""
        if path in self.later:
            self.complete()
        return (self.state.files or {}).get(path)

    def write(self) -> None:
        """The last good site into the output folder (what is unchanged is hard-linked, not written),
        once it is complete. `writing` guards only the hand-over, not the writing itself, so a rebuild
        never waits for the disk; `disk` keeps one write at a time."""
        with self.disk:
            with self.writing:
                if self.unwritten is None or self.later:
                    return
                files, previous = self.unwritten
                self.unwritten = None
            try:
                write(files.items(), self.out, previous=previous)
            except BaseException:
                with self.writing:  # what the folder holds is unknown: the next write fills it, linking nothing
                    self.unwritten = (self.unwritten[0] if self.unwritten is not None else files, None)
                raise

    def write_soon(self) -> None:
        """Write in the background, once the edits pause: a thousand files take longer to link than a
        page takes to build, and pages are served from memory, so the output folder need not hold them
        first (and a writer running beside the next rebuild would slow it)."""
        self.pending.set()

    def writer(self, stopped: threading.Event, *, pause: float = 0.5) -> None:
        while not stopped.is_set():
            if not self.pending.wait(0.2):
                continue
            self.pending.clear()
            while self.pending.wait(pause) and not stopped.is_set():  # another rebuild: wait for a pause
                self.pending.clear()
            self.write()


def _settle() -> None:
    """The memo holds millions of objects from build to build; without this the cycle collector would
    scan them all again on every rebuild (hundreds of ms at N = 1,000). What this build made is
    collected (cheap: the rest is frozen), and what survives is frozen with the rest."""
    gc.collect()
    gc.freeze()


def application(builder: Builder, *, live_port: int) -> Callable[..., Iterable[bytes]]:
    """A WSGI app serving the last good site, with the livereload script and the error overlay injected."""
    script = f'<script src="/livereload.js?port={live_port}"></script>'.encode()

    def app(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "/")
        if path == "/__briefing__/overlay.css":
            start_response("200 OK", [("Content-Type", "text/css"), ("Cache-Control", "no-store")])
            return [OVERLAY_CSS]
        if path.startswith("/__briefing__/quote"):
            return _picker(builder.root, path, environ.get("QUERY_STRING", ""), start_response)
        rel = path.lstrip("/")
        if rel.endswith("/") or rel == "":
            rel += "index.html"
        found = builder.file(rel)
        files = builder.state.files or {}
        if found is None and f"{rel}/index.html" in files:
            start_response("301 Moved Permanently", [("Location", path + "/")])
            return [b""]
        status, body = ("200 OK", found) if found is not None else ("404 Not Found", files.get("404.html", b"Not found"))
        kind = mimetypes.guess_type(rel)[0] or "application/octet-stream"
        if rel.endswith(".html") or status.startswith("404"):
            kind = "text/html; charset=utf-8"
            body = _inject(body, script + picker.tags(rel), builder.state.errors)
        start_response(status, [("Content-Type", kind), ("Cache-Control", "no-store")])
        return [body]

    return app


def _picker(root: Path, path: str, query: str, start_response: Callable[..., Any]) -> list[bytes]:
    """The quote picker's script, style and answers (see picker.py): same origin, so the pages' CSP allows them."""
    kinds = {"/__briefing__/quote.js": "text/javascript", "/__briefing__/quote.css": "text/css"}
    if path in kinds:
        start_response("200 OK", [("Content-Type", kinds[path]), ("Cache-Control", "no-store")])
        return [picker.ASSETS[path.rsplit("/", 1)[1]]]
    start_response("200 OK", [("Content-Type", "application/json; charset=utf-8"), ("Cache-Control", "no-store")])
    return [picker.answer(root, query)]


def _inject(html: bytes, script: bytes, errors: list[Diagnostic]) -> bytes:
    head = script
    tail = b""
    if errors:
        head += b'<link rel="stylesheet" href="/__briefing__/overlay.css">'
        items = "".join(f"<li>{escape(str(e))}</li>" for e in errors)
        tail = (f'<aside id="briefing-errors" role="alert"><h2>The last rebuild failed ({plural(len(errors), "error")}); '
                f"this is the last good site.</h2><ol>{items}</ol></aside>").encode()
    html = html.replace(b"</head>", head + b"</head>", 1)
    return html.replace(b"</body>", tail + b"</body>", 1) if tail else html


def _scan(folder: str, seen: dict[str, Signature]) -> None:
    """Every file under `folder` with its signature, but hidden files and editors' temporary
    files. With scandir, which a snapshot of thousands of files needs (os.walk costs twice as much)."""
    try:
        entries = list(os.scandir(folder))
    except (FileNotFoundError, NotADirectoryError):
        return
    for entry in entries:
        name = entry.name
        if name.startswith("."):
            continue
        try:
            if entry.is_dir(follow_symlinks=False):
                _scan(entry.path, seen)
            elif entry.is_dir():
                continue  # a link to a folder: os.walk did not follow these either
            elif not name.endswith(("~", ".swp", ".tmp")):
                seen[entry.path] = signature(entry.stat())
        except FileNotFoundError:
            continue


class PollingWatcher(Watcher):
    """Finds changes by comparing snapshots of the watched folders (every file's signature), which is
    robust to saves by rename, deletions and renamed folders, and rebuilds once the changed files have
    stayed as they are for `quiet` seconds, passing `on_change` the signatures of every file it saw.

    A snapshot is taken as soon as the file system reports an event in a watched folder (inotify and
    its kin, through watchfiles), and every `fallback` seconds in any case; where no events can be had
    (watchfiles cannot watch there), every `interval` seconds. So an edit is seen within milliseconds,
    and an idle server does not scan thousands of files fifty times a second."""

    def __init__(self, root: Path, on_change: Callable[[dict[str, Signature]], None], *, interval: float = 0.02,
                 fallback: float = 0.5, quiet: float = 0.005, events: bool = True) -> None:
        super().__init__()
        self.root, self.on_change, self.quiet = root.resolve(), on_change, quiet
        self.interval, self.fallback = interval, fallback
        self.stopped, self.woken = threading.Event(), threading.Event()
        self.events = events
        self.notifier = threading.Thread(target=self.notify, name="notify", daemon=True)

    def stop(self) -> None:
        """Stop watching; waits for the events thread, which must not be running when Python exits."""
        self.stopped.set()
        if self.notifier.is_alive():
            self.notifier.join(timeout=5)

    def notify(self) -> None:
        """Wake the poller at every file-system event in the watched folders (a thread of its own),
        watching again whenever the set of watched folders that exist changes."""
        try:
            while not self.stopped.is_set():
                folders = [str(self.root / name) for name in WATCHED if (self.root / name).is_dir()]
                if not folders:
                    self.stopped.wait(self.fallback)
                    continue
                for changes in watchfiles.watch(*folders, watch_filter=None, debounce=50, step=5,
                                                stop_event=self.stopped, rust_timeout=int(self.fallback * 1000),
                                                yield_on_timeout=True, raise_interrupt=False):
                    if changes:
                        self.woken.set()
                    if [str(self.root / name) for name in WATCHED if (self.root / name).is_dir()] != folders:
                        break
        except Exception:  # e.g. no inotify watches left: fall back to polling often
            self.events = False
            self.woken.set()

    def snapshot(self) -> dict[str, Signature]:
        seen: dict[str, Signature] = {}
        for folder in WATCHED:
            _scan(str(self.root / folder), seen)
        return seen

    def settled(self, now: dict[str, Signature], last: dict[str, Signature]) -> dict[str, Signature]:
        """`now` once the files that changed since `last` have stayed the same for `quiet` seconds (a
        save by rename, a burst of saves); only those are looked at again. A burst that goes on longer
        costs a second rebuild, at the next poll."""
        changed = {path for path in now.keys() | last.keys() if now.get(path) != last.get(path)}
        while not self.stopped.wait(self.quiet):
            again = {}
            for path in changed:
                try:
                    again[path] = signature(os.stat(path))
                except (FileNotFoundError, NotADirectoryError):
                    pass
            if all(again.get(path) == now.get(path) for path in changed):
                break
            now = {**{p: s for p, s in now.items() if p not in changed}, **again}
        return now

    def start(self, callback: Callable[[], None]) -> bool:
        loop = IOLoop.current()

        def poll() -> None:
            last = self.snapshot()
            idle = threading.Event()
            if self.events:
                self.notifier.start()

            def rebuild(known: dict[str, Signature]) -> None:
                try:
                    self.on_change(known)
                finally:
                    idle.set()

            while not self.stopped.is_set():
                self.woken.wait(self.fallback if self.events else self.interval)
                self.woken.clear()
                if self.stopped.is_set():
                    break
                now = self.snapshot()
                if now == last:
                    continue
                last = now = self.settled(now, last)
                idle.clear()
                loop.add_callback(rebuild, now)
                # No polling while it rebuilds: a scan of thousands of files would slow it (one interpreter lock).
                while not idle.wait(0.1) and not self.stopped.is_set():
                    pass

        threading.Thread(target=poll, name="watcher", daemon=True).start()
        return True  # livereload must not start its own 800 ms polling

    def examine(self) -> tuple[None, None]:
        return None, None


class _Server(Server):
    def get_web_handlers(self, script: bytes) -> list[Any]:
        # The app injects an external livereload script itself: an inline one would break the pages' CSP.
        return [(r".*", web.FallbackHandler, {"fallback": LiveScriptContainer(self.app, b"")})]


def serve(root: Path, *, out: Path, host: str, port: int, open_browser: bool, base_url: str | None = None) -> int:
    builder = Builder(root, out, Target(base_url=base_url or f"http://{host}:{port}/"))
    builder.rebuild()
    builder.complete()
    builder.write()
    loop = IOLoop.current()

    def changed(known: dict[str, Signature]) -> None:
        if builder.rebuild(known) or builder.state.errors:
            LiveReloadHandler.reload_waiters()
        loop.call_later(LATER, completed)  # after the requests the reload brings: the edited page comes first

    def completed() -> None:
        builder.complete()
        builder.write_soon()

    watcher = PollingWatcher(root, changed)
    for folder in WATCHED:
        watcher.watch(str(root / folder))  # registered for livereload's bookkeeping; polling is ours
    server = _Server(app=application(builder, live_port=port), watcher=watcher)
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: loop.add_callback_from_signal(loop.stop))
    threading.Thread(target=builder.writer, args=(watcher.stopped,), name="writer", daemon=True).start()
    print(f"serving on http://{host}:{port}/ (Ctrl+C to stop)", flush=True)
    try:
        server.serve(host=host, port=port, debug=False, restart_delay=0,
                     open_url_delay=0.5 if open_browser else None)
    finally:
        watcher.stop()
        builder.write()  # the last good site, if the writer had not put it on disk yet
    print("stopped", flush=True)
    return 0

