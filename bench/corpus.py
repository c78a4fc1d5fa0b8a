#!/usr/bin/env python3
"""A deterministic synthetic corpus for the benchmarks: the same content in two forms.

`generate(out, n)` writes, from a seeded random generator (the same arguments give the same bytes):

    out/project/   a project in this generator's own format: N seeds of article-length English-like
                   prose (about 5-8 KB each, in paragraphs), one source file per seed with C claims
                   whose quotes are verbatim runs of that seed, N/5 pages in which every sentence cites
                   claims (so the full verification runs: anchoring, coverage, grounding), site.yaml,
                   using the generator's default theme;
    out/md/        the same content as plain Markdown for other generators: each page with standard
                   `[^n]` footnotes whose text is the quote and its source, and one page per seed
                   with the seed's text;
    out/manifest.json  what was generated, for the benchmark's output checks.

Claim texts and page sentences carry no digits, so the number-grounding rule holds trivially; the
quotes themselves do contain numbers, curly quotes and dashes, so anchoring exercises its folding.

Usage: python bench/corpus.py OUT --sources N [--claims 20] [--seed 1]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import shutil
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
VERSION = 2
"""Bump when the output changes, so cached corpora are regenerated."""

NOUNS = """
market company investor model system network policy report analyst startup platform product region
government agency factory engine dataset benchmark service customer partner supplier budget forecast
strategy researcher laboratory university study survey sector industry economy currency revenue profit
contract license standard regulator court lawmaker election committee council city province port
railway airline shipment harbour reactor turbine battery vehicle robot sensor camera chip processor
algorithm software hardware cloud datacenter warehouse pipeline refinery crop harvest drought storm
coastline river bridge tunnel hospital clinic patient vaccine treatment trial school teacher student
museum archive library newspaper broadcaster audience reader editor journalist article interview
""".split()
ADJECTIVES = """
new large small early late rapid slow steady strong weak local national global regional private public
digital physical financial industrial commercial technical scientific political economic legal social
annual quarterly recent current former major minor leading rival modest ambitious cautious uncertain
promising expensive affordable complex simple reliable fragile sustainable competitive independent
""".split()
VERBS = """
expanded reduced announced confirmed delayed approved rejected launched acquired funded tested built
upgraded replaced measured reported predicted questioned supported criticised reviewed published
signed negotiated extended completed abandoned doubled halved improved restored examined compared
""".split()
ADVERBS = "quickly slowly sharply gradually quietly publicly formally largely partly recently".split()
PREPOSITIONS = "in across within beyond after before during despite through under over near".split()
NAMES = """
Amara Okafor|Lena Fischer|Tomas Novak|Priya Raman|Diego Alvarez|Mei Lin|Samuel Adeyemi|Hannah Berg|
Yusuf Demir|Clara Rossi|Kenji Sato|Olivia Grant|Mateo Silva|Ines Moreau|Arjun Mehta|Sofia Lindqvist
""".replace("\n", "").split("|")
ROLES = "chief executive|senior analyst|research director|spokesperson|economist|chief engineer|policy adviser".split("|")
ORGS = """
Northwind Capital|Bluefield Labs|Harbor Institute|Crestline Energy|Meridian Bank|Atlas Robotics|
Silverlake Partners|Kestrel Systems|Orchard University|Granite Mobility|Lumen Analytics|Tidewater Ports
""".replace("\n", "").split("|")
OUTLETS = "Daily Ledger|Morning Wire|Coastal Times|Industry Review|Metro Dispatch|Tech Courier".split("|")
UNITS = ["percent", "million dollars", "units", "kilometres", "tonnes", "jobs", "sites", "days"]
KINDS = ["news", "analysis", "blog", "wire"]


def _sentence(rng: random.Random, *, digits: bool) -> str:
    """One English-like sentence; with `digits` it may carry numbers, quoted speech and dashes."""
    det = rng.choice(["The", "A", "One", "Every", "Another"])
    words = [det, rng.choice(ADJECTIVES), rng.choice(NOUNS), rng.choice(VERBS), "the",
             rng.choice(ADJECTIVES), rng.choice(NOUNS), rng.choice(PREPOSITIONS), "the", rng.choice(NOUNS)]
    roll = rng.random()
    if digits and roll < 0.25:
        number = rng.choice([str(rng.randint(2, 99)), f"{rng.randint(1, 9)}.{rng.randint(1, 9)}",
                             f"{rng.randint(1, 9)},{rng.randint(100, 999)}", f"${rng.randint(2, 900)} million"])
        words += ["by", number, rng.choice(UNITS)]
    elif digits and roll < 0.35:
        org = rng.choice(ORGS)
        words = [f"{org}\u2019s", *words[1:]]
    elif digits and roll < 0.45:
        words += ["\u2014", rng.choice(ADVERBS), "and", rng.choice(ADVERBS), "\u2014", "according", "to",
                  rng.choice(ORGS)]
    else:
        words += [rng.choice(ADVERBS), "and", rng.choice(VERBS), "the", rng.choice(NOUNS)]
    if rng.random() < 0.4:
        words += [rng.choice(PREPOSITIONS), "the", rng.choice(ADJECTIVES), rng.choice(NOUNS)]
    text = " ".join(words).replace(" \u2014 ", "\u2014") + "."
    if digits and rng.random() < 0.12:
        name = rng.choice(NAMES)
        text = f"\u201c{text[:-1]},\u201d said {name}, {rng.choice(ROLES)} at {rng.choice(ORGS)}."
    return text


def _paragraph(rng: random.Random, sentences: int, *, digits: bool = True) -> list[str]:
    return [_sentence(rng, digits=digits) for _ in range(sentences)]


@dataclass
class Claim:
    id: str
    claim: str
    quote: str


@dataclass
class SeedDoc:
    key: str
    name: str
    title: str
    outlet: str
    author: str
    kind: str
    text: str
    claims: list[Claim]


def _seed(rng: random.Random, index: int, claims: int) -> SeedDoc:
    key = f"s{index:05d}"
    outlet, author = rng.choice(OUTLETS), rng.choice(NAMES)
    title = f"{rng.choice(ADJECTIVES).capitalize()} {rng.choice(NOUNS)} {rng.choice(VERBS)} in {rng.choice(ORGS)} report"
    target = rng.randint(5000, 8000)
    paragraphs: list[list[str]] = []
    size = len(outlet) + len(title) + len(author) + 10
    while size < target:
        paragraph = _paragraph(rng, rng.randint(3, 6))
        paragraphs.append(paragraph)
        size += sum(len(s) + 1 for s in paragraph) + 1
    text = "\n\n".join([outlet, title, f"By {author}", *(" ".join(p) for p in paragraphs)]) + "\n"
    sentences = [s for p in paragraphs for s in p]
    chosen = rng.sample(range(len(sentences)), min(claims, len(sentences)))
    found = []
    for number, at in enumerate(sorted(chosen), start=1):
        words = sentences[at].split(" ")
        width = min(len(words), rng.randint(6, 12))
        first = rng.randint(0, len(words) - width)
        quote = " ".join(words[first: first + width])
        plain = [w.strip(".,\u201c\u201d").removesuffix("\u2019s") for w in quote.split(" ")]
        plain = [w.lower() for w in plain if w and not any(ch.isdigit() or ch == "$" for ch in w)]
        claim = f"The {outlet} piece reports: {' '.join(plain)}."
        found.append(Claim(f"c{number:02d}", claim, quote))
    return SeedDoc(key, f"{key}.txt", title, outlet, author, rng.choice(KINDS), text, found)


def _q(value: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


def _source_yaml(doc: SeedDoc, seed_bytes: bytes) -> str:
    lines = [f"key: {doc.key}", f"seed: {doc.name}", f"sha256: {hashlib.sha256(seed_bytes).hexdigest()}",
             f"title: {_q(doc.title)}", f"outlet: {_q(doc.outlet)}", f"author: {_q(doc.author)}",
             "published: 2026-04-10", f"kind: {doc.kind}", "summary: |"]
    first, second = doc.claims[:2], doc.claims[2:4] or doc.claims[:1]
    lines.append(f"  The {doc.outlet} article reports on a {doc.kind} story "
                 f"[{'; '.join(f'@{doc.key}:{c.id}' for c in first)}].")
    lines.append(f"  It also describes the wider context of the story [{'; '.join(f'@{doc.key}:{c.id}' for c in second)}].")
    lines.append("claims:")
    for claim in doc.claims:
        lines += [f"  - id: {claim.id}", f"    claim: {_q(claim.claim)}", f"    quote: {_q(claim.quote)}",
                  "    topics: [benchmark]", "    type: fact"]
    return "\n".join(lines) + "\n"


@dataclass
class PageDoc:
    slug: str
    title: str
    blocks: list[tuple[str, list[tuple[str, list[tuple[str, str]]]]]]
    """Sections: (heading, [(sentence without citation, [(key, claim id), ...]), ...])."""


def _pages(rng: random.Random, seeds: list[SeedDoc]) -> list[PageDoc]:
    count = max(1, len(seeds) // 5)
    pages = []
    for p in range(count):
        mine = seeds[p::count]
        cited: set[tuple[str, str]] = set()
        sections = []
        for doc in mine:
            sentences = []
            claims = list(doc.claims)
            while claims:
                take = 2 if len(claims) > 1 and rng.random() < 0.3 else 1
                refs = [(doc.key, c.id) for c in claims[:take]]
                claims = claims[take:]
                cited.update(refs)
                sentences.append((_sentence(rng, digits=False)[:-1], refs))
            sections.append((f"What the {doc.outlet} reported about the {doc.title.split()[1]}", sentences))
        extra = []
        for _ in range(5):  # cross-references to other sources, never a claim twice on one page
            doc = seeds[rng.randrange(len(seeds))]
            ref = (doc.key, rng.choice(doc.claims).id)
            if ref not in cited:
                cited.add(ref)
                extra.append((_sentence(rng, digits=False)[:-1], [ref]))
        if extra:
            sections.append(("Related reporting", extra))
        pages.append(PageDoc(f"page-{p:04d}", f"Briefing page {p + 1}", sections))
    return pages


def _page_ours(page: PageDoc, order: int) -> str:
    out = ["---", f"title: {_q(page.title)}", f"description: {_q('Synthetic benchmark page ' + page.slug)}",
           f"order: {order}", "---", ""]
    for heading, sentences in page.blocks:
        out += [f"## {heading}", ""]
        for i in range(0, len(sentences), 4):
            out.append(" ".join(f"{text} [{'; '.join(f'@{k}:{c}' for k, c in refs)}]."
                                for text, refs in sentences[i: i + 4]))
            out.append("")
    return "\n".join(out)


def _page_md(page: PageDoc, claims: dict[tuple[str, str], tuple[Claim, SeedDoc]], order: int) -> tuple[str, int]:
    """The page as plain Markdown with footnotes; also how many footnote references it has."""
    numbers: dict[tuple[str, str], int] = {}
    out = ["---", f"title: {page.title}", f"weight: {order + 1}", "---", ""]
    refs_total = 0
    for heading, sentences in page.blocks:
        out += [f"## {heading}", ""]
        for i in range(0, len(sentences), 4):
            parts = []
            for text, refs in sentences[i: i + 4]:
                marks = "".join(f"[^{numbers.setdefault(ref, len(numbers) + 1)}]" for ref in refs)
                refs_total += len(refs)
                parts.append(f"{text}{marks}.")
            out += [" ".join(parts), ""]
    for ref, number in numbers.items():
        claim, doc = claims[ref]
        out.append(f"[^{number}]: \u201c{claim.quote}\u201d \u2014 {doc.outlet}, \u201c{doc.title}\u201d, seed {doc.name}")
    return "\n".join(out) + "\n", refs_total


def _seed_md(doc: SeedDoc) -> str:
    return "\n".join(["---", f"title: {doc.title}", "status: hidden", "---", "", doc.text])


def generate(out: Path, n: int, *, claims: int = 20, seed: int = 1, assets: Path = REPO) -> dict:
    """Write the corpus into `out` (replaced if present) and return its manifest. The project has no
    templates/ or static/ of its own: it uses the generator's default theme."""
    if out.exists():
        shutil.rmtree(out)
    rng = random.Random(f"briefing-bench-{seed}-{n}-{claims}")
    project, md = out / "project", out / "md"
    for folder in ("content/sources", "content/pages", "seeds"):
        (project / folder).mkdir(parents=True)
    (md / "pages").mkdir(parents=True)
    (md / "sources").mkdir(parents=True)
    (project / "content/site.yaml").write_text(
        'title: "Benchmark briefing"\ndescription: "A synthetic corpus for measuring build speed."\n'
        'base_url: "https://example.org/"\nlanguage: en\nname: benchmark-briefing\n', encoding="utf-8")
    seeds = [_seed(rng, i, claims) for i in range(n)]
    for doc in seeds:
        data = doc.text.encode("utf-8")
        (project / "seeds" / doc.name).write_bytes(data)
        (project / "content/sources" / f"{doc.key}.yaml").write_text(_source_yaml(doc, data), encoding="utf-8")
        (md / "sources" / f"{doc.key}.md").write_text(_seed_md(doc), encoding="utf-8")
    by_ref = {(doc.key, c.id): (c, doc) for doc in seeds for c in doc.claims}
    pages = _pages(rng, seeds)
    refs = {}
    for order, page in enumerate(pages):
        name = "index.md" if order == 0 else f"{page.slug}.md"
        (project / "content/pages" / name).write_text(_page_ours(page, order), encoding="utf-8")
        text, refs[page.slug] = _page_md(page, by_ref, order)
        (md / "pages" / f"{page.slug}.md").write_text(text, encoding="utf-8")
    manifest = {"version": VERSION, "sources": n, "claims_per_source": claims, "seed": seed,
                "pages": len(pages), "citations": sum(refs.values()), "footnote_refs": refs,
                "seed_bytes": sum(len(d.text.encode("utf-8")) for d in seeds)}
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    return manifest


