"""Citations → claims: resolution, footnote numbering, back-links, coverage and grounding checks."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from markdown_it.token import Token

from .data import Table
from .diagnostics import Diagnostics, Location, did_you_mean
from .model import Claim, Corpus, Span
from .locate import Files, Region, number_location
from .numbers import Finding, ungrounded
from .prose import Reading, Unit


COUNTED = ("source", "text", "document")
"""Nouns whose count a sentence proves by its citations: "three sources" must cite three sources."""


@dataclass
class Document:
    """One Markdown text that renders on the page at `url`: a page body or a source summary."""

    url: str
    path: str
    tokens: list[Token]
    reading: Reading
    table: Table | None = None
    """Set when the document is a structured-data table: its tokens are rows of inline cells."""


@dataclass(frozen=True)
class Note:
    number: int
    claim: Claim
    span: Span | None
    """The passage; None for an absence claim, which has none (its note says what was searched for)."""
    uses: tuple[str, ...]
    """Ids of every marker citing this note on the page, in order (back-links a, b, c)."""


@dataclass
class Site:
    corpus: Corpus
    spans: dict[str, Span]
    documents: list[Document]
    proven: frozenset[str] = frozenset()
    """The refs of the absence claims whose seeds were searched and lack every term."""
    notes: dict[str, list[Note]] = field(default_factory=dict)
    """Per page URL, in order of first use."""
    cited_by: dict[str, list[str]] = field(default_factory=dict)
    """Per claim ref ('key:id'), the URLs of the pages citing it."""
    citations: int = 0


def resolve(corpus: Corpus, spans: dict[str, Span], documents: list[Document], diag: Diagnostics, *,
            proven: frozenset[str] = frozenset(), files: dict[str, str] | None = None) -> Site:
    """`files` holds the project's texts by path, to locate each number error at the number itself."""
    site = Site(corpus, spans, documents, proven)
    located = Files(files or {})
    names = corpus.config.names
    claims = {c.ref: c for s in corpus.sources for c in s.claims}
    anchored = {ref: c for ref, c in claims.items() if ref in spans or ref in proven}
    keys = {s.key for s in corpus.sources}
    slugs = {p.slug: p.url for p in corpus.pages}
    uses: dict[str, dict[str, list[str]]] = defaultdict(dict)
    numbers: dict[str, dict[str, int]] = defaultdict(dict)
    cited_by: dict[str, set[str]] = defaultdict(set)
    mentioned: dict[str, set[str]] = defaultdict(set)
    """Like cited_by, but also for claims whose quote failed: they are cited, whatever else is wrong."""
    for doc in documents:
        for cite in doc.reading.cites:
            cite.token.meta["marks"] = []  # documents are reused between incremental builds
    for doc in documents:
        for loc, message, kind in doc.reading.problems:
            diag.error(loc, message, kind=kind)
        page_uses = uses[doc.url]
        for cite in doc.reading.cites:
            if not _known(cite.key, cite.id, corpus, keys, claims, cite.loc, diag):
                continue
            mentioned[cite.ref].add(doc.url)
            if cite.ref not in anchored:
                continue
            if cite.ref not in page_uses:
                numbers[doc.url][cite.ref] = len(page_uses) + 1
            refs = page_uses.setdefault(cite.ref, [])
            number = numbers[doc.url][cite.ref]
            refs.append(f"fnref-{number}-{len(refs) + 1}")
            cite.token.meta["marks"].append((number, refs[-1]))
            cited_by[cite.ref].add(doc.url)
            site.citations += 1
        _check_units(doc, anchored, names, located, diag)
        _check_links(doc, slugs, corpus.unread, diag)
    site.notes = {url: [Note(i + 1, claims[ref], spans.get(ref), tuple(ids)) for i, (ref, ids) in enumerate(refs.items())]
                  for url, refs in uses.items()}
    site.cited_by = {ref: sorted(urls) for ref, urls in sorted(cited_by.items())}
    _check_claim_numbers(claims.values(), names, located, diag)
    if not corpus.incomplete:  # else what cites a claim may be in the part that could not be read
        _warn_uncited(corpus, {ref: sorted(urls) for ref, urls in mentioned.items()}, diag)
    return site


def _known(key: str, claim_id: str, corpus: Corpus, keys: set[str], claims: dict[str, Claim], loc: Location,
           diag: Diagnostics) -> bool:
    if key in corpus.flawed:
        # Its own errors are reported; a claim missing from it may be one of them, so is not blamed here.
        return f"{key}:{claim_id}" in claims
    if key not in keys:
        diag.error(loc, f"unknown source '{key}' in citation @{key}:{claim_id}{did_you_mean(key, keys)}", kind="unresolved")
        return False
    if f"{key}:{claim_id}" not in claims:
        ids = [ref.split(":", 1)[1] for ref in claims if ref.startswith(key + ":")]
        diag.error(loc, f"unknown claim '{claim_id}' in source '{key}'{did_you_mean(claim_id, ids)}", kind="unresolved")
        return False
    return True


