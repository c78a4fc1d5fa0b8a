"""JSON Schemas for the project's YAML files, made from the same `Field` definitions the build checks,
so an editor (via the `# yaml-language-server: $schema=…` line) warns as the author types about exactly
what the build would reject, and explains each field on hover.

What a schema cannot say is left to the build: that a quote is in its seed, that a table row has the
table's columns, that furniture lines are in order."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from .data import TABLE_FIELDS
from .facts import REGISTRY_FIELDS
from .model import PartialDate
from .pages import PAGE_FIELDS, SITE_FIELDS
from .schema import Field
from .sources import SOURCE_FIELDS
from .yamlfile import YList, YMap

DRAFT = "https://json-schema.org/draft/2020-12/schema"
FOLDER = "schemas"
"""Where a project keeps them (written by `briefing new` and `briefing schemas`)."""
NOT_BLANK = r"\S"
PARTIAL_DATE = r"^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$"


def schemas() -> dict[str, dict[str, Any]]:
    """File name → schema, for the files of a project."""
    return {
        "site.json": _document("content/site.yaml", "The site's title, description, address and language.", SITE_FIELDS),
        "source.json": _source(),
        "page.json": _document("Front matter of content/pages/<slug>.md", "A page's title, description and place.",
                               PAGE_FIELDS),
        "data.json": _data(),
        "facts.json": _document("content/facts.yaml", "The registry of shared facts: each with its id and label.",
                                REGISTRY_FIELDS),
    }


def rendered() -> dict[str, bytes]:
    """Each schema as its file's bytes: stable key order, so regenerating changes nothing that did not change."""
    return {name: (json.dumps(schema, indent=2, ensure_ascii=False) + "\n").encode() for name, schema in schemas().items()}


ABSENCE = {"if": {"properties": {"type": {"const": "absence"}}, "required": ["type"]},
           "then": {"required": ["absent"], "not": {"required": ["quote"]}},
           "else": {"required": ["quote"], "not": {"required": ["absent"]}}}
"""The one rule across fields (sources.py, `_absent`): an absence claim has `absent:` and no quote, every
other claim a quote and no `absent:`."""


def _source() -> dict[str, Any]:
    schema = _document("content/sources/<key>.yaml", "One source: the seed it rests on, its metadata, an own-words "
                       "summary and the claims with their quotes.", SOURCE_FIELDS)
    claims = schema["properties"]["claims"]
    claims["items"] = {**claims["items"], **ABSENCE}
    return schema


def _document(title: str, description: str, fields: tuple[Field, ...]) -> dict[str, Any]:
    return {"$schema": DRAFT, "title": title, "description": description, **_object(fields)}


def _object(fields: tuple[Field, ...]) -> dict[str, Any]:
    return {"type": "object", "properties": {f.name: field_schema(f) for f in fields},
            "required": [f.name for f in fields if f.required], "additionalProperties": False}


def field_schema(spec: Field) -> dict[str, Any]:
    """One field: its type(s), constraints and description; null allowed when it is nullable."""
    options = [_typed(t, spec) for t in spec.types]
    schema = options[0] if len(options) == 1 else {"anyOf": options}
    if spec.nullable:
        schema = {"anyOf": [schema, {"type": "null"}]}
    if spec.doc:
        schema = {"description": spec.doc, **schema}
    return schema


def _typed(kind: type, spec: Field) -> dict[str, Any]:
    if kind is str:
        if spec.choices:
            return {"enum": list(spec.choices)}
        return {"type": "string", "pattern": f"^(?:{spec.pattern})$" if spec.pattern else NOT_BLANK}
    if kind is bool:
        return {"type": "boolean"}
    if kind is int:
        return {"type": "integer", **({"minimum": spec.minimum} if spec.minimum is not None else {})}
    if kind is float:
        return {"type": "number"}
    if kind is PartialDate:  # a year is a YAML integer; "2004-01" and 2004-01-15 are strings to an editor
        return {"type": ["string", "integer"], "pattern": PARTIAL_DATE, "minimum": 1000, "maximum": 9999}
    if kind is dt.date:
        return {"type": "string", "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}
    if kind is YList:
        return {"type": "array", **({"items": _item(spec.item)} if spec.item else {})}
    if kind is YMap:
        return _object(spec.fields) if spec.fields else {"type": "object"}
    raise TypeError(f"no JSON Schema for {kind}")


def _item(spec: Field) -> dict[str, Any]:
    return _object(spec.fields) if spec.fields else field_schema(spec)


def _data() -> dict[str, Any]:
    """A data file: a table (columns and rows of inline Markdown) or a matrix (facts). Row keys are the
    table's own column names, so only their values' type can be given."""
    schema = _document("content/data/<name>.yaml", "A structured table shown by the page whose front matter "
                       "names it: a `table` with columns and rows, or a `matrix` of shared facts.", TABLE_FIELDS)
    properties = schema["properties"]
    properties["columns"] = {**properties["columns"], "additionalProperties": {"type": "string"}}
    properties["rows"] = {**properties["rows"], "items": {"type": "object", "additionalProperties": {"type": "string"}}}
    return schema


def schema_line(path: str) -> str:
    """The comment that points YAML editors at the schema, for a file at `path` (project-relative)."""
    special = {"content/site.yaml": "site.json", "content/facts.yaml": "facts.json"}
    name = special.get(path) or ("data.json" if path.startswith("content/data/") else "source.json")
    return f"# yaml-language-server: $schema={'../' * path.count('/')}{FOLDER}/{name}\n"
