"""Citations → claims: resolution, footnote numbering, back-links, coverage and grounding checks."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from markdown_it.token import Token

from .cache import Memo, Same, SameItems
from .data import Table
from .diagnostics import Diagnostic, Diagnostics, Location, did_you_mean
from .frozen import pickled
from .locate import Files, Region, number_location
from .model import Claim, Corpus, Source, Span
from .numbers import Finding, ungrounded
from .prose import Cite, Reading, Unit


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
class Verdict:
    """What resolving a page of one document found, as plain data: the diagnostics it gave, each
    claim it numbered with the ids of its markers (in order of first use), the citations it counted,
    the claims it names, and its search records (search.py, encoded). The build cache keeps it
    (buildcache.Verdicts), so that a later build of the same page text, against the same everything
    else, takes it instead of parsing and checking the page again (`KeptDocument`)."""

    diagnostics: tuple[Diagnostic, ...]
    uses: tuple[tuple[str, tuple[str, ...]], ...]
    citations: int
    mentioned: tuple[str, ...]
    records: tuple[bytes, ...] | None = None


class KeptDocument(Document):
    """A page's document whose `Verdict` an earlier build kept: resolving takes the verdict instead of
    reading the page, and the page is parsed only if something asks for its tokens or its reading (to
    render it, when the file an earlier build rendered shows something else now). Parsed then, its
    citation markers and page links are set as resolving would have set them (`finish`, set by
    `resolve` when it took the verdict): the page renders the same either way. A verdict that does not
    fit the claims resolving sees is dropped, and the page is resolved as any other."""

    def __init__(self, url: str, path: str, verdict: Verdict, make: Callable[[], Document]) -> None:
        self.url, self.path, self.table = url, path, None
        self.verdict: Verdict | None = verdict
        self.finish: Callable[[Document], None] | None = None
        self._make = make

    def __getattr__(self, name: str) -> Any:
        if name not in ("tokens", "reading"):
            raise AttributeError(name)
        made = self._make()
        self.tokens, self.reading = made.tokens, made.reading
        if self.finish is not None:
            self.finish(self)
        return getattr(self, name)


@pickled
@dataclass(frozen=True, slots=True)
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
    verdicts: dict[str, Verdict] = field(default_factory=dict)
    """Per URL of a page of one document (no data table), what resolving it found (see `Verdict`), when
    `resolve` is asked for them (the build cache keeps them: not `serve`, whose memo does that work)."""
    cited_by: dict[str, list[str]] = field(default_factory=dict)
    """Per claim ref ('key:id'), the URLs of the pages citing it."""
    citations: int = 0


def resolve(corpus: Corpus, spans: dict[str, Span], documents: list[Document], diag: Diagnostics, *,
            proven: frozenset[str] = frozenset(), files: dict[str, str] | None = None, memo: Memo | None = None,
            verdicts: bool = False) -> Site:
    """`files` holds the project's texts by path, to locate each number error at the number itself. With
    `verdicts`, each page of one document gets its `Verdict` in the site (a `KeptDocument`'s is taken
    whatever `verdicts` says).

    Numbering and the "cited by" lists are global but cheap; the number checks are most of the work, and
    each depends only on one document (or one source) and the evidence of the claims it cites, so with a
    `memo` they are redone only for what an edit touched."""
    memo = memo or Memo()
    site = Site(corpus, spans, documents, proven)
    located = Files(files or {})
    names = corpus.config.names
    # What every citation resolves to, as one value: while no source changed, a page whose documents are
    # the same is numbered and checked as before without looking at its citations one by one.
    state = Same(memo.intern("resolve-state", (corpus.sources, spans, proven, corpus.flawed)))
    known = memo.value("known", "", state, partial(_Known, corpus.sources, spans, proven, corpus.flawed))
    slugs = {p.slug: p.url for p in corpus.pages}
    by_url: dict[str, list[Document]] = {}
    for doc in documents:
        by_url.setdefault(doc.url, []).append(doc)
    page_urls = {p.url for p in corpus.pages}
    numbered_by_url = {}
    for url, docs in by_url.items():
        if url in page_urls:
            numbered_by_url[url] = _resolved(site, url, docs, state, known, names, slugs, corpus.unread, located, memo,
                                             diag, verdicts=verdicts)
    # The source pages' documents (the summaries): while no source changed, they are the same objects
    # and cite the same claims, so all of them are taken at once.
    summaries = {url: docs for url, docs in by_url.items() if url not in page_urls}
    numbered_by_url |= memo.get(
        "all-summary-notes", "", (state, SameItems(d for docs in summaries.values() for d in docs), tuple(summaries),
                                  names, tuple(slugs.items()), corpus.unread),
        lambda d: {url: _resolve_page(url, docs, state, known, names, slugs, corpus.unread, located, memo, d)
                   for url, docs in summaries.items()}, diag)
    for url, numbered in numbered_by_url.items():
        site.notes[url] = numbered.notes
        site.citations += numbered.citations
    refs = tuple((url, n.cited, n.mentioned) for url, n in numbered_by_url.items())
    site.cited_by, mentioned = memo.value("cited-by", "", refs, partial(_cited_by, refs))
    memo.get("all-claim-numbers", "", (Same(corpus.sources), names),
             lambda d: [check_claim_numbers(source, names, located, memo, d) for source in corpus.sources], diag)
    if not corpus.incomplete:  # else what cites a claim may be in the part that could not be read
        memo.get("uncited", "", (corpus.sources, Same(mentioned)), partial(_warn_uncited, corpus, mentioned), diag)
    return site


def _resolved(site: Site, url: str, docs: list[Document], state: Same, known: _Known, names: tuple[str, ...],
              slugs: dict[str, str], unread: frozenset[str], located: Files, memo: Memo,
              diag: Diagnostics, *, verdicts: bool) -> _Numbered:
    """A briefing page resolved, or taken from its kept verdict; with `verdicts`, a page of one document
    gets its verdict in `site.verdicts` either way."""
    one = docs[0] if len(docs) == 1 and docs[0].table is None else None
    verdict = one.verdict if isinstance(one, KeptDocument) else None
    if verdict is not None and known.fits(verdict):
        assert isinstance(one, KeptDocument)
        one.finish = partial(_finish, url, known, slugs, unread)
        diag.items.extend(verdict.diagnostics)
        site.verdicts[url] = verdict
        return _numbered(known, verdict.uses, verdict.citations, verdict.mentioned)
    if isinstance(one, KeptDocument):
        one.verdict = None  # made for other claims: resolved below from the page itself
    if not verdicts:
        return _resolve_page(url, docs, state, known, names, slugs, unread, located, memo, diag)
    found = Diagnostics()
    numbered = _resolve_page(url, docs, state, known, names, slugs, unread, located, memo, found)
    diag.items.extend(found.items)
    if one is not None:
        site.verdicts[url] = Verdict(tuple(found.items), tuple((n.claim.ref, n.uses) for n in numbered.notes),
                                     numbered.citations, numbered.mentioned)
    return numbered


def _finish(url: str, known: _Known, slugs: dict[str, str], unread: frozenset[str], doc: Document) -> None:
    """Set a kept page's markers and links, once it is parsed, as resolving it would have (its
    diagnostics were the verdict's)."""
    _number(url, [doc], known, Diagnostics())
    _check_links(doc, slugs, unread, Diagnostics())


