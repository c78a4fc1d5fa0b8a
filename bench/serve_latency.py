"""Measures `build.py serve`: the time from saving a file to the new HTML being served.

Copies the project to a temporary folder, starts the server on a free port, then edits a page, a
source YAML and a template N times each (default 20), polling over HTTP until the change is served.
Prints the median and worst latency per kind of edit. With `--corpus N` the project is the benchmark's
synthetic corpus of N sources (bench/corpus.py, cached in bench/.cache/) instead of this briefing, and
only a page and a source YAML are edited.

Usage: python bench/serve_latency.py [--runs N] [--corpus N]"""

from __future__ import annotations

import argparse
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
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


def served_after(url: str, marker: str, started: float, timeout: float = 10.0) -> float:
    while time.perf_counter() - started < timeout:
        if marker in fetch(url):
            return time.perf_counter() - started
        time.sleep(0.002)
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
            results: dict[str, list[float]] = {}
            kinds = edits(project) if corpus is None else edits(project, page="page-0001", source="s00001", claim='claim: "',
                                                                 template=False)
            for kind, (path, anchor, url, marker_format) in kinds.items():
                original = path.read_text()
                for i in range(runs):
                    marker = "benchmark" + "".join(chr(97 + int(d)) for d in f"{i:03d}")
                    text = original.replace(anchor, anchor + marker_format.format(marker), 1)
                    started = time.perf_counter()
                    path.write_text(text)
                    results.setdefault(kind, []).append(served_after(base + url, marker, started))
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
