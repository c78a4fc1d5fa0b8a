#!/usr/bin/env python3
"""Build-speed benchmarks: this generator side by side with Hugo, Pelican and MkDocs.

    .venv/bin/python bench/run.py [--sizes 100,1000,5000] [--runs 3] [--write-docs]

Generates (and caches) the synthetic corpus of bench/corpus.py at each size, sets up the peers if
they are missing (Hugo from Debian's packages; Pelican and MkDocs each in its own virtual
environment under bench/.cache/), writes a minimal configuration for each, then times cold builds
(output folder removed first), alternating the tools run by run. Before reporting it checks that
every tool really wrote its pages with their footnotes. It also times a warm rebuild and a one-page
edit of this generator, and quote anchoring alone on one long seed. It prints a Markdown report and,
with --write-docs, writes it to docs/benchmarks.md.

Everything it generates or installs lives in bench/.cache/ (git-ignored)."""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
CACHE = BENCH / ".cache"
sys.path.insert(0, str(BENCH))

import corpus  # noqa: E402

TOOLS = ("ours", "hugo", "pelican", "mkdocs")
PEERS = {
    # tool: (virtual environment, what pip installs, executable)
    "pelican": ("venv-pelican", ["pelican[markdown]==4.12.0"], "pelican"),
    "mkdocs": ("venv-mkdocs", ["mkdocs==1.6.1"], "mkdocs"),
}
FOOTNOTE_REF = {"ours": 'id="fnref-', "hugo": 'class="footnote-ref"', "pelican": 'class="footnote-ref"',
                "mkdocs": 'class="footnote-ref"'}
TIME = "/usr/bin/time"
EDITS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")


# ---------------------------------------------------------------------------------------------- setup

def _run(cmd: list[str], **kw) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, capture_output=True, text=True, **kw)


def _apt_install(package: str) -> None:
    if os.geteuid() != 0:
        sys.exit(f"{package} is missing and this is not root: install it with `apt-get install -y {package}`")
    print(f"installing {package} from Debian's packages ...", file=sys.stderr)
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(["apt-get", "install", "-y", "-qq", package], check=True, env=env)


CODE = CACHE / "code"
"""The snapshot of this generator that is measured: the files of one git revision, so that edits
made in the work tree while the benchmark runs cannot change what it measures halfway."""


def snapshot(rev: str) -> str:
    """Extract `rev` of the repository into CODE; return the revision's short hash."""
    short = _run(["git", "-C", str(REPO), "rev-parse", "--short", rev]).stdout.strip()
    if not short:
        sys.exit(f"unknown git revision {rev!r}")
    shutil.rmtree(CODE, ignore_errors=True)
    CODE.mkdir(parents=True)
    archive = subprocess.run(["git", "-C", str(REPO), "archive", "--format=tar", rev], capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", str(CODE)], input=archive.stdout, check=True)
    if (REPO / "node_modules").is_dir():  # JavaScript libraries the build publishes (installed by `npm ci`)
        (CODE / "node_modules").symlink_to(REPO / "node_modules")
    # Byte-compiled once, as pip compiles the peers' packages when it installs them: where bytecode is not
    # written (PYTHONDONTWRITEBYTECODE), every timed build would otherwise compile the generator's modules
    # from source (about 0.1 s a build on this machine).
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(CODE / "briefing")], check=True, capture_output=True)
    return short


def setup(tools: list[str]) -> dict[str, list[str]]:
    """Install what is missing; return each tool's command prefix."""
    if not Path(TIME).is_file():
        _apt_install("time")
    commands = {"ours": [sys.executable, str(CODE / "build.py")]}
    if "hugo" in tools:
        if shutil.which("hugo") is None:
            _apt_install("hugo")
        commands["hugo"] = [shutil.which("hugo") or "hugo"]
    for tool, (venv, packages, exe) in PEERS.items():
        if tool not in tools:
            continue
        folder = CACHE / venv
        binary = folder / "bin" / exe
        if not binary.is_file():
            print(f"installing {tool} into {folder.relative_to(REPO)} ...", file=sys.stderr)
            subprocess.run([sys.executable, "-m", "venv", str(folder)], check=True)
            pip = _run([str(folder / "bin" / "pip"), "install", "-q", *packages])
            if pip.returncode != 0:
                sys.exit(f"installing {tool} failed:\n{pip.stdout}{pip.stderr}")
        commands[tool] = [str(binary)]
    return commands


def versions(commands: dict[str, list[str]], revision: str) -> dict[str, str]:
    found = {"ours": f"this repository at commit {revision}"}
    probes = {"hugo": ["version"], "pelican": ["--version"], "mkdocs": ["--version"]}
    for tool, args in probes.items():
        if tool in commands:
            out = _run(commands[tool] + args).stdout.strip()
            found[tool] = out.split(" from ")[0] if tool == "mkdocs" else out
    for tool, package in (("pelican", "markdown"), ("mkdocs", "markdown")):
        if tool in commands:
            pip = Path(commands[tool][0]).parent / "pip"
            show = _run([str(pip), "show", package]).stdout
            version = re.search(r"^Version: (.+)$", show, re.M)
            if version:
                found[tool] += f" (Python-Markdown {version[1]})"
    return found


