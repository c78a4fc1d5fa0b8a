"""Errors are data: located diagnostics collected by a sink, raised once at a gate."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from .frozen import pickled


@pickled
@dataclass(frozen=True, order=True, slots=True)
class Location:
    """A place in a project file. `path` is relative to the project root, POSIX style."""

    path: str
    line: int = 1
    column: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


@pickled
@dataclass(frozen=True, order=True, slots=True)
class Diagnostic:
    location: Location
    severity: str  # "error" or "warning"
    message: str
    kind: str = field(default="", compare=False)
    """A short class name ("uncited", "ungrounded", ...) used for the summary counts."""

    def __str__(self) -> str:
        return f"{self.location}: {self.severity}: {self.message}"

    def annotation(self) -> str:
        """The same diagnostic as a GitHub Actions workflow command: a pull request shows it on the line."""
        loc = self.location
        path = _escape(loc.path).replace(":", "%3A").replace(",", "%2C")
        return f"::{self.severity} file={path},line={loc.line},col={loc.column}::{_escape(self.message)}"

    def record(self) -> dict[str, str | int]:
        """The same diagnostic as a JSON object, for tools."""
        loc = self.location
        return {"path": loc.path, "line": loc.line, "column": loc.column, "severity": self.severity,
                "kind": self.kind, "message": self.message}


def _escape(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


class Diagnostics:
    """The collecting sink every stage writes to; it never raises."""

    def __init__(self) -> None:
        self.items: list[Diagnostic] = []

    def error(self, location: Location, message: str, *, kind: str = "") -> None:
        self.items.append(Diagnostic(location, "error", message, kind))

    def warning(self, location: Location, message: str, *, kind: str = "") -> None:
        self.items.append(Diagnostic(location, "warning", message, kind))

    @property
    def errors(self) -> list[Diagnostic]:
        return sorted(d for d in self.items if d.severity == "error")

    @property
    def warnings(self) -> list[Diagnostic]:
        return sorted(d for d in self.items if d.severity == "warning")

    def count(self, kind: str) -> int:
        return sum(1 for d in self.items if d.kind == kind)

    def gate(self, *, strict: bool = False) -> None:
        """Stop the pipeline when errors were collected. Under strict, warnings are errors: they are
        reported as such, by every command."""
        if strict:
            self.items = [replace(d, severity="error") if d.severity == "warning" else d for d in self.items]
        if self.errors:
            raise BuildFailed(self)


class BuildFailed(Exception):
    """Raised at a gate: the author must fix the collected diagnostics."""

    def __init__(self, diagnostics: Diagnostics) -> None:
        super().__init__(f"{len(diagnostics.errors)} error(s)")
        self.diagnostics = diagnostics


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A " (did you mean 'x'?)" suffix, or "" when nothing is close.

    Close means a slip of the keyboard: at most one edit (a letter added, dropped, changed, or two
    swapped) per four letters, or the same dash-separated words in another order. A looser measure
    (difflib's ratio) offered 'cure-period' for 'charge-price': a wrong suggestion misleads more
    than none."""
    best = min(((_distance(word.lower(), c.lower()), c) for c in sorted(set(choices))), default=None)
    shortest = min(len(word), len(best[1])) if best else 0
    if best is not None and best[0] <= max(1, shortest // 4) and best[0] < shortest:
        return f" (did you mean '{best[1]}'?)"
    words = sorted(word.split("-"))
    reordered = next((c for c in sorted(set(choices)) if len(words) > 1 and sorted(c.split("-")) == words), None)
    return f" (did you mean '{reordered}'?)" if reordered else ""


def _distance(a: str, b: str) -> int:
    """Edits (insert, delete, substitute, swap two neighbours) turning `a` into `b` (optimal string alignment)."""
    if abs(len(a) - len(b)) > 3:
        return abs(len(a) - len(b))
    previous, row = None, list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, y in enumerate(b, 1):
            current[j] = min(row[j] + 1, current[j - 1] + 1, row[j - 1] + (x != y))
            if previous is not None and i > 1 and j > 1 and x == b[j - 2] and a[i - 2] == y:
                current[j] = min(current[j], previous[j - 2] + 1)
        previous, row = row, current
    return row[-1]


def plural(count: int, word: str, many: str | None = None) -> str:
    """'1 error', '2 errors'; `many` for irregular plurals."""
    return f"{count} {word if count == 1 else many or word + 's'}"
    """A " (did you mean 'x'?)" suffix, or "" when nothing is close."""
    close = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def series(items: list[str], *, limit: int) -> str:
    """"a", "a and b", "a, b and c", or, past `limit` items, "a, b, c and 4 more"."""
    shown, more = items[:limit], len(items) - limit
    if more > 0:
        return ", ".join(shown) + f" and {more} more"
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + f" and {shown[-1]}"
