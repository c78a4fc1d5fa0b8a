"""Declarative field checks for YAML mappings: every problem reported, located, with a suggestion.

The same `Field` definitions are the source of the JSON Schemas editors use as the author types
(`jsonschemas.py`): what a field means (`doc`), its type, pattern, choices and, for a list or a mapping,
the spec of its items or fields."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from .diagnostics import Diagnostics, Location, did_you_mean
from .model import PartialDate
from .yamlfile import INVALID, YList, YMap

TYPE_NAMES = {str: "a string", int: "an integer", float: "a number", bool: "true or false",
              dt.date: "a date (YYYY-MM-DD)", PartialDate: "a date (YYYY, YYYY-MM or YYYY-MM-DD)",
              YList: "a list", YMap: "a mapping"}


@dataclass(frozen=True)
class Field:
    name: str
    types: tuple[type, ...] = (str,)
    required: bool = True
    nullable: bool = False
    pattern: str | None = None
    choices: tuple[str, ...] = ()
    minimum: int | None = None
    """For a number: the least value allowed."""
    doc: str = ""
    """What the field holds, in a sentence: shown by editors as the author types."""
    item: Field | None = None
    """For a list: the spec every item must meet."""
    fields: tuple[Field, ...] = ()
    """For a mapping (or a list item that is one): its fields."""


def type_name(value: Any) -> str:
    if value is None:
        return "null"
    for kind, name in TYPE_NAMES.items():
        if type(value) is kind or (kind is YList and isinstance(value, list)):
            return name
    return type(value).__name__


def check(value: Any, fields: tuple[Field, ...], *, what: str, where: Location, diag: Diagnostics,
          deferred: tuple[str, ...] = ()) -> YMap | None:
    """Check a mapping against its fields; return it when every field is usable, else None."""
    mapping, bad = check_fields(value, fields, what=what, where=where, diag=diag, deferred=deferred)
    return mapping if mapping is not None and not bad else None


def check_fields(value: Any, fields: tuple[Field, ...], *, what: str, where: Location, diag: Diagnostics,
                 deferred: tuple[str, ...] = ()) -> tuple[YMap | None, frozenset[str]]:
    """Check a mapping against its fields, reporting every problem; return the mapping (None when it is not
    one) and the names of the fields that are missing or unusable, so the caller can go on with the rest
    and report their problems too. A missing field named in `deferred` is the caller's to report."""
    if value is INVALID:
        return None, frozenset()
    if not isinstance(value, YMap):
        diag.error(getattr(value, "loc", where), f"{what} must be a mapping, not {type_name(value)}", kind="schema")
        return None, frozenset()
    names = {f.name for f in fields}
    for key in value:
        if key not in names:
            diag.error(value.key_locs[key], f"unknown field '{key}' in {what}{did_you_mean(key, names)}", kind="schema")
    bad = frozenset(spec.name for spec in fields if not _check_field(value, spec, what, diag, deferred))
    return value, bad


def _check_field(mapping: YMap, spec: Field, what: str, diag: Diagnostics, deferred: tuple[str, ...]) -> bool:
    if spec.name not in mapping:
        if spec.required and spec.name not in deferred:
            diag.error(mapping.loc, f"missing required field '{spec.name}' in {what}", kind="schema")
        return not spec.required
    value, loc = mapping[spec.name], mapping.where(spec.name)
    if value is None:
        if spec.nullable:
            return True
        diag.error(loc, f"field '{spec.name}' must not be empty", kind="schema")
        return False
    if PartialDate in spec.types and not isinstance(value, (bool, YList, YMap)) and PartialDate.parse(value) is None:
        diag.error(loc, f"field '{spec.name}' is '{value}', which is not {TYPE_NAMES[PartialDate]}", kind="schema")
        return False
    if not _is(value, spec.types):
        wanted = " or ".join(TYPE_NAMES.get(t, t.__name__) for t in spec.types)
        diag.error(loc, f"field '{spec.name}' must be {wanted}, not {type_name(value)}", kind="schema")
        return False
    if spec.choices and value not in spec.choices:
        diag.error(loc, f"field '{spec.name}' is '{value}', expected one of: {', '.join(spec.choices)}"
                   f"{did_you_mean(str(value), spec.choices)}", kind="schema")
        return False
    if spec.minimum is not None and value < spec.minimum:
        diag.error(loc, f"field '{spec.name}' is {value}, and must be at least {spec.minimum}", kind="schema")
        return False
    if spec.pattern and not re.fullmatch(spec.pattern, str(value)):
        diag.error(loc, f"field '{spec.name}' is '{value}', which does not match {spec.pattern}", kind="schema")
        return False
    if isinstance(value, str) and not value.strip():
        diag.error(loc, f"field '{spec.name}' must not be blank", kind="schema")
        return False
    return True


def _is(value: Any, types: tuple[type, ...]) -> bool:
    if PartialDate in types and isinstance(value, (int, str)) and not isinstance(value, bool):
        return PartialDate.parse(value) is not None
    if isinstance(value, bool):
        return bool in types
    if PartialDate in types and PartialDate.parse(value) is not None:
        return True
    if isinstance(value, dt.datetime):
        return False
    return isinstance(value, types) or (float in types and isinstance(value, int))


def strings(value: Any, spec: Field, *, where: Location, diag: Diagnostics) -> tuple[str, ...]:
    """A list of plain strings (e.g. topics) meeting `spec.item`; each bad item reported at its own line."""
    if value is None:
        return ()
    if not isinstance(value, YList):
        diag.error(where, f"field '{spec.name}' must be a list of strings, not {type_name(value)}", kind="schema")
        return ()
    pattern = spec.item.pattern if spec.item and spec.item.pattern else r".*\S.*"
    good = []
    for item, loc in zip(value, value.item_locs):
        if isinstance(item, str) and re.fullmatch(pattern, item):
            good.append(item)
        else:
            diag.error(loc, f"'{spec.name}' items must match {pattern}, not {item!r}", kind="schema")
    return tuple(good)


def field(fields: tuple[Field, ...], name: str) -> Field:
    return next(f for f in fields if f.name == name)
def entries_by_id(items: YList, fields: tuple[Field, ...], *, what: str,
                  diag: Diagnostics) -> dict[str, tuple[YMap, frozenset[str]]]:
    """The items of a list of mappings that have a usable `id`, checked against `fields` and keyed by it, in
    order, each with the names of its fields that are missing or unusable (so the caller can go on with the
    rest); a repeated id is an error at its own line."""
    found: dict[str, tuple[YMap, frozenset[str]]] = {}
    for item, loc in zip(items, items.item_locs):
        entry, bad = check_fields(item, fields, what=what, where=loc, diag=diag)
        if entry is None or "id" in bad:
            continue  # an item without its id cannot be referred to
        if entry["id"] in found:
            first = found[entry["id"]][0].loc.line
            diag.error(entry.where("id"), f"duplicate {what} id '{entry['id']}' (first at line {first})", kind="duplicate")
            continue
        found[entry["id"]] = (entry, bad)
    return found
