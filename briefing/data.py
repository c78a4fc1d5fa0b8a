"""Structured content (content/data/<name>.yaml): tables whose cells are inline Markdown citing claims.

Two kinds. A `table` (timeline, glossary, comparison) lists its `columns` and its `rows`; each row is
checked like a row of a Markdown table: it must cite, and its numbers must be in the quotes it cites.
A `matrix` is derived from the claims themselves: one row per shared fact id (the `fact:` field of
claims), one column per source, each cell citing the claims that report the fact."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from .cache import Memo
from .diagnostics import Diagnostics, Location, did_you_mean
from .load import Inputs
from .model import Page, Source
from .schema import Field, check
from .yamlfile import YList, YMap, load_yaml

FACT_FIELDS = (Field("id", pattern=r"[a-z0-9]+(?:-[a-z0-9]+)*", doc="A shared fact id, as in claims' `fact:`."),
               Field("label", doc="The fact, in words, as the row's header."))
TABLE_FIELDS = (Field("kind", choices=("table", "matrix"), doc="table: columns and rows; matrix: shared facts by source."),
                Field("caption", doc="The table's caption."),
                Field("columns", (YMap,), required=False, doc="A table's columns, in order: field: header label."),
                Field("rows", (YList,), required=False, doc="A table's rows: field: inline Markdown that cites."),
                Field("facts", (YList,), required=False, doc="A matrix's rows: the shared facts.",
                      item=Field("fact", (YMap,), fields=FACT_FIELDS)))


@dataclass(frozen=True)
class Cell:
    text: str
    loc: Location


@dataclass(frozen=True)
class Row:
    cells: tuple[Cell, ...]
    count: int | None = None
    """For a matrix: how many sources report the fact."""


@dataclass(frozen=True)
class Table:
    name: str
    path: str
    kind: str
    caption: str
    columns: tuple[str, ...]
    rows: tuple[Row, ...]


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


def parse_data(inputs: Inputs, sources: tuple[Source, ...], diag: Diagnostics, *, memo: Memo) -> dict[str, Table]:
    facts = tuple((s.key, s.label, tuple((c.id, c.fact) for c in s.claims if c.fact)) for s in sources)
    tables = {}
    for path, text in inputs.data.items():
        table = memo.get("data", path, (text, facts), partial(_data_file, path, text, sources), diag)
        if table is not None:
            tables[table.name] = table
    return tables


def _data_file(path: str, text: str, sources: tuple[Source, ...], diag: Diagnostics) -> Table | None:
    name = path.rsplit("/", 1)[-1].removesuffix(".yaml")
    doc = check(load_yaml(text, path, diag), TABLE_FIELDS, what="data file", where=Location(path), diag=diag)
    if doc is None:
        return None
    return _matrix(name, path, doc, sources, diag) if doc["kind"] == "matrix" else _table(name, path, doc, diag)


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
            rows.append(Row(tuple(Cell(str(row[key]), row.where(key)) for key in columns)))
    return Table(name, path, "table", doc["caption"], tuple(str(v) for v in columns.values()), tuple(rows))


def _matrix(name: str, path: str, doc: YMap, sources: tuple[Source, ...], diag: Diagnostics) -> Table | None:
    known = {c.fact for s in sources for c in s.claims if c.fact}
    rows = []
    for item, loc in zip(doc.get("facts") or [], getattr(doc.get("facts"), "item_locs", [])):
        fact = check(item, FACT_FIELDS, what="fact", where=loc, diag=diag)
        if fact is None:
            continue
        if fact["id"] not in known:
            diag.error(fact.where("id"), f"no claim reports fact '{fact['id']}'{did_you_mean(fact['id'], known)}", kind="data")
            continue
        cells = [Cell(fact["label"], fact.where("label"))]
        for source in sources:
            refs = [f"@{c.ref}" for c in source.claims if c.fact == fact["id"]]
            cells.append(Cell(f"Yes [{'; '.join(refs)}]" if refs else "", fact.where("id")))
        rows.append(Row(tuple(cells), count=sum(1 for c in cells[1:] if c.text)))
    columns = ("Fact", *(s.label for s in sources))
    return Table(name, path, "matrix", doc["caption"], columns, tuple(rows))
