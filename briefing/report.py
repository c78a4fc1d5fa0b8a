"""How diagnostics are printed: every error (and, for `check`, every warning), then a count.

Three formats. `text`: `path:line:col: severity: message` lines on stderr. `github`: GitHub Actions
workflow commands on stdout (`::error file=…,line=…,col=…::…`), which the runner turns into annotations on
the pull request's diff lines; chosen by default when GITHUB_ACTIONS=true. `json`: one JSON object on
stdout, for tools: `{"ok", "errors", "warnings", "diagnostics": [{path, line, column, severity, kind,
message}], ...}`, plus what the command adds (the summary, the files written)."""

from __future__ import annotations

import json
import os
import sys
from typing import Any

from .diagnostics import Diagnostic, Diagnostics, plural

FORMATS = ("text", "github", "json")


def add_format_option(parser) -> None:
    parser.add_argument("--format", choices=FORMATS, default=None,
                        help="how to print diagnostics: text, github (annotations; the default under GitHub "
                             "Actions) or json")


def chosen(fmt: str | None) -> str:
    return fmt or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")


def report_failure(diag: Diagnostics, *, list_warnings: bool, fmt: str | None = None) -> int:
    fmt = chosen(fmt)
    items = diag.errors + (diag.warnings if list_warnings else [])
    what = plural(len(diag.errors), "error")  # under --strict, the warnings are among them
    if fmt == "json":
        _json(diag, items, ok=False)
        return 1
    _lines(items, fmt)
    print(f"{what}; nothing was written", file=sys.stderr)
    return 1


def report_success(diag: Diagnostics, *, listed: bool, fmt: str | None, line: str, **extra: Any) -> None:
    """A command that succeeded: its warnings (listed, or counted), then its one line (on stdout)."""
    fmt = chosen(fmt)
    if fmt == "json":
        _json(diag, diag.warnings, ok=True, **extra)
        return
    if listed:
        _lines(diag.warnings, fmt)
    elif diag.warnings:
        print(f"{plural(len(diag.warnings), 'warning')} (run `briefing check` to list them)", file=sys.stderr)
    print(line)


def _lines(items: list[Diagnostic], fmt: str) -> None:
    for item in items:
        if fmt == "github":
            print(item.annotation())
        else:
            print(item, file=sys.stderr)
    sys.stdout.flush()


def _json(diag: Diagnostics, items: list[Diagnostic], *, ok: bool, **extra: Any) -> None:
    document = {"ok": ok, "errors": len(diag.errors), "warnings": len(diag.warnings),
                "diagnostics": [d.record() for d in items], **extra}
    print(json.dumps(document, ensure_ascii=False, indent=1))