def ensure(out: Path, n: int, *, claims: int = 20, seed: int = 1, assets: Path = REPO) -> dict:
    """The corpus at `out`, generated only when missing or made with other parameters."""
    try:
        manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
        if (manifest["version"], manifest["sources"], manifest["claims_per_source"], manifest["seed"]) == (VERSION, n, claims, seed):
            return manifest
    except (OSError, ValueError, KeyError):
        pass
    return generate(out, n, claims=claims, seed=seed, assets=assets)


def big_seed(megabytes: float, quotes: int, *, seed: int = 1) -> tuple[str, list[str]]:
    """One long seed of about `megabytes` MB of the same prose, and `quotes` verbatim runs of it
    spread over its whole length (for timing quote anchoring alone)."""
    rng = random.Random(f"briefing-bench-big-{seed}-{megabytes}-{quotes}")
    target = int(megabytes * 1_000_000)
    paragraphs, size = [], 0
    while size < target:
        paragraph = " ".join(_paragraph(rng, rng.randint(3, 6)))
        paragraphs.append(paragraph)
        size += len(paragraph.encode("utf-8")) + 2
    picks = sorted(rng.sample(range(len(paragraphs)), quotes))
    found = []
    for at in picks:
        words = paragraphs[at].split(" ")
        width = min(len(words), rng.randint(6, 12))
        first = rng.randint(0, len(words) - width)
        found.append(" ".join(words[first: first + width]))
    rng.shuffle(found)
    return "\n\n".join(paragraphs) + "\n", found


def main() -> None:
    parser = argparse.ArgumentParser(description="Generate the synthetic benchmark corpus.")
    parser.add_argument("out", type=Path)
    parser.add_argument("--sources", type=int, default=100, help="number of seeds/sources (pages: one per five)")
    parser.add_argument("--claims", type=int, default=20, help="claims per source")
    parser.add_argument("--seed", type=int, default=1, help="random seed")
    args = parser.parse_args()
    manifest = generate(args.out, args.sources, claims=args.claims, seed=args.seed)
    print(f"{manifest['sources']} sources, {manifest['pages']} pages, {manifest['citations']} citations, "
          f"{manifest['seed_bytes'] / 1e6:.1f} MB of seed text in {args.out}")


if __name__ == "__main__":
    main()
