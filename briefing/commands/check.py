"""`check`: verify only, write nothing; list the warnings and print a one-line summary."""

from __future__ import annotations

import argparse

from ..diagnostics import Diagnostics
from ..pipeline import verify
from ..report import print_warnings
from .common import summary

NAME = "check"
HELP = "verify only; write nothing; print a one-line summary"


def configure(parser: argparse.ArgumentParser) -> None:
    pass


def run(args: argparse.Namespace) -> int:
    diag = Diagnostics()
    site, _ = verify(args.root, diag)
    diag.gate(strict=args.strict)
    print_warnings(diag, listed=True)
    print(f"ok: {summary(site, diag)}")
    return 0
