"""Seed extraction speed: time per MB to extract a saved web page and a PDF, and build times with the
extraction cache cold and warm, beside the same briefing with the extracted texts as plain-text seeds.

Makes its documents, so nothing is fetched: a news page of N paragraphs inside the usual furniture, and
a PDF that Chromium prints from an article of M paragraphs (Chromium at /usr/bin/chromium or $CHROMIUM).
Usage: python bench/extract.py [--html-paragraphs 4000] [--pdf-paragraphs 600] [--runs 3]"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from briefing.extract import CACHE, extract  # noqa: E402
from briefing.extract import html as html_format  # noqa: E402
from briefing.extract import pdf as pdf_format  # noqa: E402
from documents import print_pdf, web_page  # noqa: E402
from kit import make_project, source_yaml  # noqa: E402

WORDS = "harbour board channel dredging quay tide vessel silt budget council fishing season".split()


def paragraphs(count: int) -> list[str]:
    return [f"Paragraph {i} says the {WORDS[i % 12]} and the {WORDS[(i // 12) % 12]} were discussed again, "
            f"with figures for the {WORDS[(i // 144) % 12]} and a note on the cost of the work in year {i}."
            for i in range(count)]


def best(runs: int, work) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return min(times)


def build(root: Path) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, str(ROOT / "build.py"), "build", "--root", str(root)], check=True,
                   capture_output=True, timeout=1800)
    return time.perf_counter() - started


def project(folder: Path, seeds: dict[str, bytes]) -> Path:
    files: dict[str, str | bytes] = {}
    cites = []
    for n, (name, data) in enumerate(seeds.items()):
        key = f"doc{n}"
        claims = "- id: first\n  claim: The text discusses the harbour.\n  quote: Paragraph 1 says the board\n"
        files[f"seeds/{name}"] = data
        files[f"content/sources/{key}.yaml"] = source_yaml(name, data, claims, key=key, summary=f"It does [@{key}:first].")
        cites.append(f"A document discusses it [@{key}:first].")
    page = "---\ntitle: Home\ndescription: x\norder: 0\n---\n" + "\n".join(cites) + "\nAcme raised money [@acme:raise].\n"
    return make_project(folder, {**files, "content/pages/index.md": page})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--html-paragraphs", type=int, default=4000)
    parser.add_argument("--pdf-paragraphs", type=int, default=600)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        work = Path(temp)
        page = web_page("<h1>Harbour report</h1>\n" + "\n".join(f"<p>{p}</p>" for p in paragraphs(args.html_paragraphs))).encode()
        article = "<h1>Harbour report</h1>" + "".join(f"<p>{p}</p>" for p in paragraphs(args.pdf_paragraphs))
        pdf = print_pdf(f"<!doctype html><meta charset=utf-8><title>Report</title><body>{article}</body>", work / "print")
        rows = []
        for name, data, reader in (("page.html", page, html_format), ("report.pdf", pdf, pdf_format)):
            seconds = best(args.runs, lambda: reader.extract(data))
            first = reader.extract(data)
            same = all(reader.extract(data) == first for _ in range(2))
            extra = f", {len(first.pages)} pages" if first.pages else ""
            rows.append((name, len(data), seconds, same, extra))
        print("| Seed | Size | Extraction (best of runs) | Per MB | Same text every run |")
        print("| --- | --- | --- | --- | --- |")
        for name, size, seconds, same, extra in rows:
            print(f"| {name}{extra} | {size / 2**20:.2f} MB | {seconds:.2f} s | {seconds / (size / 2**20):.2f} s/MB | "
                  f"{'yes' if same else 'NO'} |")
        root = project(work / "formats", {"page.html": page, "report.pdf": pdf})
        cold = statistics.median(shutil.rmtree(root / CACHE, ignore_errors=True) or build(root) for _ in range(args.runs))
        warm = statistics.median(build(root) for _ in range(args.runs))
        shutil.rmtree(root / CACHE)
        texts = {f"{n}.txt": extract(n, d).text.encode() for n, d in (("page.html", page), ("report.pdf", pdf))}
        plain = project(work / "plain", texts)
        build(plain)
        as_text = statistics.median(build(plain) for _ in range(args.runs))
        print(f"\nbuild of a briefing citing both (and one .txt), medians of {args.runs}: cache cold {cold:.2f} s, "
              f"cache warm {warm:.2f} s; the same briefing with the extracted texts as .txt seeds: {as_text:.2f} s")
        digest = hashlib.sha256(texts["page.html.txt"] + texts["report.pdf.txt"]).hexdigest()[:16]
        print(f"extracted text digest: {digest}")


if __name__ == "__main__":
    main()