def _resolve_page(url: str, docs: list[Document], state: Same, known: _Known, names: tuple[str, ...],
                  slugs: dict[str, str], unread: frozenset[str], located: Files, memo: Memo,
                  diag: Diagnostics) -> _Numbered:
    """One page's notes, numbered, and its checks: its numbers against its quotes, and its links."""
    # Footnote numbers count within a page, so each page is numbered on its own, again only when its
    # documents or the state of a claim they cite changed.
    same = tuple(Same(d) for d in docs)
    found, statuses = memo.lookup("statuses", url, (same, state))
    if not found:
        statuses = tuple(known.statuses(doc.reading.cites) for doc in docs)
        memo.store("statuses", url, (same, state), statuses)
    numbered = memo.get("numbers", url, (same, statuses), partial(_number, url, docs, known), diag)
    for doc, cites in zip(docs, statuses):
        memo.get("units", f"{url}|{doc.path}", (Same(doc), names, cites),
                 partial(_check_units, doc, known.anchored, names, located), diag)
        _check_links(doc, slugs, unread, diag)
    return numbered


def check_claim_numbers(source: Source, names: tuple[str, ...], files: Files, memo: Memo, diag: Diagnostics) -> None:
    """Every number in a source's claims is in its quote (or its absent terms)."""
    memo.get("claim-numbers", source.path, (source, names), partial(_check_claim_numbers, source.claims, names, files), diag)