def machine() -> dict[str, str]:
    cpu = "unknown"
    with open("/proc/cpuinfo", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    mem = "unknown"
    with open("/proc/meminfo", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    os_name = platform.platform()
    try:
        os_release = Path("/etc/os-release").read_text(encoding="utf-8")
        os_name = re.search(r'^PRETTY_NAME="?([^"\n]+)', os_release, re.M)[1] + f", kernel {platform.release()}"
    except (OSError, TypeError):
        pass
    return {"CPU": cpu, "Cores": str(os.cpu_count()), "Memory": mem, "OS": os_name,
            "Python": platform.python_version()}


# ------------------------------------------------------------------------------------ peer projects

HUGO_BASEOF = """<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>{{ .Title }} · {{ .Site.Title }}</title></head>
<body>
<nav><ol>{{ range where .Site.RegularPages "Section" "pages" }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ol></nav>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
"""
HUGO_SINGLE = '{{ define "main" }}<article><h1>{{ .Title }}</h1>\n{{ .Content }}</article>{{ end }}\n'
HUGO_LIST = ('{{ define "main" }}<h1>{{ .Title }}</h1>\n<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">'
             '{{ .Title }}</a></li>{{ end }}</ul>{{ end }}\n')


def peer_projects(root: Path, manifest: dict) -> dict[str, Path]:
    """Minimal configurations for the peers, all reading the corpus's plain Markdown (root/md)."""
    md = root / "md"
    hugo = root / "hugo"
    for name, text in {"layouts/_default/baseof.html": HUGO_BASEOF, "layouts/_default/single.html": HUGO_SINGLE,
                       "layouts/_default/list.html": HUGO_LIST}.items():
        (hugo / name).parent.mkdir(parents=True, exist_ok=True)
        (hugo / name).write_text(text, encoding="utf-8")
    (hugo / "config.toml").write_text(
        'baseURL = "https://example.org/"\ntitle = "Benchmark briefing"\nlanguageCode = "en"\n'
        f'contentDir = {json.dumps(str(md))}\n'
        'disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]\n', encoding="utf-8")
    pelican = root / "pelican"
    pelican.mkdir(exist_ok=True)
    (pelican / "pelicanconf.py").write_text(
        'SITENAME = "Benchmark briefing"\nSITEURL = ""\nRELATIVE_URLS = True\nTIMEZONE = "UTC"\nDEFAULT_LANG = "en"\n'
        'PAGE_PATHS = ["pages", "sources"]\nARTICLE_PATHS = []\nSLUGIFY_SOURCE = "basename"\n'
        'PAGE_URL = "pages/{slug}/"\nPAGE_SAVE_AS = "pages/{slug}/index.html"\n'
        'FEED_ALL_ATOM = None\nCATEGORY_FEED_ATOM = None\nTRANSLATION_FEED_ATOM = None\n'
        'AUTHOR_FEED_ATOM = None\nAUTHOR_FEED_RSS = None\nDISPLAY_CATEGORIES_ON_MENU = False\n'
        'CACHE_CONTENT = False\nLOAD_CONTENT_CACHE = False\n', encoding="utf-8")
    mkdocs = root / "mkdocs"
    mkdocs.mkdir(exist_ok=True)
    nav = "".join(f"  - pages/page-{p:04d}.md\n" for p in range(manifest["pages"]))
    (mkdocs / "mkdocs.yml").write_text(
        f"site_name: Benchmark briefing\ndocs_dir: {json.dumps(str(md))}\ntheme:\n  name: mkdocs\nplugins: []\n"
        f"markdown_extensions:\n  - footnotes\nnav:\n{nav}", encoding="utf-8")
    return {"ours": root / "project", "hugo": hugo, "pelican": pelican, "mkdocs": mkdocs}


def build_command(tool: str, prefix: list[str], project: Path, md: Path, out: Path) -> list[str]:
    if tool == "ours":
        return prefix + ["build", "--root", str(project), "--out", str(out)]
    if tool == "hugo":
        return prefix + ["--source", str(project), "--destination", str(out), "--quiet"]
    if tool == "pelican":
        return prefix + [str(md), "-s", str(project / "pelicanconf.py"), "-o", str(out), "-q"]
    return prefix + ["build", "-q", "-f", str(project / "mkdocs.yml"), "-d", str(out)]


# ------------------------------------------------------------------------------------------ timing

@dataclass
class Measure:
    times: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    rss_mb: list[float] = field(default_factory=list)
    failed: str | None = None


@dataclass
class Timing:
    wall: float
    """Seconds."""
    cpu: float
    """User plus system seconds, over all threads and child processes."""
    rss_mb: float
    """Peak resident set size."""


LOADS: list[float] = []
"""The 1-minute load average before each timed run: other work on the machine shows up here."""


def timed(cmd: list[str], timeout: float, cwd: Path | None = None) -> Timing:
    """One run under /usr/bin/time -v; raises RuntimeError on failure, TimeoutExpired past the limit."""
    LOADS.append(os.getloadavg()[0])
    start = time.perf_counter()
    # In a session of its own, so that a timeout stops the build itself, not only /usr/bin/time.
    with subprocess.Popen([TIME, "-v", *cmd], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=cwd,
                          start_new_session=True) as proc:
        try:
            _, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, 9)
            proc.communicate()
            raise
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError(f"exit {proc.returncode}: {err[-2000:]}")

    def field_of(name: str) -> float:
        found = re.findall(rf"{re.escape(name)}: ([\d.]+)", err)
        return float(found[-1]) if found else float("nan")

    cpu = field_of("User time (seconds)") + field_of("System time (seconds)")
    return Timing(wall, cpu, field_of("Maximum resident set size (kbytes)") / 1024)


def html_pages(out: Path) -> int:
    return sum(1 for _, _, files in os.walk(out) for f in files if f.endswith(".html"))


def check_output(tool: str, out: Path, manifest: dict) -> str:
    """Confirm the tool wrote every page, with its footnotes; return a one-line summary."""
    n, pages = manifest["sources"], manifest["pages"]
    count = html_pages(out)
    if count < n + pages:
        raise RuntimeError(f"{tool} wrote {count} HTML pages, expected at least {n + pages}")
    samples = sorted({0, pages // 2, pages - 1})
    for p in samples:
        slug = f"page-{p:04d}"
        if tool == "ours":
            path = out / ("index.html" if p == 0 else f"{slug}/index.html")
        else:
            path = out / "pages" / slug / "index.html"
        html = path.read_text(encoding="utf-8")
        refs = html.count(FOOTNOTE_REF[tool])
        if refs < manifest["footnote_refs"][slug]:
            raise RuntimeError(f"{tool}: {path} has {refs} footnote references, expected {manifest['footnote_refs'][slug]}")
    seed_page = out / ("sources" if tool in ("ours", "hugo", "mkdocs") else "pages") / "s00000" / "index.html"
    if not seed_page.is_file():
        raise RuntimeError(f"{tool}: the page of the first seed is missing ({seed_page})")
    return f"{count} HTML files; footnotes present in pages {', '.join(map(str, samples))}"


def bench_size(n: int, tools: list[str], commands: dict[str, list[str]], runs: int, timeout: float,
               skip: set[str]) -> tuple[dict, dict[str, Measure], list[dict[str, float]], dict[str, str]]:
    root = CACHE / f"corpus-{n}"
    print(f"\n== N = {n}: preparing the corpus in {root.relative_to(REPO)}", file=sys.stderr)
    manifest = corpus.ensure(root, n, assets=CODE)
    projects = peer_projects(root, manifest)
    measures = {t: Measure() for t in tools}
    ratios: list[dict[str, float]] = []
    checks: dict[str, str] = {}
    for r in range(runs):
        order = tools[r % len(tools):] + tools[: r % len(tools)]
        this_run: dict[str, float] = {}
        for tool in order:
            m = measures[tool]
            if tool in skip or m.failed:
                continue
            out = CACHE / "out" / f"{tool}-{n}"
            shutil.rmtree(out, ignore_errors=True)
            if tool == "ours":  # a cold build: nothing from an earlier build (it still fills its cache)
                shutil.rmtree(projects[tool] / ".cache", ignore_errors=True)
            cmd = build_command(tool, commands[tool], projects[tool], root / "md", out)
            try:
                timing = timed(cmd, timeout, cwd=projects[tool])
            except subprocess.TimeoutExpired:
                m.failed = f"over {timeout:.0f} s"
                skip.add(tool)
                print(f"   {tool}: over the {timeout:.0f} s limit; skipped at this size and above", file=sys.stderr)
                continue
            except RuntimeError as exc:
                m.failed = "failed"
                print(f"   {tool}: build failed: {exc}", file=sys.stderr)
                continue
            if tool not in checks:  # check the output now, before a later run replaces it
                try:
                    checks[tool] = check_output(tool, out, manifest)
                except (RuntimeError, OSError) as exc:
                    m.failed = checks[tool] = f"output check failed: {exc}"
                print(f"   check {tool}: {checks[tool]}", file=sys.stderr)
            m.times.append(timing.wall)
            m.cpu.append(timing.cpu)
            m.rss_mb.append(timing.rss_mb)
            this_run[tool] = timing.wall
            this_run[f"{tool}-cpu"] = timing.cpu
            print(f"   run {r + 1}: {tool:8} {timing.wall:8.2f} s wall {timing.cpu:8.2f} s cpu {timing.rss_mb:7.0f} MB"
                  f"   (load {LOADS[-1]:.1f})", file=sys.stderr)
        ratios.append(this_run)
    return manifest, measures, ratios, checks


# ---------------------------------------------------------------------------------- extra timings

def bench_rebuilds(n: int, commands: dict[str, list[str]], runs: int, timeout: float) -> dict[str, list[float]]:
    """This generator at size n, `build` from the command line each time, in rounds: a cold build (no
    output, no build cache), the same build again with nothing changed, then again after one page was
    edited; each round's ratios are taken against its own cold build (wall and CPU time)."""
    root = CACHE / f"corpus-{n}"
    manifest = corpus.ensure(root, n, assets=CODE)
    project = root / "project"
    out = CACHE / "out" / f"ours-warm-{n}"
    cmd = build_command("ours", commands["ours"], project, root / "md", out)
    results: dict[str, list[float]] = {k: [] for k in ("cold", "cold-cpu", "warm", "warm-cpu", "edit", "edit-cpu")}
    page = project / "content" / "pages" / ("page-0001.md" if manifest["pages"] > 1 else "index.md")
    original = page.read_text(encoding="utf-8")
    first_ref = re.search(r"\[@[^\]]+\]", original)[0]
    try:
        for r in range(runs):
            shutil.rmtree(out, ignore_errors=True)
            shutil.rmtree(project / ".cache", ignore_errors=True)
            for kind in ("cold", "warm", "edit"):
                if kind == "edit":
                    page.write_text(original + f"\nOne more sentence was added to this page in the {EDITS[r % 10]} "
                                    f"edit {first_ref}.\n", encoding="utf-8")
                timing = timed(cmd, timeout)
                results[kind].append(timing.wall)
                results[f"{kind}-cpu"].append(timing.cpu)
                print(f"   round {r + 1}: {kind:5} {timing.wall:6.2f} s wall {timing.cpu:6.2f} s cpu   (load {LOADS[-1]:.1f})",
                      file=sys.stderr)
            page.write_text(original, encoding="utf-8")
    finally:
        page.write_text(original, encoding="utf-8")
        shutil.rmtree(project / ".cache", ignore_errors=True)
    results.update(bench_in_process(project, page, original, first_ref, runs))
    return results


def bench_serve(n: int, runs: int) -> dict[str, list[float]]:
    """`serve` on the corpus of size n: save to new HTML served, for a page and a source YAML edit."""
    import serve_latency

    root = CACHE / f"corpus-{n}"
    corpus.ensure(root, n, assets=CODE)
    return serve_latency.run(runs, code=CODE, corpus=root / "project")


def bench_in_process(project: Path, page: Path, original: str, ref: str, runs: int) -> dict[str, list[float]]:
    """The same two rebuilds inside one process that keeps its stage memo between builds (what
    `serve` does), when the pipeline offers one. Verify and render only: nothing is written."""
    try:
        from briefing.cache import Memo
        from briefing.diagnostics import Diagnostics
        from briefing.pipeline import build
    except ImportError:
        return {}
    memo = Memo()
    try:
        build(project, Diagnostics(), memo=memo)
    except TypeError:
        return {}
    found: dict[str, list[float]] = {"memo-warm": [], "memo-edit": []}
    try:
        for r in range(runs):
            start = time.perf_counter()
            build(project, Diagnostics(), memo=memo)
            found["memo-warm"].append(time.perf_counter() - start)
            page.write_text(original + f"\nOne more sentence was added to this page in the {EDITS[r % 10]} edit {ref}.\n",
                            encoding="utf-8")
            start = time.perf_counter()
            build(project, Diagnostics(), memo=memo)
            found["memo-edit"].append(time.perf_counter() - start)
            page.write_text(original, encoding="utf-8")
            build(project, Diagnostics(), memo=memo)
    finally:
        page.write_text(original, encoding="utf-8")
    return found


def bench_anchoring(megabytes: float, quotes: int, runs: int) -> dict[str, object]:
    """Quote anchoring alone: FoldedSeed.of on one long seed, then find for each quote."""
    from briefing.anchor import FoldedSeed
    from briefing.model import Seed

    text, needles = corpus.big_seed(megabytes, quotes)
    seed = Seed("big.txt", text, "0" * 64)
    fold_times, find_times = [], []
    for _ in range(runs):
        start = time.perf_counter()
        folded = FoldedSeed.of(seed)
        middle = time.perf_counter()
        spans = [folded.find(q)[0] for q in needles]
        end = time.perf_counter()
        if any(s is None for s in spans):
            raise RuntimeError("anchoring benchmark: a quote was not found")
        fold_times.append(middle - start)
        find_times.append(end - middle)
    return {"bytes": len(text.encode("utf-8")), "quotes": len(needles), "fold": fold_times, "find": find_times,
            "total": [a + b for a, b in zip(fold_times, find_times)]}


# ---------------------------------------------------------------------------------------- report

NAMES = {"ours": "this generator", "hugo": "Hugo", "pelican": "Pelican", "mkdocs": "MkDocs"}


def _median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def _met(wall: float | None, cpu: float | None, limit: float) -> str:
    """Whether a ratio target is met: by wall time, or, when wall time misses it, by CPU time (said so)."""
    if wall is None:
        return "n/a"
    if wall <= limit:
        return "yes"
    return "by CPU time only" if cpu is not None and cpu <= limit else "no"


def _ratio(rebuilds: dict[str, list[float]], kind: str, measure: str = "") -> float:
    """The median over rounds of this kind of build's time over the same round's cold build's."""
    return _median([t / c for t, c in zip(rebuilds[kind + measure], rebuilds["cold" + measure])])


def report(results: dict, info: dict) -> str:
    lines = ["# Benchmarks", "",
             "Build speed of this generator side by side with Hugo, Pelican and MkDocs on the same synthetic content.",
             "Regenerate this file with:", "", "```sh", f".venv/bin/python bench/run.py {info['argv']} --write-docs".replace("  ", " "),
             "```", "",
             "## The machine", ""]
    lines += ["| | |", "| --- | --- |"]
    lines += [f"| {k} | {v} |" for k, v in info["machine"].items()]
    lines += [f"| {NAMES[t]} | {v} |" for t, v in info["versions"].items()]
    lines += ["", f"Measured {info['date']}.", "", "## What is built", "",
              "`bench/corpus.py` writes a deterministic synthetic corpus (seeded random generator): N seeds of "
              "English-like prose of 5-8 KB in paragraphs; one source file per seed with 20 claims whose quotes are "
              "verbatim runs of the seed; N/5 pages of about 80-110 sentences in which every sentence cites claims "
              "(every claim is cited, so anchoring, coverage and number grounding all run in full). The peers get "
              "the same text as plain Markdown: each page with standard `[^n]` footnotes whose text is the quote "
              "and its source, and one page per seed with its text.", "",
              "Each tool's output is more or less than the others' in places, which the numbers should be read with:", "",
              "- **This generator** also renders, per seed, its claims list and the full seed text with every quoted "
              "passage highlighted, a sources index, a claims index of all N x 20 claims, `claims.json` and a search "
              "index, and it verifies every quote and citation before writing. Every page carries a navigation "
              "list of the N/5 pages.",
              "- **Hugo** (a minimal layout written by `bench/run.py`: a navigation list of the N/5 pages and "
              "`.Content`; Goldmark's footnotes on by default) uses both cores, as does this generator (forked "
              "workers render pages from commit ba41c69 on, and verify sources in this second pass); Pelican "
              "and MkDocs use one.",
              "- **Pelican** (default theme; seed pages `status: hidden` so that its menu lists the N/5 pages; "
              "content cache off) and **MkDocs** (`mkdocs` theme, `nav` of the N/5 pages, the `footnotes` "
              "extension, the search plugin off) run in their own virtual environments under `bench/.cache/`. "
              "Their packages are byte-compiled by pip as it installs them; this generator's snapshot is "
              "byte-compiled once before the timed runs, in the same way.", "",
              "A cold build removes the output folder (and this generator's build cache) first; inputs are in the page cache. Wall time is the median "
              f"of {info['runs']} runs, the tools alternating run by run; peak memory is the maximum resident set "
              "size reported by `/usr/bin/time -v` (largest of the runs; for a tool that forks worker processes, this is the largest single process, not their sum). The ratio is the peer's time divided by "
              "this generator's in the same run (median over runs). Before the table is written, each tool's "
              "output is checked: it has at least N + N/5 HTML pages, and sampled pages have every footnote "
              "reference.", "",
              "## Cold builds", "",
              "| N sources | Tool | Pages | Median wall (s) | Pages/s | CPU (s) | Peak memory (MB) | Wall time / ours | CPU time / ours |",
              "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for n, res in results["sizes"].items():
        manifest, measures, ratios = res["manifest"], res["measures"], res["ratios"]
        pages = manifest["sources"] + manifest["pages"]
        for tool, m in measures.items():
            if not m.times:
                lines.append(f"| {n:,} | {NAMES[tool]} | {pages:,} | {m.failed or 'not run'} | | | | | |")
                continue
            t = _median(m.times)
            rel = [r[tool] / r["ours"] for r in ratios if tool in r and "ours" in r]
            rel_cpu = [r[f"{tool}-cpu"] / r["ours-cpu"] for r in ratios if tool in r and "ours" in r]
            ratio = "1" if tool == "ours" else (f"{_median(rel):.2f}" if rel else "")
            ratio_cpu = "1" if tool == "ours" else (f"{_median(rel_cpu):.2f}" if rel_cpu else "")
            note = f" ({m.failed})" if m.failed else ""
            lines.append(f"| {n:,} | {NAMES[tool]} | {pages:,} | {t:.2f}{note} | {pages / t:,.0f} | "
                         f"{_median(m.cpu):.2f} | {max(m.rss_mb):,.0f} | {ratio} | {ratio_cpu} |")
    if LOADS:
        lines += ["", f"The machine's 1-minute load average before the timed runs ranged from {min(LOADS):.1f} to "
                  f"{max(LOADS):.1f} on {os.cpu_count()} cores: other work ran beside the benchmark when it was "
                  "above about 1, which slows the wall times (CPU times suffer less)."]
    lines += ["", "Output checks:", ""]
    for n, res in results["sizes"].items():
        for tool, text in res["checks"].items():
            lines.append(f"- N = {n:,}, {NAMES[tool]}: {text}")
    if results.get("rebuilds"):
        n, reb = results["rebuilds"]
        lines += ["", f"## Rebuilds (this generator, N = {n:,})", "",
                  f"`build` from the command line, in {len(reb['cold'])} rounds of three builds: cold (no output "
                  "folder, no build cache), again with nothing changed, and again after one page was edited (a "
                  "sentence added). Ratios are each round's against its own cold build; medians over the rounds.", "",
                  "| Build | Median wall (s) | Median CPU (s) | Wall / cold | CPU / cold |", "| --- | ---: | ---: | ---: | ---: |"]
        for kind, label in (("cold", "Cold"), ("warm", "Nothing changed"), ("edit", "One page edited")):
            lines.append(f"| {label} | {_median(reb[kind]):.2f} | {_median(reb[kind + '-cpu']):.2f} | "
                         f"{_ratio(reb, kind):.2f} | {_ratio(reb, kind, '-cpu'):.2f} |")
        if reb.get("memo-warm"):
            lines += ["", "In one process keeping the stage memo between builds (as `serve` does; verify and render, "
                      "nothing written): nothing changed "
                      f"{1000 * _median(reb['memo-warm']):,.0f} ms, one page edited {1000 * _median(reb['memo-edit']):,.0f} ms."]
    if results.get("serve"):
        n, lat = results["serve"]
        lines += ["", f"## `serve` (this generator, N = {n:,})", "",
                  "`bench/serve_latency.py` on the same corpus: the time from saving the file to the new HTML being "
                  "served over HTTP, waiting as a browser does: at each reload message on the livereload socket, the page "
                  "is fetched (the server looks for changes when the file system reports an event and lets the changed "
                  "files settle for 5 ms before rebuilding); a pause of 0.5 s after each edit is served, in which serve makes the search index and claims.json.", "",
                  "| Edit | Edits | Median (ms) | Worst (ms) |", "| --- | ---: | ---: | ---: |"]
        for kind, times in lat.items():
            lines.append(f"| {kind} | {len(times)} | {1000 * _median(times):,.0f} | {1000 * max(times):,.0f} |")
    if results.get("anchoring"):
        a = results["anchoring"]
        lines += ["", "## Quote anchoring alone", "",
                  f"One seed of {a['bytes'] / 1e6:.1f} MB and {a['quotes']:,} quotes spread over it, through "
                  "`briefing.anchor` directly (`FoldedSeed.of`, then `find` per quote); median of "
                  f"{len(a['total'])} runs.", "",
                  "| Step | Seconds |", "| --- | ---: |",
                  f"| Fold the seed (`FoldedSeed.of`) | {_median(a['fold']):.3f} |",
                  f"| Find {a['quotes']:,} quotes (the chunk index is built during the 101st) | {_median(a['find']):.3f} |",
                  f"| Total | {_median(a['total']):.3f} |"]
    lines += ["", "## Targets", "", "| Target | Measured | Met |", "| --- | --- | --- |"]
    lines += [f"| {t} | {m} | {ok} |" for t, m, ok in targets(results)]
    lines += ["", HISTORY]
    return "\n".join(lines) + "\n"


HISTORY = """## Second pass: both cores for the whole build, and edits that cost what they change

Profiled with pyinstrument on the N = 1,000 corpus (one process, `jobs=1`, so that every stage shows;
the machine was shared, so the seconds are inflated but the shares hold): verification was half of
the build, all of it on one core: parsing sources 29% of it (YAML with locations 18%), anchoring 28%
(the quotes' contexts 10%, folding the seeds 7%), parsing pages 22%, resolving 18%. Rendering, the
other half, already used both cores. Under `serve`, a one-page edit spent most of its time re-resolving
every citation (1.7-2.5 s of a 2.7-3.3 s rebuild, loaded machine), then re-encoding the search index
and claims.json, comparing 1,200 render keys item by item, re-reading every input and the cycle
collector rescanning the memo; a source edit also re-rendered the whole claims index (0.57 s of 0.85 s).

What changed, each measured before and after in its commit:

- Verification in worker processes for one-off builds (`briefing/parallel.py`): forked workers run the
  pipeline's own per-file stages on a few sources each and send back their memo entries (result, key,
  diagnostics); the parent parses the pages meanwhile and then verifies as before, finding every result,
  so the site and the diagnostics are a serial build's (tested, with errors spread over the workers).
  The gain needs the second core: on the shared machine it was often busy (see the load above), and
  sending results costs about 1 s of CPU at N = 1,000 (pickling 26 MB). `check` does the same, and
  pauses the cycle collector as `build` does: 5.5 s -> 3.3 s at N = 1,000.
- A build cache (`briefing/buildcache.py`, `.cache/build/`): a build of exactly the inputs of an earlier
  successful one (same digests, target, `--strict` and generator version) writes that site again
  without verifying or rendering; every file is checked against its sha256 as it is copied out, and a
  damaged, stale or foreign entry is ignored (tested). A build after an edit was then a full build (see
  verified parts, below).
- Dependency tracking in `serve`'s memo: footnotes and number checks per page, document and source,
  keyed by the state of the claims they cite; the search index and claims.json per page and per source;
  the claims index per source; render keys that compare by identity; only changed files read again;
  the new site served from memory at once and written once edits pause. One-page edit, save to new HTML
  served at N = 1,000: 1,380 ms (the issue) / 1,101 ms (this branch's first measurement) -> about 190 ms;
  source YAML edit 1,845 ms -> about 280 ms. What is left of the page edit is about 100 ms of rebuild
  (reading 2,200 file stats, the search index's 21,000 records joined, the page parsed and rendered)
  and the watcher: a poll of the 2,200 files takes about 9 ms every 20 ms, and a change was built
  after 30 ms without another.
- `serve` shows the edited page before making the files that depend on the whole site: the search
  index (about 40 ms of a 115 ms page rebuild) and claims.json are made just after the reload is sent,
  or when first asked for, and the output folder is written only once they are there; the watcher
  stops polling while a rebuild runs (each scan competed with it for the interpreter) and lets a burst
  settle for 10 ms instead of 30. The benchmark now waits as a browser does, for the reload message,
  instead of fetching the page every 2 ms, which kept the server busy answering. Page edit at
  N = 1,000, measured the new way: 187 -> 125 ms median; source YAML edit 287 -> 229 ms (15 edits each,
  both versions on the same machine within minutes; the old way gave 211 and 337 ms before).
- `serve`'s watcher takes its snapshot when the file system reports an event (watchfiles), and twice
  a second in any case, instead of every 20 ms: an edit was seen 13-47 ms after the save (half a poll
  interval plus a 9 ms scan of 2,200 files), now within a few. After a change only the changed files
  are looked at again to let a burst settle (5 ms), and the rebuild takes the watcher's signatures
  instead of a stat per file. Page edit 125 -> 117 ms median with the last two alone, -> 93 ms with
  the events; source YAML edit 229 -> 218 -> 182 ms (15-20 edits each).
- The benchmark pauses 0.5 s after each edit is served (0.1 s before), so that, as between an
  author's saves, serve makes the search index and claims.json and writes the output folder. That
  showed a rebuild waiting for the background write to finish (source YAML edit 731 ms median): the
  writer held the lock guarding the hand-over for the whole write. It now holds it only to take the
  site (a lock of its own keeps one write at a time; tested). With the pause: page edit 88 ms median,
  source YAML edit 175 ms.
- Whole stages skipped while their kind of file is untouched (`serve`): `load` returns the very text
  it read before for an unchanged file, so one identity check over every source and seed text tells
  that the sources, their quotes, absences, summaries, the summaries' notes and checks, the claims'
  numbers and every source page are as before; a page edit no longer looks at the 1,000 sources one by
  one (each look cost microseconds, a thousand times per stage). Also: paths as strings in `load`, the
  navigation, the 404 page and the corroboration labels kept between rebuilds. Page edit rebuild at
  N = 1,000, in one process: 70 -> 45 ms; save to new HTML served, both versions within minutes on the
  same machine: 146 -> 74 ms and 112 -> 80 ms median (15 edits each).
- A source edit under `serve` re-makes that source's claim view (its claims' spans and "cited by"
  lists) instead of all 1,000, and a page's citation statuses are looked up in one pass. Source YAML
  edit rebuild at N = 1,000, in one process, old and new side by side: mean 205 -> 166 ms and 189 ->
  143 ms (12 edits each; the views 20 ms -> under 1 ms).
- Memory at N = 5,000 (1,139 MB at this branch's start -> 955 MB): the one-off build no longer keeps the
  search index's and claims.json's parts; slots for the values made by the hundred thousand; the writer
  lets go of each file before the next is made; the search index and claims.json are made in worker
  tasks beside the pages, so rendered pages no longer pile up in the parent while it makes them.
- Verified parts in the build cache (`.cache/build/parts/`): what the workers' verification of each few
  sources produced, memo entries with their diagnostics, is kept under a digest of everything that work
  reads, so a build after a page edit verifies no source again; each result is still checked against
  its memo key (tested byte-identical with parts warm, cold, stale or damaged). The frozen model classes
  now pickle as constructor calls, which made the parent's unpickling of the workers' results 0.49 ->
  0.31 s at N = 1,000. Second build after a one-page edit at N = 1,000: 1.04x -> 0.62x cold in a
  benchmark run that also kept the pages' parts (since dropped, see the end of this bullet), and with
  them verification, timed inside the command, 3.5-4.2 s -> 1.1-1.4 s (reading the source parts 0.25 s,
  resolving every citation 0.45 s); without them the pages are parsed again (about 0.95 s). Rendering (2.4-2.9 s) is
  still done in full: keeping rendered pages by a digest of their memo keys would cost 0.46 s to digest
  the 1,200 keys, and the search index and claims.json (0.33 s and 0.23 s) depend on every page. Pages
  are not kept: that same run showed their parts costing a cold build at N = 5,000 about 3.5 s in the
  parent (pickling 1,000 pages' token trees took 3 s; 42.6 s against 34.0 s without the cache), more
  than parsing them again saves an edit (0.95 s at N = 1,000).
- Rendered files from the build cache: each file an entry lists is named there by a digest of what it
  can show (every input but the pages' texts, the list of pages, and its own page's text, or its source's
  "cited by" lists, or every claim's), so a build after a page edit copies every file it did not touch
  from `.cache/build/objects/` (checked by sha256 as it is read) and renders the edited page, the source
  pages whose claims it starts or stops citing, and the search index, which a worker makes while the
  kept files are written; claims.json is kept too while no citation changed. The writer also hard-links
  a file that is byte for byte what the output folder holds already instead of writing it again (as
  `serve` already did), which on this machine's disk matters as much: with it, a build with nothing
  changed went from 2.0-3.1 s to 1.0-1.2 s in one set of alternating runs. Second build after a
  one-page edit at N = 1,000, timed by hand on a quiet machine: 4.0-4.6 s -> 2.6-2.9 s (cold 5.3-5.5 s).
  What is left is verification: with no source verified again, the pages are parsed again (about
  0.8 s) and every citation resolved and checked (about 0.45 s), and reading the source parts takes
  0.2 s. Keeping the pages' parse results does not help here: reading 200 pages' token trees back
  takes 1.0 s, against 1.2 s to parse them, in one measurement.
- Page verdicts in the build cache (`.cache/build/pages`): what checking each page found, kept as plain
  data (its errors and warnings, the claims its footnotes number with the ids of their markers, the
  claims it names, and its search records) by the last successful build, under a digest of the page's
  text, the paths of all pages and every other input but the pages' texts. A build takes the verdict of
  each page whose digest matches instead of parsing and checking the page, and parses such a page only
  if it must render (then setting its markers and links as checking would have). Tested byte for byte,
  diagnostics included, against a clean build for each kind of change, with the file damaged, with a
  verdict naming a claim the build lacks and with one from another generator version. Second build
  after a one-page edit at N = 1,000, three alternating rounds on a busy machine: 2.5-3.8 s -> 1.5-1.9 s
  (0.28-0.30x of each round's cold build, was 0.45-0.61x); in the benchmark run at f1cbf65, 0.23x
  (1.62 s against 6.91 s). That run's machine was slower than the one before throughout (Pelican's
  cold build at N = 1,000 took 12.9-14.5 s, against 8.8 s then), so compare ratios, not seconds,
  across runs. The cost is memory: the pages' search
  records are made in the main process (not in the search index's worker) and kept to the end of the
  build, so the peak at N = 5,000 went from 937 MB to 954 and 970 MB (one run before, two after).
- Smaller: the templates, compiled to check them, are no longer compiled again by every process that
  renders (0.07 s each); and the measured snapshot is byte-compiled before the timed runs, as pip
  compiles the peers' packages when it installs them. This machine sets PYTHONDONTWRITEBYTECODE, so the
  runs before f1cbf65's compiled the generator's modules from source in every build (importing them
  took 0.29-0.33 s from source against 0.19-0.20 s compiled): the cold builds since are about 0.1 s
  faster for that alone, an edit build the same.
- The claims index, the one page that shows every claim (0.27-0.37 s to render at N = 1,000), is
  started first, beside the search index and claims.json. It was the last page queued, so every one-off
  build ended with it rendering alone in one worker while the other had nothing left. Timed in the
  workers, two builds each at N = 1,000: they finished 0.26-0.27 s apart before, 0.02 s apart after,
  and rendering (first page started to last page done) took 2.0-2.5 s against 2.6 s.
- The run above, at 0ce2401, was taken on a busy machine (a load of 1.8-2.1 through the rebuild
  rounds): the one-page edit took 0.32x of its cold build (0.23x in f1cbf65's run), and Pelican's cold
  build, at 0.55x, is above its 0.5x again (0.49x then). The change to rendering adds no work to either
  build (the same pages are rendered, in another order); the moves were not traced to a cause.
- What else was measured on this machine, and why the cold-build rows are still missed:
  - its two cores do not give twice the work of one: a pure-Python loop took 3.3-4.2 s alone and
    4.1-4.6 s in each of two copies run side by side (two trials), so two cores give about 1.5x one;
  - one process doing the whole cold build at N = 1,000 takes 6.8-7.4 s of user CPU and 0.5-1.9 s of
    system time (three builds), so even a build with no serial part and nothing lost to its workers
    would take about two thirds of that on two cores, 4.9-6.2 s, against Hugo's 2.2-3.1 s above;
  - creating the output's 1,200 folders and files is slow here after a build has just been removed
    (as each timed cold build does): 1,340 `mkdir` calls took 1.5 s in one build (strace), and the same
    files, written alone by a small script, took 0.1 to 1.8 s by how recently files had been deleted
    (the kernel's ext4 inode allocator skipping recently freed inodes: `find_inode_bit`,
    `recently_deleted` and the block lookups under them were about 14% of one single-process build's
    samples under perf). Hugo creates as many;
  - no one stage is large enough to cut: in one process, rendering is about 37% of the CPU (Jinja2
    and MarkupSafe's `escape`, called 770,000 times), parsing and anchoring sources 34% (PyYAML's C
    parser alone 0.4 s of events for 1,000 files), Markdown 15% (markdown-it-py), resolving 7%. The
    Rust port of markdown-it (markdown-it-pyrs) takes no parser rules written in Python, which the
    citation syntax and the editorial blocks need.

## Where the time goes

Measured by hand (not by this command), on this machine, for the record: wall-clock timers wrapped
around the pipeline's functions (no profiler overhead), one build each.

At commit 9b9e39e (pages render in two forked workers; before the navigation was rendered once per
folder depth and before pages were streamed to disk):

| Stage (function) | N = 1,000 (5.9 s) | N = 5,000 (46.6 s) | Growth for 5x the content |
| --- | ---: | ---: | ---: |
| Render pages (`render._render_all`: Jinja templates, each page with the navigation list of every page) | 1.7 s, 29% | 23.5 s, 50% | 13.6x |
| Rest of `render.render` (search index, claims.json, static files) | 0.7 s, 11% | 3.3 s, 7% | 5x |
| Parse sources (`sources.parse_sources`, of which `yamlfile.load_yaml`) | 1.1 s (0.9 s), 19% | 6.0 s (5.0 s), 13% | 5.5x |
| Parse Markdown and read prose (`pipeline.documents`) | 0.9 s, 15% | 5.2 s, 11% | 5.8x |
| Resolve citations, check coverage and numbers (`resolve.resolve`) | 0.8 s, 14% | 4.5 s, 10% | 5.5x |
| Anchor quotes (`anchor.anchor`) | 0.5 s, 8% | 2.6 s, 6% | 5.2x |
| Write (`write.write`) | 0.1 s, 2% | 0.5 s, 1% | 5.6x |

Everything grows in step with the content except rendering, which grows with its square: each of the
N + N/5 pages carries a navigation list of the N/5 content pages, each link made by a `url_for` call
in the template (about 6 million at N = 5,000, when navigation is 346 MB of the 553 MB of HTML).
The whole site (650 MB of files at N = 5,000) was also held in memory until it was written, a large
part of the peak memory (1,690 MB at N = 5,000 then).

At commit 821e324 (the first pass's last): after the navigation change, every stage grows in step
with the content, and the time at N = 1,000 is spread over stages that are all Python doing
verification a plain generator does not do (parsing sources with a location for every YAML node,
parsing Markdown, anchoring every quote, resolving every citation and checking every sentence's
citations and numbers) plus Jinja rendering. No single stage is large enough that speeding it up
alone would reach 1.5x Hugo's time, which needs the whole build about 1.4x faster. (The cycle
collector, a quarter of the time, is paused while verifying since commit 8f569ea.) The Pelican
target is met by a hair: the three runs at 821e324 gave 0.49x, 0.52x and 0.49x. A one-page edit in
`serve` re-reads every input, compares each stage's memo key by content, re-resolves every citation
(footnote numbers and "cited by" lists are global) and rebuilds the claims index, `claims.json` and
the search index, which depend on every claim; under 50 ms at this size needs dependency tracking
at the level of single citations.

At commit c3a515d (before the YAML, resolving and rendering changes made in the commits after it):

| Stage (function) | N = 1,000 (16.5 s) | N = 2,000 (45.0 s) |
| --- | ---: | ---: |
| Parse source YAML (`yamlfile.load_yaml`, pure-Python PyYAML) | 6.7 s, 41% | 13.3 s, 29% |
| Resolve citations and check units (`resolve.resolve`) | 4.2 s, 26% | 18.7 s, 41% |
| of which the claims filter rebuilt for every document (`resolve.py`, the dict comprehension passed to `_check_units`) | about 2.9 s, 18% | about 13 s, 29% |
| of which `resolve._known` (the set of source keys rebuilt for every citation) | 0.8 s, 5% | 4.3 s, 10% |
| Render (`render.render`: templates with the navigation of every page, search index, seed views) | 3.5 s, 21% | 9.5 s, 21% |
| Parse Markdown and read prose (`pipeline.documents`) | 0.9 s, 5% | 1.9 s, 4% |
| Anchor quotes (`anchor.anchor`) | 0.5 s, 3% | 1.0 s, 2% |
| Seed views (`seedview.seed_html`) | 0.2 s, 1% | 0.4 s, 1% |
| Write (`write.write`) | 0.1 s, 1% | 0.2 s, 1% |

Before the anchoring and seed-view changes below, a pyinstrument profile of the N = 1,000 build
(18.6 s then) put YAML parsing at 44%, resolving at 18%, rendering at 21%, quote anchoring at 11%
(`FoldedSeed.of` alone 10%) and the seed views at 2%.

## Changes made for speed

- Quote anchoring (`briefing/anchor.py`): the folded seed no longer keeps two arrays of original offsets
  per character, built by a Python step for every run of white space; it keeps runs (one-to-one
  stretches and folded pieces), and the text between the pieces that fold is copied as is, found by
  one regular expression that the engine scans in C. A seed searched for more than 100 quotes gets an
  index of the pairs of adjacent words in each 64 KB chunk, so each later quote is searched only in the
  chunks that can hold it. Same matches, offsets and errors as before (checked against the previous
  version on random texts). On the 5 MB seed with 2,000 quotes: 2.8 s before (1.5 s folding, 1.3 s
  finding), 0.56 s after; in the N = 1,000 build, anchoring went from about 11% of the time to 3%.
- Memory (`briefing/render.py`, `briefing/write.py`, commit e70b4f8): `build` writes each page into the
  staging folder as it is rendered (workers' results come back one by one) instead of holding the
  whole site; the search index and `claims.json` are joined once from encoded parts instead of being
  held as records, a string and bytes at once; what was read to verify (source texts, seed bytes) is
  dropped before rendering. Peak at N = 5,000: 1,715 MB -> 1,138 MB (streaming) -> 957 MB.
  Byte-identical output.
- Cycle collector (`briefing/pipeline.py`, commit 8f569ea): timing the N = 1,000 build with Python's
  cycle collector on and off showed it at 23% of the time (28% at N = 5,000): verification allocates
  millions of long-lived objects and no cycles, and each full collection rescanned them. `publish`
  pauses it while verifying, then freezes what verification built. 5.2 s -> 4.2 s at N = 1,000.
- Seed view (`briefing/seedview.py`): the claims covering each segment were found by scanning every
  claim for every segment, and each claim's "alone" test scanned every other claim; one sweep over the
  cuts now keeps the set of open passages. Byte-identical HTML; 28x faster on a seed with 2,000
  passages."""


def targets(results: dict) -> list[tuple[str, str, str]]:
    rows = []
    sizes = results["sizes"]

    def med(n: int, tool: str) -> float | None:
        m = sizes.get(n, {}).get("measures", {}).get(tool)
        return _median(m.times) if m and m.times and not m.failed else None

    def ratio(n: int, tool: str, kind: str = "") -> float | None:
        rel = [r["ours" + kind] / r[tool + kind] for r in sizes.get(n, {}).get("ratios", []) if tool in r and "ours" in r]
        return _median(rel) if rel else None

    for tool, limit, text in (("hugo", 1.5, "Cold build at N = 1,000, against Hugo: at most 1.5x (stretch: 1.0x)"),
                              ("pelican", 0.5, "Cold build at N = 1,000, against Pelican: at most 0.5x"),
                              ("mkdocs", 0.5, "Cold build at N = 1,000, against MkDocs: at most 0.5x")):
        r, c = ratio(1000, tool), ratio(1000, tool, "-cpu")
        rows.append((text, f"{r:.2f}x wall time ({c:.2f}x CPU time)" if r is not None and c is not None else "not measured",
                     _met(r, c, limit)))
    n, lat = results.get("serve") or (0, {})
    for kind, limit, text in (("page", 0.1, "`serve`, one-page edit at N = {n}, save to new HTML served: median under 100 ms "
                               "(stretch: 50 ms)"),
                              ("source YAML", 0.3, "`serve`, one source YAML edit at N = {n}: median under 300 ms")):
        times = lat.get(kind)
        rows.append((text.format(n=f"{n:,}" if n else "1,000"),
                     f"{1000 * _median(times):,.0f} ms (worst {1000 * max(times):,.0f} ms)" if times else "not measured",
                     ("yes" if _median(times) < limit else "no") if times else "n/a"))
    t1, t5 = med(1000, "ours"), med(5000, "ours")
    if t1 and t5:
        p1 = sizes[1000]["manifest"]["sources"] + sizes[1000]["manifest"]["pages"]
        p5 = sizes[5000]["manifest"]["sources"] + sizes[5000]["manifest"]["pages"]
        growth = (t5 / p5) / (t1 / p1)
        c1, c5 = (_median(sizes[k]["measures"]["ours"].cpu) for k in (1000, 5000))
        cpu_growth = (c5 / p5) / (c1 / p1)
        rows.append(("Time per page, N = 5,000 against N = 1,000: at most 1.2x",
                     f"{1000 * t5 / p5:.1f} ms vs {1000 * t1 / p1:.1f} ms per page ({growth:.2f}x wall time, "
                     f"{cpu_growth:.2f}x CPU time)", _met(growth, cpu_growth, 1.2)))
    else:
        rows.append(("Time per page, N = 5,000 against N = 1,000: at most 1.2x", "not measured", "n/a"))
    m5 = sizes.get(5000, {}).get("measures", {}).get("ours")
    if m5 and m5.rss_mb:
        rows.append(("Peak memory at N = 5,000: under 1 GB", f"{max(m5.rss_mb):,.0f} MB",
                     "yes" if max(m5.rss_mb) < 1024 else "no"))
    else:
        rows.append(("Peak memory at N = 5,000: under 1 GB", "not measured", "n/a"))
    n, reb = results.get("rebuilds") or (0, {})
    for kind, limit, text in (("warm", 0.25, "A second `build` from the command line, nothing changed: at most 0.25x cold"),
                              ("edit", 0.35, "A second `build` after one page changed: at most 0.35x cold")):
        if reb.get(kind):
            r, c = _ratio(reb, kind), _ratio(reb, kind, "-cpu")
            rows.append((text, f"{r:.2f}x wall time ({c:.2f}x CPU time) at N = {n:,}: {_median(reb[kind]):.2f} s against "
                         f"{_median(reb['cold']):.2f} s", _met(r, c, limit)))
        else:
            rows.append((text, "not measured", "n/a"))
    a = results.get("anchoring")
    if a:
        total = _median(a["total"])
        rows.append((f"Anchoring {a['quotes']:,} quotes in a {a['bytes'] / 1e6:.1f} MB seed under 1 s", f"{total:.2f} s",
                     "yes" if total < 1 else "no"))
    return rows


# ------------------------------------------------------------------------------------------ main

def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100,1000,5000", help="numbers of sources, comma-separated (default: 100,1000,5000)")
    parser.add_argument("--runs", type=int, default=3, help="timed runs per tool and size (default: 3)")
    parser.add_argument("--tools", default=",".join(TOOLS), help="which tools (default: all four)")
    parser.add_argument("--timeout", type=float, default=600, help="seconds one build may take before the tool is "
                        "dropped at that size and above (default: 600)")
    parser.add_argument("--rebuild-size", type=int, default=1000, help="N for the warm and one-edit rebuilds (0: skip)")
    parser.add_argument("--serve-runs", type=int, default=20, help="edits of each kind for the serve benchmark at the "
                        "rebuild size (0: skip)")
    parser.add_argument("--anchor-mb", type=float, default=5, help="size of the seed for the anchoring benchmark (0: skip)")
    parser.add_argument("--anchor-quotes", type=int, default=2000, help="quotes for the anchoring benchmark")
    parser.add_argument("--rev", default="HEAD", help="git revision of this generator to measure (default: HEAD; "
                        "uncommitted changes are not measured)")
    parser.add_argument("--write-docs", action="store_true", help="write the report to docs/benchmarks.md")
    parser.add_argument("--report-only", action="store_true", help="measure nothing: print (and with --write-docs, "
                        "write) the report of the last run again, from bench/.cache/results.json")
    args = parser.parse_args()
    if args.report_only:
        results, info = load_results()
        finish(results, info, write_docs=args.write_docs)
        return
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    tools = [t for t in args.tools.split(",") if t]
    unknown = set(tools) - set(TOOLS)
    if unknown or "ours" not in tools:
        parser.error(f"--tools takes a list from {', '.join(TOOLS)} that includes 'ours'")
    CACHE.mkdir(exist_ok=True)
    revision = snapshot(args.rev)
    sys.path.insert(0, str(CODE))  # the in-process timings import the same snapshot
    commands = setup(tools)
    results: dict = {"sizes": {}}
    skip: set[str] = set()
    for n in sizes:
        manifest, measures, ratios, checks = bench_size(n, tools, commands, args.runs, args.timeout, skip)
        results["sizes"][n] = {"manifest": manifest, "measures": measures, "ratios": ratios, "checks": checks}
    if args.rebuild_size:
        print(f"\n== rebuilds at N = {args.rebuild_size}", file=sys.stderr)
        results["rebuilds"] = (args.rebuild_size, bench_rebuilds(args.rebuild_size, commands, args.runs, args.timeout))
    if args.rebuild_size and args.serve_runs:
        print(f"\n== serve at N = {args.rebuild_size}", file=sys.stderr)
        results["serve"] = (args.rebuild_size, bench_serve(args.rebuild_size, args.serve_runs))
    if args.anchor_mb:
        print(f"\n== anchoring {args.anchor_quotes} quotes in a {args.anchor_mb} MB seed", file=sys.stderr)
        results["anchoring"] = bench_anchoring(args.anchor_mb, args.anchor_quotes, args.runs)
    argv = " ".join(a for a in sys.argv[1:] if a != "--write-docs")
    info = {"machine": machine(), "versions": versions(commands, revision), "runs": args.runs, "argv": argv,
            "date": time.strftime("%Y-%m-%d", time.gmtime()), "loads": LOADS}
    save_results(results, info)
    finish(results, info, write_docs=args.write_docs)


RESULTS = CACHE / "results.json"


def save_results(results: dict, info: dict) -> None:
    sizes = {str(n): {**res, "measures": {t: asdict(m) for t, m in res["measures"].items()}}
             for n, res in results["sizes"].items()}
    RESULTS.write_text(json.dumps({"results": {**results, "sizes": sizes}, "info": info}, indent=1), encoding="utf-8")


def load_results() -> tuple[dict, dict]:
    try:
        saved = json.loads(RESULTS.read_text(encoding="utf-8"))
    except OSError:
        sys.exit(f"no saved results ({RESULTS.relative_to(REPO)}): run the benchmark first")
    results, info = saved["results"], saved["info"]
    results["sizes"] = {int(n): {**res, "measures": {t: Measure(**m) for t, m in res["measures"].items()}}
                        for n, res in results["sizes"].items()}
    for name in ("rebuilds", "serve"):
        if results.get(name):
            results[name] = tuple(results[name])
    LOADS[:] = info.get("loads", [])
    return results, info


def finish(results: dict, info: dict, *, write_docs: bool) -> None:
    text = report(results, info)
    print(text)
    if write_docs:
        (REPO / "docs").mkdir(exist_ok=True)
        (REPO / "docs" / "benchmarks.md").write_text(text, encoding="utf-8")
        print("wrote docs/benchmarks.md", file=sys.stderr)


if __name__ == "__main__":
    main()
