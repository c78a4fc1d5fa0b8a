"""The frozen model classes pickle as constructor calls (frozen.py): what comes back is equal, field by
field, derived fields included, and shared objects stay shared."""

from __future__ import annotations

import pickle
from dataclasses import fields

from briefing.diagnostics import Diagnostic, Location
from briefing.model import Claim, Span
from briefing.resolve import Note


def _same(a: object, b: object) -> bool:
    return type(a) is type(b) and all(getattr(a, f.name) == getattr(b, f.name) for f in fields(a))  # type: ignore[arg-type]


def test_frozen_classes_come_back_equal_field_by_field():
    where = Location("content/sources/a.yaml", 3, 7)
    claim = Claim("acme", "raise", "Acme raised money.", "raised $5 million", ("funding",), "fact", "Jane Doe", None, 2,
                  where, Location("content/sources/a.yaml", 5, 10), where, occurrence_given=True,
                  absent=("x",), absent_locs=(where,))
    span = Span(10, 27, 1, 11, 1, "raised $5 million", "Acme Corp", " in a round", page=3)
    objects = [where, Diagnostic(where, "warning", "uncited", "uncited"), claim, span,
               Note(1, claim, span, ("a", "b")), Note(2, claim, None, ())]
    back = pickle.loads(pickle.dumps(objects, protocol=pickle.HIGHEST_PROTOCOL))
    for original, copy in zip(objects, back):
        assert _same(original, copy) and original == copy, original
    assert back[2].ref == "acme:raise" and back[1].kind == "uncited"
    assert back[4].claim is back[2] and back[4].span is back[3], "shared objects stay shared"
    assert all(type(o).__reduce__ is not object.__reduce__ for o in objects), "each pickles as a constructor call"
