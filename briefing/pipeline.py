"""The build, one stage per line: load → parse → anchor → resolve → render → write."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

from markdown_it.token import Token

from .absence import prove_absences
from .anchor import anchor
from .buildcache import Parts, Rendered, Verdicts
from .cache import Memo, Same
from .data import Table, check_usage, parse_data
from .diagnostics import BuildFailed, Diagnostics, Location
from .facts import PATH as FACTS_PATH
from .facts import check_facts, parse_facts
from .load import GENERATOR, VENDOR, Inputs, Reads, load
from .markdown import markdown
from .locate import Files
from .model import Corpus, Page, Source
from .pages import check_titles, parse_config, parse_pages
from .parallel import prefill
from .prose import read
from .render import outputs, render
from .resolve import Document, KeptDocument, Site, check_claim_numbers, resolve
from .search import page_records
from .sources import parse_sources
from .targets import Target
from .theme import TemplateFailed, check_templates
from .write import write

HOSTED = Target()


@dataclass(frozen=True)
class Result:
    site: Site
    files: dict[str, bytes]
    inputs: Inputs


def verify(root: Path, diag: Diagnostics, *, target: Target = HOSTED, memo: Memo | None = None,
           gate: bool = True, reads: Reads | None = None, jobs: int = 1, inputs: Inputs | None = None,
           parts: Parts | None = None, verdicts: Verdicts | None = None) -> tuple[Site, Inputs]:
    """Everything but rendering: stops at a gate (BuildFailed) when the author must fix something.

    With a `memo` kept between calls (serve), only what depends on changed inputs is recomputed. With
    `gate=False` the site is returned whatever was found (for listings while the author works), unless
    there is no usable site.yaml. `jobs` > 1 first verifies the sources in that many forked processes
    while this one parses the pages (parallel.py; one-off builds only, like rendering's), taking what an
    earlier build verified of the same files from `parts` (the build cache's, see buildcache.py) and
    keeping there what it verifies. With `verdicts` (the build cache's too), a page whose verdict an
    earlier build kept is neither parsed nor checked again (resolve.KeptDocument), and each page's
    verdict is made ready to keep (with its search records). `inputs`, when given, were loaded already
    (their diagnostics are the caller's to report)."""
    memo = memo or Memo()
    inputs = inputs or load(root, diag, reads=reads)
    config = memo.get("config", "site.yaml", (inputs.site, target.base_url),
                      partial(parse_config, inputs, base_url=target.base_url), diag)
    kept = verdicts.found() if verdicts is not None else frozenset()
    prefill(memo, inputs, partial(_verify_files, config.names if config else (), kept=kept), jobs=jobs, parts=parts)
    sources, seeds, flawed = parse_sources(inputs, diag, memo=memo)
    facts, facts_ok = parse_facts(inputs, diag, memo=memo)
    check_facts(sources, facts, diag, registry_ok=facts_ok, sources_ok=not flawed)
    pages, unread = parse_pages(inputs, diag, memo=memo)
    tables = parse_data(inputs, sources, facts, diag, memo=memo)
    check_usage(pages, tables, inputs, diag)
    check_titles(config, pages, diag)
    memo.get("templates", "theme", tuple(sorted(inputs.templates.items())),
             partial(check_templates, inputs.templates, inputs.template_paths), diag)
    if config is None:
        diag.gate()
    assert config is not None
    # A content error may have dropped what cites a claim: then "not cited" could be false, so it is not said.
    corpus = Corpus(config=config, seeds=seeds, sources=sources, pages=pages, data=tables, flawed=flawed, facts=facts,
                    incomplete=bool(diag.errors), unread=unread)
    spans = anchor(sources, seeds, diag, memo=memo)
    proven = prove_absences(sources, seeds, diag, memo=memo)
    files = {**inputs.sources, **inputs.pages, **inputs.data, **({FACTS_PATH: inputs.facts} if inputs.facts else {})}
    site = resolve(corpus, spans, documents(corpus, inputs, diag, memo=memo, verdicts=verdicts), diag, proven=proven,
                   files=files, memo=memo, verdicts=verdicts is not None)
    if verdicts is not None:
        _with_records(site)
    if gate:
        diag.gate()
    return site, inputs


def _with_records(site: Site) -> None:
    """Each page verdict with its search records: made here for the pages resolved afresh."""
    claims = {c.ref: c for s in site.corpus.sources for c in s.claims}
    by_url = {doc.url: doc for doc in site.documents}
    for page in site.corpus.pages:
        verdict = site.verdicts.get(page.url)
        if verdict is not None and verdict.records is None:
            records = page_records(page.url, page.title, [by_url[page.url]], claims)
            site.verdicts[page.url] = replace(verdict, records=records)


def _verify_files(names: tuple[str, ...], part: Inputs, memo: Memo, *, kept: frozenset[str] = frozenset()) -> None:
    """The stages of `verify` that work file by file, run on a few of its files (in a worker: see
    parallel.py) to fill `memo` with what `verify` will then find there; the pages at the paths `kept`
    are not parsed (their verdicts are kept)."""
    diag = Diagnostics()
    sources, seeds, _ = parse_sources(part, diag, memo=memo)
    anchor(sources, seeds, diag, memo=memo)
    prove_absences(sources, seeds, diag, memo=memo)
    pages, _ = parse_pages(part, diag, memo=memo)
    for page in pages:
        if page.path not in kept:
            _page_document(page, part, memo, diag)
    files = Files(part.sources)
    for source in sources:
        _summary_document(source, part, memo, diag)
        check_claim_numbers(source, names, files, memo, diag)


def build(root: Path, diag: Diagnostics, *, target: Target = HOSTED, strict: bool = False,
          memo: Memo | None = None, jobs: int = 1, reads: Reads | None = None,
          later: dict[str, Callable[[], bytes]] | None = None) -> Result:
    """Verify, then render into memory. `jobs` > 1 renders pages in forked worker processes: only for
    one-off builds (forking a process that runs other threads, like serve, is unsafe). `later`: see
    `render.render` (serve: the whole-site indexes made after the pages are shown)."""
    memo = memo or Memo()
    site, inputs = _ready(root, diag, target=target, strict=strict, memo=memo, reads=reads)
    with _template_errors(diag):
        files = render(site, target, templates=inputs.templates, static=inputs.static, vendor=inputs.vendor,
                       memo=memo, jobs=jobs, paths=inputs.template_paths, later=later)
    return Result(site, files, inputs)


def publish(root: Path, out: Path, diag: Diagnostics, *, target: Target = HOSTED, strict: bool = False,
            jobs: int = 1, inputs: list[Inputs] | None = None, parts: Parts | None = None,
            record: Callable[[Iterator[tuple[str, bytes]]], Iterable[tuple[str, bytes]]] | None = None,
            reuse: Rendered | None = None, verdicts: Verdicts | None = None,
            link_unchanged: bool = False) -> tuple[Site, int]:
    """A one-off build written to `out`: verify, then render each page straight into the writer's
    staging folder, so the rendered site is never held in memory. Returns the site and the number of
    files written. Same bytes as `build`; `out` changes only once everything is written. `record`
    sees the files on their way to the writer (the build cache notes their digests). `inputs` may hold
    the inputs, loaded already: it is emptied, so that the caller does not keep them while rendering.
    `parts`, `verdicts`: see `verify` (the verdicts are kept once the site is written); `reuse`: see
    `render.outputs`; `link_unchanged`: see `write.write`."""
    with collector_paused() as verified:
        site, loaded = _ready(root, diag, target=target, strict=strict, memo=Memo(), jobs=jobs,
                              inputs=inputs.pop() if inputs else None, parts=parts, verdicts=verdicts)
        verified()
        # What was read to verify (source texts, seed bytes) is no longer needed: the site holds what renders.
        inputs = replace(loaded, sources={}, pages={}, data={}, seeds={})
        del loaded
        files = outputs(site, target, templates=inputs.templates, static=inputs.static, vendor=inputs.vendor,
                        memo=None, jobs=jobs, paths=inputs.template_paths, reuse=reuse)
        with _template_errors(diag):
            count = write(record(files) if record else files, out, link_unchanged=link_unchanged)
        if verdicts is not None:
            verdicts.save(site)
        return site, count


@contextmanager
def _template_errors(diag: Diagnostics) -> Iterator[None]:
    """A template that fails while rendering is the author's error, reported like any other; whatever
    was being written is discarded (the writer keeps the previous site)."""
    try:
        yield
    except TemplateFailed as failed:
        failed.report(diag)
        raise BuildFailed(diag) from None


@contextmanager
def collector_paused() -> Iterator[Callable[[], None]]:
    """For one-off builds and checks. Verifying allocates millions of objects that live to the end of the build
    (tokens, locations, claims) and no reference cycles, and Python's cycle collector would scan them
    again and again as they accumulate: a quarter of the build's time at N = 1,000. So it is paused
    until the caller says verification is done; then what verification built is frozen, so that the
    collections rendering needs (it does make cycles) skip it. On leaving, all is as it was."""
    enabled = gc.isenabled()
    gc.disable()

    def verified() -> None:
        gc.freeze()
        if enabled:
            gc.enable()

    try:
        yield verified
    finally:
        gc.unfreeze()
        if enabled:
            gc.enable()


def _ready(root: Path, diag: Diagnostics, *, target: Target, strict: bool, memo: Memo,
           reads: Reads | None = None, jobs: int = 1, inputs: Inputs | None = None,
           parts: Parts | None = None, verdicts: Verdicts | None = None) -> tuple[Site, Inputs]:
    """Verify, and check that what rendering needs is installed: the last gate before any output."""
    site, inputs = verify(root, diag, target=target, memo=memo, reads=reads, jobs=jobs, inputs=inputs, parts=parts,
                          verdicts=verdicts)
    if set(VENDOR) - set(inputs.vendor):
        diag.error(Location("package.json"), "the search library (npm package minisearch) is not installed: "
                   f"run `npm ci --ignore-scripts` in the generator's folder ({GENERATOR})", kind="setup")
    diag.gate(strict=strict)
    return site, inputs


def documents(corpus: Corpus, inputs: Inputs, diag: Diagnostics, *, memo: Memo,
              verdicts: Verdicts | None = None) -> list[Document]:
    """Every Markdown text of the site, parsed, in the order its page renders it (but a page whose
    verdict `verdicts` holds, parsed only if its tokens are asked for: resolve.KeptDocument)."""
    docs: list[Document] = []
    for page in corpus.pages:
        table = corpus.data.get(page.extra.get("data") or "")
        verdict = verdicts.get(page.path) if verdicts is not None and table is None else None
        if verdict is not None:
            docs.append(KeptDocument(page.url, page.path, verdict,
                                     partial(_parsing(page, inputs.pages[page.path]), Diagnostics())))
        else:
            docs.append(_page_document(page, inputs, memo, diag))
        if table is not None:
            docs.append(memo.get("table-doc", table.path, (page.url, table),
                                 partial(_table_document, page.url, table, inputs), diag))
    # The summaries after the pages, all at once while no source changed (see parse_sources).
    docs += memo.get("all-summaries", "", Same(corpus.sources),
                     lambda d: [_summary_document(source, inputs, memo, d) for source in corpus.sources], diag)
    return docs


def _page_document(page: Page, inputs: Inputs, memo: Memo, diag: Diagnostics) -> Document:
    text = inputs.pages[page.path]
    return memo.get("page-doc", page.path, (text, page), _parsing(page, text), diag)


def _parsing(page: Page, text: str) -> Callable[[Diagnostics], Document]:
    """What parses the page whose file holds `text`."""
    return partial(_document, page.url, page.path, page.body, text, first_line=page.body_line,
                   editorial=page.editorial)


def _summary_document(source: Source, inputs: Inputs, memo: Memo, diag: Diagnostics) -> Document:
    text = inputs.sources[source.path]
    return memo.get("summary-doc", source.path, (text, source.summary_loc), partial(
        _document, source.url, source.path, source.summary, text, first_line=source.summary_loc.line), diag)


def _document(url: str, path: str, markdown_text: str, file_text: str, _: Diagnostics, *, first_line: int,
              editorial: bool = False) -> Document:
    # Ended by a newline: mdit-py-plugins' container rule (0.7.0) reads past the text's end when its last line
    # is an empty line of a block quote (">:::editorial\n>"); the newline changes no token and no line map.
    tokens = markdown().parse(markdown_text if markdown_text.endswith("\n") else markdown_text + "\n")
    reading = read(tokens, path=path, first_line=first_line, lines=file_text.splitlines(), editorial=editorial)
    return Document(url, path, tokens, reading)


def _table_document(url: str, table: Table, inputs: Inputs, _: Diagnostics) -> Document:
    """A table's rows as tr_open / inline cell / tr_close tokens, each cell mapped to its YAML line."""
    md = markdown()
    tokens = []
    for row in table.rows:
        opening = Token("tr_open", "tr", 1)
        # A row is located at its first cell, so its errors point into the YAML; a matrix's first cell (its
        # label) is in content/facts.yaml, so a matrix row is located where the data file asks for the fact.
        first = row.cells[0].loc if row.cells and row.cells[0].loc.path == table.path else row.loc
        if first is not None:
            opening.map = [first.line - 1, first.line]
            opening.meta = {"column": first.column}
        tokens.append(opening)
        for cell in row.cells:
            inline = md.parseInline(cell.text)[0] if cell.text.strip() else Token("inline", "", 0)
            inline.children = inline.children or []
            line = cell.loc.line if cell.loc.path == table.path or first is None else first.line
            inline.map = [line - 1, line]
            tokens.append(inline)
        tokens.append(Token("tr_close", "tr", -1))
    lines = inputs.data[table.path].splitlines()
    return Document(url, table.path, tokens, read(tokens, path=table.path, first_line=1, lines=lines), table)
