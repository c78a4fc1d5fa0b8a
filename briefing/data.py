"""Structured content (content/data/<name>.yaml): tables whose cells are inline Markdown citing claims.

Two kinds. A `table` (timeline, glossary, comparison) lists its `columns` and its `rows`; each row is
checked like a row of a Markdown table: it must cite, and its numbers must be in the quotes it cites.
A `matrix` is derived from the claims themselves: one row per shared fact of content/facts.yaml (the ids
its `facts:` lists, or every declared fact), labelled by the registry, one column per source, each cell
citing the claims that carry the fact."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import partial
from typing import Any

from .cache import Memo
from .diagnostics import Diagnostics, Location, did_you_mean
from .load import Inputs
from .model import Fact, Page, Source
from .schema import Field, check
from .yamlfile import YList, YMap, load_yaml

TABLE_FIELDS = (Field("kind", choices=("table", "matrix"), doc="table: columns and rows; matrix: shared facts by source."),
                Field("caption", doc="The table's caption."),
                Field("columns", (YMap,), required=False, doc="A table's columns, in order: field: header label."),
                Field("rows", (YList,), required=False, doc="A table's rows: field: inline Markdown that cites."),
                Field("facts", (YList,), required=False, item=Field("fact", pattern=r"[a-z0-9]+(?:-[a-z0-9]+)*"),
                      doc="A matrix's rows: ids of facts declared in content/facts.yaml (default: all, in order)."),
                Field("count_heading", required=False, doc="A matrix's heading for the count column (default: Sources)."),
                Field("empty", required=False, doc="The text of an empty cell (default: —)."))
ONLY_FOR = {"columns": "table", "rows": "table", "facts": "matrix", "count_heading": "matrix"}
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
MARKDOWN_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
COUNT_HEADING = "Sources"
"""The default heading of a matrix's count column ("3 of 5"): neutral for any kind of document."""
EMPTY = "—"
"""The default text of an empty cell."""


@dataclass(frozen=True)
class Cell:
    text: str
    loc: Location
    indent: int | None = None
    """The column of the cell's key in its YAML mapping: a wrapped value continues on lines indented past it."""


@dataclass(frozen=True)
class Row:
    cells: tuple[Cell, ...]
    count: int | None = None
    """For a matrix: how many sources report the fact."""
    loc: Location | None = None
    """Where the row stands in the data file (its cells may come from another file: a matrix's labels)."""


@dataclass(frozen=True)
class Table:
    name: str
    path: str
    kind: str
    caption: str
    columns: tuple[str, ...]
    rows: tuple[Row, ...]
    count_heading: str = COUNT_HEADING
    empty: str = EMPTY


def check_usage(pages: tuple[Page, ...], tables: dict[str, Table], inputs: Inputs, diag: Diagnostics) -> None:
    """Every `data:` in front matter names a data file; every data file is shown by some page."""
    used = set()
    for page in pages:
        name = page.extra.get("data")
        if name is None:
            continue
        used.add(name)
        if name not in tables and f"content/data/{name}.yaml" not in inputs.data:
            diag.error(page.extra["data_loc"], f"no data file content/data/{name}.yaml{did_you_mean(name, tables)}", kind="data")
    for name, table in tables.items():
        if name not in used:
            diag.warning(Location(table.path), f"no page shows data file '{name}' (add `data: {name}` to a page)", kind="unused")


def parse_data(inputs: Inputs, sources: tuple[Source, ...], facts: tuple[Fact, ...], diag: Diagnostics, *,
               memo: Memo) -> dict[str, Table]:
    carried = tuple((s.key, s.label, tuple((c.id, c.fact) for c in s.claims if c.fact)) for s in sources)
    tables = {}
    for path, text in inputs.data.items():
        table = memo.get("data", path, (text, carried, facts), partial(_data_file, path, text, sources, facts), diag)
        if table is not None:
            tables[table.name] = table
    return tables


