"""Declarative field checks for YAML mappings: every problem reported, located, with a suggestion."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from .diagnostics import Diagnostics, Location, did_you_mean
from .yamlfile import INVALID, YList, YMap

TYPE_NAMES = {str: "a string", int: "an integer", float: "a number", bool: "true or false",
              dt.date: "a date (YYYY-MM-DD)", YList: "a list", YMap: "a mapping"}


@dataclass(frozen=True)
class Field:
    name: str
    types: tuple[type, ...] = (str,)
    required: bool = True
    nullable: bool = False
    pattern: str | None = None
    choices: tuple[str, ...] = ()


def type_name(value: Any) -> str:
    if value is None:
        return "null"
    for kind, name in TYPE_NAMES.items():
        if type(value) is kind or (kind is YList and isinstance(value, list)):
            return name
    return type(value).__name__


def check(value: Any, fields: tuple[Field, ...], *, what: str, where: Location, diag: Diagnostics) -> YMap | None:
    """Check a mapping against its fields; return it when it is usable, else None."""
    if value is INVALID:
        return None
    if not isinstance(value, YMap):
        diag.error(getattr(value, "loc", where), f"{what} must be a mapping, not {type_name(value)}", kind="schema")
        return None
    names = {f.name for f in fields}
    for key in value:
        if key not in names:
            diag.error(value.key_locs[key], f"unknown field '{key}' in {what}{did_you_mean(key, names)}", kind="schema")
    ok = True
    for spec in fields:
        ok &= _check_field(value, spec, what, diag)
    return value if ok else None


def _check_field(mapping: YMap, spec: Field, what: str, diag: Diagnostics) -> bool:
    if spec.name not in mapping:
        if spec.required:
            diag.error(mapping.loc, f"missing required field '{spec.name}' in {what}", kind="schema")
        return not spec.required
    value, loc = mapping[spec.name], mapping.where(spec.name)
    if value is None:
        if spec.nullable:
            return True
        diag.error(loc, f"field '{spec.name}' must not be empty", kind="schema")
        return False
    if not _is(value, spec.types):
        wanted = " or ".join(TYPE_NAMES.get(t, t.__name__) for t in spec.types)
        diag.error(loc, f"field '{spec.name}' must be {wanted}, not {type_name(value)}", kind="schema")
        return False
    if spec.choices and value not in spec.choices:
        diag.error(loc, f"field '{spec.name}' is '{value}', expected one of: {', '.join(spec.choices)}"
                   f"{did_you_mean(str(value), spec.choices)}", kind="schema")
        return False
    if spec.pattern and not re.fullmatch(spec.pattern, str(value)):
        diag.error(loc, f"field '{spec.name}' is '{value}', which does not match {spec.pattern}", kind="schema")
        return False
    if isinstance(value, str) and not value.strip():
        diag.error(loc, f"field '{spec.name}' must not be blank", kind="schema")
        return False
    return True


def _is(value: Any, types: tuple[type, ...]) -> bool:
    if isinstance(value, bool):
        return bool in types
    if isinstance(value, dt.datetime):
        return False
    return isinstance(value, types) or (float in types and isinstance(value, int))


def strings(value: Any, *, field: str, where: Location, diag: Diagnostics) -> tuple[str, ...]:
    """A list of plain strings (e.g. topics); each bad item reported at its own line."""
    if value is None:
        return ()
    if not isinstance(value, YList):
        diag.error(where, f"field '{field}' must be a list of strings, not {type_name(value)}", kind="schema")
        return ()
    good = []
    for item, loc in zip(value, value.item_locs):
        if isinstance(item, str) and re.fullmatch(r"[a-z0-9-]+", item):
            good.append(item)
        else:
            diag.error(loc, f"'{field}' items must match [a-z0-9-]+, not {item!r}", kind="schema")
    return tuple(good)


def entries_by_id(items: YList, fields: tuple[Field, ...], *, what: str, diag: Diagnostics) -> dict[str, YMap]:
    """The usable items of a list of mappings, checked against `fields` and keyed by their `id`, in order;
    a repeated id is an error at its own line."""
    found: dict[str, YMap] = {}
    for item, loc in zip(items, items.item_locs):
        entry = check(item, fields, what=what, where=loc, diag=diag)
        if entry is None:
            continue
        if entry["id"] in found:
            diag.error(entry.where("id"), f"duplicate {what} id '{entry['id']}' (first at line {found[entry['id']].loc.line})",
                       kind="duplicate")
            continue
        found[entry["id"]] = entry
    return found
