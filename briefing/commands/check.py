"""`check`: verify only, write nothing; list the warnings and print a one-line summary."""

from __future__ import annotations

import argparse

from ..diagnostics import Diagnostics
from ..pipeline import verify
from ..report import add_format_option, report_success
from .common import counts, summary

NAME = "check"
HELP = "verify only; write nothing; print a one-line summary"


def configure(parser: argparse.ArgumentParser) -> None:
    add_format_option(parser)


def run(args: argparse.Namespace) -> int:
    diag = Diagnostics()
    site, _ = verify(args.root, diag)
    diag.gate(strict=args.strict)
    report_success(diag, listed=True, fmt=args.format, line=f"ok: {summary(site, diag)}", summary=counts(site, diag))
    return 0
