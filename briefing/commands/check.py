"""`check`: verify only, write nothing; list the warnings and print a one-line summary."""

from __future__ import annotations

import argparse
import os

from ..diagnostics import Diagnostics
from ..pipeline import collector_paused, verify
from ..report import add_format_option, report_success
from .common import counts, summary

NAME = "check"
HELP = "verify only; write nothing; print a one-line summary"


def configure(parser: argparse.ArgumentParser) -> None:
    add_format_option(parser)


def run(args: argparse.Namespace) -> int:
    diag = Diagnostics()
    with collector_paused() as verified:  # sources verified in worker processes, without the cycle collector
        site, _ = verify(args.root, diag, jobs=os.cpu_count() or 1)
        verified()
    diag.gate(strict=args.strict)
    report_success(diag, listed=True, fmt=args.format, line=f"ok: {summary(site, diag)}", summary=counts(site, diag))
    return 0
