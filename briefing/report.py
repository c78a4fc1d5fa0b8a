"""How diagnostics are printed: every error (and, for `check`, every warning), then a count."""

from __future__ import annotations

import os
import sys

from .diagnostics import Diagnostics


def report_failure(diag: Diagnostics, *, list_warnings: bool) -> int:
    annotate = os.environ.get("GITHUB_ACTIONS") == "true"
    for item in diag.errors + (diag.warnings if list_warnings else []):
        print(item.annotation() if annotate else item, file=sys.stderr)
    errors = len(diag.errors)  # under --strict, the warnings are among them
    print(f"{errors} error{'s' if errors != 1 else ''}; nothing was written", file=sys.stderr)
    return 1


def print_warnings(diag: Diagnostics, *, listed: bool) -> None:
    if listed:
        for item in diag.warnings:
            print(item, file=sys.stderr)
    elif diag.warnings:
        print(f"{len(diag.warnings)} warnings (run `python build.py check` to list them)", file=sys.stderr)