def _check_units(doc: Document, claims: dict[str, Claim], names: tuple[str, ...], files: Files,
                 diag: Diagnostics) -> None:
    for index, unit in enumerate(doc.reading.units):
        if not unit.cites:
            if not unit.editorial and not unit.attempted:
                diag.error(unit.loc, f"uncited {unit.kind}: \"{_clip(unit.text)}\"", kind="uncited")
            continue
        if any(c.ref not in claims for c in unit.cites):
            continue  # unresolved or unanchored, already reported: grounding on a partial set would mislead
        evidence = [text for c in unit.cites for text in claims[c.ref].evidence]
        cited = ", ".join(f"@{c.ref}" for c in unit.cites)
        sources = len({c.key for c in unit.cites})  # "three sources" is proven by citing three
        for finding in ungrounded(unit.text, evidence, names, counts=dict.fromkeys(COUNTED, sources)):
            loc = number_location(finding.number, unit.text, _regions(doc, index, unit), files) or unit.loc
            if finding.name:
                what = (f"name '{finding.name}' is neither in the quote of any claim this {unit.kind} cites nor in "
                        f"`names:` in content/site.yaml{finding.hint}")
            else:
                what = f"number '{finding.number.text}' is not in the quote of any claim this {unit.kind} cites"
            _report(finding, loc, f"{what}{_instead(finding)} ({cited}): \"{_clip(unit.text)}\"", diag)


def _report(finding: Finding, loc: Location, message: str, diag: Diagnostics) -> None:
    """A figure the quotes lack is an error; so is a number word the quotes contradict ("five years" where a
    quote says "three years"). A number word that is merely unsupported ("two kinds of model") is a warning,
    an error under --strict: in prose such words are as often the editors' own counts as quantities."""
    if finding.number.word and not finding.name and finding.contradicts is None:
        diag.warning(loc, message, kind="number-word")
    else:
        diag.error(loc, message, kind="ungrounded")


def _instead(finding: Finding) -> str:
    return f"; a cited quote says '{finding.contradicts}'" if finding.contradicts else ""


def _regions(doc: Document, index: int, unit: Unit) -> list[Region]:
    """Where the unit's text comes from: its lines of Markdown, or the YAML values of a data row's cells."""
    if doc.table is not None:
        return [Region(cell.loc, indent=cell.indent) for cell in doc.table.rows[index].cells]
    return [Region(unit.loc, end_line=unit.end_line)]


def _check_claim_numbers(claims, names: tuple[str, ...], files: Files, diag: Diagnostics) -> None:
    for claim in claims:
        for finding in ungrounded(claim.claim, list(claim.evidence), names):
            region = Region(claim.claim_loc, indent=claim.loc.column)
            loc = number_location(finding.number, claim.claim, [region], files) or claim.claim_loc
            evidence = "one of its `absent` terms" if claim.type == "absence" else "in its quote"
            if finding.name:
                message = (f"name '{finding.name}' in claim '{claim.id}' is neither {evidence} nor in `names:` in "
                           f"content/site.yaml{finding.hint}")
            else:
                message = f"number '{finding.number.text}' in claim '{claim.id}' is not {evidence}{_instead(finding)}"
            _report(finding, loc, message, diag)


def _check_links(doc: Document, slugs: dict[str, str], unread: frozenset[str], diag: Diagnostics) -> None:
    """Links to pages by file name must name a page; each gets the page's site URL to render."""
    for token, loc in doc.reading.links:
        href = str(token.attrGet("href") or "")
        path, _, fragment = href.partition("#")
        if not path.endswith(".md"):
            continue
        slug = path.rsplit("/", 1)[-1].removesuffix(".md")
        if slug in unread:
            continue  # the page's own error is reported
        if slug not in slugs:
            diag.error(loc, f"link to unknown page '{path}'{did_you_mean(slug, slugs)}", kind="link")
            continue
        token.meta["page"] = slugs[slug] + (f"#{fragment}" if fragment else "")


def _warn_uncited(corpus: Corpus, cited_by: dict[str, list[str]], diag: Diagnostics) -> None:
    for source in corpus.sources:
        if not any(url != source.url for c in source.claims for url in cited_by.get(c.ref, [])):
            diag.warning(source.loc, f"no page cites source '{source.key}'", kind="uncited-source")
        for claim in source.claims:
            if claim.ref not in cited_by:
                diag.warning(claim.loc, f"claim '{claim.id}' is not cited anywhere", kind="uncited-claim")


def _clip(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
