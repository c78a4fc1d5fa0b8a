"""The build, one stage per line: load → parse → anchor → resolve → render → write."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from markdown_it.token import Token

from .anchor import anchor
from .data import Table, check_usage, parse_data
from .diagnostics import Diagnostics
from .load import Inputs, load
from .markdown import markdown
from .model import Corpus
from .pages import parse_config, parse_pages
from .prose import read
from .render import render
from .resolve import Document, Site, resolve
from .sources import parse_sources
from .targets import Target


@dataclass(frozen=True)
class Result:
    site: Site
    files: dict[str, bytes]
    inputs: Inputs


def verify(root: Path, diag: Diagnostics, *, target: Target = Target()) -> tuple[Site, Inputs]:
    """Everything but rendering: stops at a gate (BuildFailed) when the author must fix something."""
    inputs = load(root, diag)
    config = parse_config(inputs, diag, base_url=target.base_url)
    sources, seeds, flawed = parse_sources(inputs, diag)
    pages = parse_pages(inputs, diag)
    tables = parse_data(inputs, sources, diag)
    check_usage(pages, tables, inputs, diag)
    if config is None:
        diag.gate()
    assert config is not None
    corpus = Corpus(config=config, seeds=seeds, sources=sources, pages=pages, data=tables, flawed=flawed)
    spans = anchor(sources, seeds, diag)
    site = resolve(corpus, spans, documents(corpus, inputs), diag)
    diag.gate()
    return site, inputs


def build(root: Path, diag: Diagnostics, *, target: Target = Target(), strict: bool = False) -> Result:
    site, inputs = verify(root, diag, target=target)
    diag.gate(strict=strict)
    files = render(site, target, templates=inputs.templates, static=inputs.static)
    return Result(site, files, inputs)


def documents(corpus: Corpus, inputs: Inputs) -> list[Document]:
    """Every Markdown text of the site, parsed, in the order its page renders it."""
    md = markdown()
    docs = []
    for page in corpus.pages:
        lines = inputs.pages[page.path].splitlines()
        tokens = md.parse(page.body)
        reading = read(tokens, path=page.path, first_line=page.body_line, lines=lines, editorial=page.editorial)
        docs.append(Document(page.url, page.path, tokens, reading))
        if page.extra.get("data") in corpus.data:
            docs.append(_table_document(page.url, corpus.data[page.extra["data"]], inputs))
    for source in corpus.sources:
        lines = inputs.sources[source.path].splitlines()
        tokens = md.parse(source.summary)
        reading = read(tokens, path=source.path, first_line=source.summary_loc.line, lines=lines)
        docs.append(Document(source.url, source.path, tokens, reading))
    return docs


def _table_document(url: str, table: Table, inputs: Inputs) -> Document:
    """A table's rows as tr_open / inline cell / tr_close tokens, each cell mapped to its YAML line."""
    md = markdown()
    tokens = []
    for row in table.rows:
        tokens.append(Token("tr_open", "tr", 1))
        for cell in row.cells:
            inline = md.parseInline(cell.text)[0] if cell.text.strip() else Token("inline", "", 0)
            inline.children = inline.children or []
            inline.map = [cell.loc.line - 1, cell.loc.line]
            tokens.append(inline)
        tokens.append(Token("tr_close", "tr", -1))
    lines = inputs.data[table.path].splitlines()
    return Document(url, table.path, tokens, read(tokens, path=table.path, first_line=1, lines=lines), table)