def _data_file(path: str, text: str, sources: tuple[Source, ...], facts: tuple[Fact, ...],
               diag: Diagnostics) -> Table | None:
    name = path.rsplit("/", 1)[-1].removesuffix(".yaml")
    doc = check(load_yaml(text, path, diag), TABLE_FIELDS, what="data file", where=Location(path), diag=diag)
    if doc is None:
        return None
    for key in doc:
        if ONLY_FOR.get(key, doc["kind"]) != doc["kind"]:
            diag.error(doc.key_locs[key], f"field '{key}' is for kind: {ONLY_FOR[key]}, not kind: {doc['kind']}",
                       kind="schema")
    if doc["kind"] == "matrix":
        return _matrix(name, path, doc, sources, facts, diag)
    return _table(name, path, doc, diag)


def _table(name: str, path: str, doc: YMap, diag: Diagnostics) -> Table | None:
    if "columns" not in doc or "rows" not in doc:
        diag.error(doc.loc, "a table needs 'columns' (field: header) and 'rows'", kind="schema")
        return None
    columns: YMap = doc["columns"]
    fields = tuple(Field(key) for key in columns)
    rows = []
    for item, loc in zip(doc["rows"], doc["rows"].item_locs):
        row = check(item, fields, what="row", where=loc, diag=diag)
        if row is not None:
            rows.append(Row(tuple(Cell(str(row[key]), row.where(key), row.loc.column) for key in columns), loc=row.loc))
    return Table(name, path, "table", doc["caption"], tuple(str(v) for v in columns.values()), tuple(rows),
                 empty=doc.get("empty", EMPTY))


def _matrix(name: str, path: str, doc: YMap, sources: tuple[Source, ...], facts: tuple[Fact, ...],
            diag: Diagnostics) -> Table:
    """One row per fact that some claim carries; a declared fact no claim carries has no row (the
    registry warns about it), since a row citing nothing could not stand."""
    rows = []
    for fact, loc in _matrix_facts(doc, facts, diag):
        cells = [Cell(MARKDOWN_PUNCTUATION.sub(r"\\\1", fact.label), fact.label_loc, fact.indent)]  # plain text
        for source in sources:
            refs = [f"@{c.ref}" for c in source.claims if c.fact == fact.id]
            cells.append(Cell(f"Yes [{'; '.join(refs)}]" if refs else "", loc))
        count = sum(1 for c in cells[1:] if c.text)
        if count:
            rows.append(Row(tuple(cells), count=count, loc=loc))
    columns = ("Fact", *(s.label for s in sources))
    return Table(name, path, "matrix", doc["caption"], columns, tuple(rows),
                 count_heading=doc.get("count_heading", COUNT_HEADING), empty=doc.get("empty", EMPTY))


def _matrix_facts(doc: YMap, facts: tuple[Fact, ...], diag: Diagnostics) -> list[tuple[Fact, Location]]:
    """The facts a matrix shows, each with the place that asks for it: the ids its `facts:` lists, in
    order, or every declared fact when it lists none."""
    if "facts" not in doc:
        return [(fact, doc.loc) for fact in facts]
    declared = {f.id: f for f in facts}
    chosen: dict[str, tuple[Fact, Location]] = {}
    for item, loc in zip(doc["facts"], doc["facts"].item_locs):
        problem = _fact_id_problem(item, declared, chosen)
        if problem:
            diag.error(loc, problem, kind="data")
        else:
            chosen[item] = (declared[item], loc)
    return list(chosen.values())


def _fact_id_problem(item: Any, declared: dict[str, Fact], chosen: dict[str, Any]) -> str | None:
    if isinstance(item, YMap):
        return ("a matrix lists fact ids only (- deal-lead): each fact and its label are declared in "
                "content/facts.yaml")
    if not isinstance(item, str) or not SLUG.fullmatch(item):
        return f"a matrix's 'facts' items are fact ids (lower-case letters, digits, dashes), not {item!r}"
    if item not in declared:
        return f"unknown fact '{item}': content/facts.yaml does not declare it{did_you_mean(item, declared)}"
    if item in chosen:
        return f"fact '{item}' is listed twice (first at line {chosen[item][1].line})"
    return None
