"""Measures `build.py serve`: the time from saving a file to the new HTML being served.

Copies the project to a temporary folder, starts the server on a free port, then edits a page, a
source YAML and a template N times each (default 20). It waits as a browser does: connected to the
server's livereload socket, it fetches the page when the server says to reload, until the change is
served. (Polling the page over HTTP every few milliseconds instead would keep the server busy
answering, and so slow the rebuild it measures.)
Prints the median and worst latency per kind of edit. With `--corpus N` the project is the benchmark's
synthetic corpus of N sources (bench/corpus.py, cached in bench/.cache/) instead of this briefing, and
only a page and a source YAML are edited.

Usage: python bench/serve_latency.py [--runs N] [--corpus N]"""

from __future__ import annotations

import argparse
import asyncio
import json
import queue
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COPY = ("content", "seeds", "build.py", "briefing", "node_modules")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


class Reloads:
    """The server's reload messages, as a browser's livereload script receives them (over its socket)."""

    def __init__(self, port: int) -> None:
        self.times: queue.Queue[float] = queue.Queue()
        self.ready = threading.Event()
        threading.Thread(target=lambda: asyncio.run(self._listen(port)), name="livereload", daemon=True).start()
        if not self.ready.wait(30):
            raise TimeoutError("the livereload socket did not answer")
        time.sleep(0.2)  # the server registers the client once it has read its "info"

    async def _listen(self, port: int) -> None:
        from tornado.websocket import websocket_connect

        socket_ = await websocket_connect(f"ws://127.0.0.1:{port}/livereload")
        await socket_.write_message(json.dumps({"command": "hello", "protocols": ["http://livereload.com/protocols/official-7"]}))
        await socket_.read_message()
        await socket_.write_message(json.dumps({"command": "info", "url": f"http://127.0.0.1:{port}/", "plugins": {}}))
        self.ready.set()
        while (message := await socket_.read_message()) is not None:
            if json.loads(message).get("command") == "reload":
                self.times.put(time.perf_counter())

    def drain(self) -> None:
        while not self.times.empty():
            self.times.get_nowait()


def served_after(url: str, marker: str, started: float, reloads: Reloads, timeout: float = 10.0) -> float:
    """Seconds from `started` until `url` serves `marker`, fetched at each reload message."""
    while (left := timeout - (time.perf_counter() - started)) > 0:
        try:
            reloads.times.get(timeout=left)
        except queue.Empty:
            break
        if marker in fetch(url):
            return time.perf_counter() - started
    raise TimeoutError(f"{marker!r} never appeared at {url}")


def edits(project: Path, *, page: str = "the-deal", source: str = "costa", claim: str = "claim: ",
          template: bool = True) -> dict[str, tuple[Path, str, str, str]]:
    """kind → (file, text to find, page URL path, marker template) for one edit of each kind."""
    page_file = project / f"content/pages/{page}.md"
    first_cited = next(line for line in page_file.read_text().splitlines() if "[@" in line and not line.startswith("#"))
    found = {
        "page": (page_file, first_cited.split("[@", 1)[0], f"{page}/", "{} "),
        "source YAML": (project / f"content/sources/{source}.yaml", claim, f"sources/{source}/", "{} "),
    }
    if template:  # an override of the theme's base.html, as a project customising its theme has
        found["template"] = (project / "templates/base.html", "</footer>", "", "<!-- {} -->")
    return found


def run(runs: int, *, code: Path = ROOT, corpus: Path | None = None) -> dict[str, list[float]]:
    """Serve the project (this briefing, or the generated corpus project `corpus`) with the generator
    in `code`, and time each kind of edit `runs` times."""
    with tempfile.TemporaryDirectory() as temp:
        project = Path(temp) / "project"
        project.mkdir()
        for name in COPY:
            src = (corpus if corpus is not None and name in ("content", "seeds") else code) / name
            if src.is_dir():
                shutil.copytree(src, project / name, symlinks=True, ignore=shutil.ignore_patterns("__pycache__"))
            elif src.exists():
                shutil.copy2(src, project / name)
        if corpus is None:
            (project / "templates").mkdir()
            shutil.copy2(code / "briefing/theme/templates/base.html", project / "templates/base.html")
        port = free_port()
        server = subprocess.Popen([sys.executable, str(project / "build.py"), "serve", "--port", str(port),
                                   "--root", str(project), "--out", str(Path(temp) / "site")],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}/"
        try:
            deadline = time.time() + 300
            while time.time() < deadline:
                try:
                    fetch(base)
                    break
                except OSError:
                    time.sleep(0.1)
            reloads = Reloads(port)
            results: dict[str, list[float]] = {}
            kinds = edits(project) if corpus is None else edits(project, page="page-0001", source="s00001", claim='claim: "',
                                                                 template=False)
            for kind, (path, anchor, url, marker_format) in kinds.items():
                original = path.read_text()
                for i in range(runs):
                    marker = "benchmark" + "".join(chr(97 + int(d)) for d in f"{i:03d}")
                    text = original.replace(anchor, anchor + marker_format.format(marker), 1)
                    reloads.drain()
                    started = time.perf_counter()
                    path.write_text(text)
                    results.setdefault(kind, []).append(served_after(base + url, marker, started, reloads))
                    time.sleep(0.5)  # a pause, shorter than any between an author's saves: serve makes what it left for later
                path.write_text(original)
                time.sleep(0.3)
            return results
        finally:
            server.terminate()
            server.wait(timeout=10)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--corpus", type=int, default=0, metavar="N",
                        help="serve the benchmark corpus of N sources instead of this briefing")
    args = parser.parse_args()
    corpus_project = None
    if args.corpus:
        sys.path.insert(0, str(ROOT / "bench"))
        import corpus

        folder = ROOT / "bench" / ".cache" / f"corpus-{args.corpus}"
        corpus.ensure(folder, args.corpus)
        corpus_project = folder / "project"
    results = run(args.runs, corpus=corpus_project)
    print("| Edit | Runs | Median (ms) | Worst (ms) |\n| --- | --- | --- | --- |")
    for kind, times in results.items():
        print(f"| {kind} | {len(times)} | {statistics.median(times) * 1000:.0f} | {max(times) * 1000:.0f} |")


if __name__ == "__main__":
    main()
