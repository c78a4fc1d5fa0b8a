"""Memoised stage results for incremental rebuilds (serve): keyed by the content of their inputs.

Each result sits in a slot (a stage and a file); a slot keeps only its latest result, so memory stays
bounded by the size of the project. A hit replays the diagnostics the computation produced, so an
incremental build reports exactly what a clean build would. A stage over every file of a kind may also
keep its whole result in one slot keyed by the identity of those files' texts (`SameItems`), so that a
rebuild which did not touch them skips it in one check."""

from __future__ import annotations

import operator
from collections.abc import Callable, Hashable, Iterable
from typing import Any, TypeVar

from .diagnostics import Diagnostic, Diagnostics

T = TypeVar("T")


class Same:
    """A memo key part that matches only the very same object: for a stage's own memoised results (a
    parsed document), which are new objects whenever their inputs changed, and whose field-by-field
    comparison would cost more than the work it saves. The key holds the object, so its id is never reused."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Same) and other.value is self.value

    __hash__ = None  # type: ignore[assignment]


class SameItems:
    """A memo key part that matches one made of the very same objects, in the same order: for a whole
    stage over every file of a kind, whose texts serve reads again only when a file changed (load.Reads
    returns the object it read before). Comparing thousands of objects by identity costs far less than
    looking each file up in its own slot, so a rebuild that did not touch that kind of file skips the
    stage in one step. The key holds the objects, so their ids are never reused."""

    __slots__ = ("items",)

    def __init__(self, items: Iterable[Any]) -> None:
        self.items = tuple(items)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, SameItems) and len(other.items) == len(self.items) \
            and all(map(operator.is_, self.items, other.items))

    __hash__ = None  # type: ignore[assignment]


class Memo:
    def __init__(self) -> None:
        self._slots: dict[tuple[str, str], tuple[Hashable, Any, list[Diagnostic]]] = {}
        self.hits = 0
        self.misses = 0

    def get(self, stage: str, slot: str, key: Hashable, compute: Callable[[Diagnostics], T], diag: Diagnostics) -> T:
        found = self._slots.get((stage, slot))
        if found is not None and found[0] == key:
            self.hits += 1
            diag.items.extend(found[2])
            return found[1]
        self.misses += 1
        local = Diagnostics()
        value = compute(local)
        diag.items.extend(local.items)
        self._slots[(stage, slot)] = (key, value, list(local.items))
        return value

    def lookup(self, stage: str, slot: str, key: Hashable) -> tuple[bool, Any]:
        """(True, value) when the slot holds a result for this key, else (False, None)."""
        found = self._slots.get((stage, slot))
        if found is not None and found[0] == key:
            self.hits += 1
            return True, found[1]
        self.misses += 1
        return False, None

    def peek(self, stage: str, slot: str) -> tuple[Hashable, Any] | None:
        """The (key, value) the slot holds, whatever its key: for a stage that can reuse parts of its
        last result (it must check itself which parts still hold)."""
        found = self._slots.get((stage, slot))
        return None if found is None else (found[0], found[1])

    def intern(self, stage: str, value: T) -> T:
        """`value`, or the equal value stored under `stage` by an earlier build: keys that contain it then
        compare by identity, not item by item (the navigation is part of every page's key)."""
        found = self._slots.get((stage, ""))
        if found is not None and found[0] == value:
            return found[0]
        self._slots[(stage, "")] = (value, None, [])
        return value

    def slots(self) -> list[tuple[tuple[str, str], tuple[Hashable, Any, list[Diagnostic]]]]:
        """Every slot with its (key, value, diagnostics): what another process computed, to `merge`."""
        return list(self._slots.items())

    def merge(self, slots: list[tuple[tuple[str, str], tuple[Hashable, Any, list[Diagnostic]]]]) -> None:
        self._slots.update(slots)

    def store(self, stage: str, slot: str, key: Hashable, value: Any) -> None:
        self._slots[(stage, slot)] = (key, value, [])

    def value(self, stage: str, slot: str, key: Hashable, compute: Callable[[], T]) -> T:
        """For computations that report nothing (rendering)."""
        return self.get(stage, slot, key, lambda _: compute(), Diagnostics())

