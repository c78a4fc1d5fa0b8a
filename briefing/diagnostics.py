"""Errors are data: located diagnostics collected by a sink, raised once at a gate."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field, replace


@dataclass(frozen=True, order=True)
class Location:
    """A place in a project file. `path` is relative to the project root, POSIX style."""

    path: str
    line: int = 1
    column: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True, order=True)
class Diagnostic:
    location: Location
    severity: str  # "error" or "warning"
    message: str
    kind: str = field(default="", compare=False)
    """A short class name ("uncited", "ungrounded", ...) used for the summary counts."""

    def __str__(self) -> str:
        return f"{self.location}: {self.severity}: {self.message}"

    def annotation(self) -> str:
        """The same diagnostic as a GitHub Actions workflow command."""
        loc = self.location
        text = self.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return f"::{self.severity} file={loc.path},line={loc.line},col={loc.column}::{text}"


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
    """A " (did you mean 'x'?)" suffix, or "" when nothing is close."""
    close = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def series(items: list[str], *, limit: int) -> str:
    """"a", "a and b", "a, b and c", or, past `limit` items, "a, b, c and 4 more"."""
    shown, more = items[:limit], len(items) - limit
    if more > 0:
        return ", ".join(shown) + f" and {more} more"
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + f" and {shown[-1]}"