def _cited_by(refs: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Per claim ref, the sorted URLs citing it; and the same counting citations of unanchored claims."""
    cited_by: dict[str, set[str]] = defaultdict(set)
    mentioned: dict[str, set[str]] = defaultdict(set)
    for url, cited, named in refs:
        for ref in cited:
            cited_by[ref].add(url)
        for ref in named:
            mentioned[ref].add(url)
    return ({ref: sorted(urls) for ref, urls in sorted(cited_by.items())},
            {ref: sorted(urls) for ref, urls in mentioned.items()})


class _Known:
    """What a citation resolves to, as a value a memo key can hold: the claim and its passage when it is
    anchored (or a proven absence), False when it is known but not anchored, else what the error about it
    would say depends on."""

    def __init__(self, sources: tuple[Source, ...], spans: dict[str, Span], proven: frozenset[str],
                 flawed: frozenset[str]) -> None:
        self.claims = {c.ref: c for s in sources for c in s.claims}
        self.spans, self.flawed = spans, flawed
        self.anchored = {ref: c for ref, c in self.claims.items() if ref in spans or ref in proven}
        self.keys = frozenset(s.key for s in sources)

    def statuses(self, cites: list[Cite]) -> tuple[Any, ...]:
        """`status` of each citation, made for a whole page at once where every one is anchored (the
        common case: a source edit has every page's statuses made again)."""
        refs = [c.ref for c in cites]
        if not all(map(self.anchored.__contains__, refs)):  # membership in C: `None in claims` would call
            return tuple(map(self.status, cites))               # each Claim's Python __eq__
        return tuple(zip(map(self.anchored.__getitem__, refs), map(self.spans.get, refs)))

    def status(self, cite: Cite) -> Any:
        ref = cite.ref
        if ref in self.anchored:
            return self.anchored[ref], self.spans.get(ref)
        if ref in self.claims:
            return False
        if cite.key in self.flawed:
            return "flawed"
        return "unknown", cite.key, self.keys, tuple(r for r in self.claims if r.startswith(cite.key + ":"))

    def check(self, cite: Cite, diag: Diagnostics) -> bool:
        return _known(cite.key, cite.id, self.flawed, self.keys, self.claims, cite.loc, diag)

    def fits(self, verdict: Verdict) -> bool:
        """Whether every claim a verdict numbers is anchored here and every one it names is known."""
        return all(ref in self.anchored for ref, _ in verdict.uses) and all(ref in self.claims for ref in verdict.mentioned)


@dataclass(frozen=True)
class _Numbered:
    notes: list[Note]
    citations: int
    cited: tuple[str, ...]
    mentioned: tuple[str, ...]


def _number(url: str, docs: list[Document], known: _Known, diag: Diagnostics) -> _Numbered:
    """One page's footnotes: numbers in order of first use, back-link ids, and each marker's numbers
    (set on its token, which the page renders; a memo hit leaves them as this call set them)."""
    uses: dict[str, list[str]] = {}
    numbers: dict[str, int] = {}
    mentioned: dict[str, None] = {}
    citations = 0
    for doc in docs:
        for cite in doc.reading.cites:
            cite.token.meta["marks"] = []  # one token holds every citation of a [@a:x; @b:y]
    for doc in docs:
        for loc, message, kind in doc.reading.problems:
            diag.error(loc, message, kind=kind)
        for cite in doc.reading.cites:
            if not known.check(cite, diag):
                continue
            mentioned[cite.ref] = None
            if cite.ref not in known.anchored:
                continue
            number = numbers.setdefault(cite.ref, len(numbers) + 1)
            refs = uses.setdefault(cite.ref, [])
            refs.append(f"fnref-{number}-{len(refs) + 1}")
            cite.token.meta["marks"].append((number, refs[-1]))
            citations += 1
    return _numbered(known, tuple((ref, tuple(ids)) for ref, ids in uses.items()), citations, tuple(mentioned))


def _numbered(known: _Known, uses: tuple[tuple[str, tuple[str, ...]], ...], citations: int,
              mentioned: tuple[str, ...]) -> _Numbered:
    """A page's notes, from each claim it numbers with its markers' ids, in order of first use."""
    notes = [Note(i + 1, known.claims[ref], known.spans.get(ref), ids) for i, (ref, ids) in enumerate(uses)]
    return _Numbered(notes, citations, tuple(ref for ref, _ in uses), mentioned)


def _known(key: str, claim_id: str, flawed: frozenset[str], keys: frozenset[str], claims: dict[str, Claim],
           loc: Location, diag: Diagnostics) -> bool:
    if key in flawed:
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
