"""The command line: a thin parser over the commands in `briefing/commands/`. Sets the exit status.

Exit status: 0 success, 1 the author must fix something (every problem listed), 2 an internal error."""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path

from .commands import COMMANDS
from .commands.common import UsageError
from .diagnostics import BuildFailed
from .report import report_failure


def main(argv: Sequence[str] | None = None, *, root: Path | None = None, prog: str = "build.py") -> int:
    args = parser(prog).parse_args(argv)
    args.root = (args.root or root or Path.cwd()).resolve()
    try:
        return int(args.run(args))
    except BuildFailed as failed:
        return report_failure(failed.diagnostics, list_warnings=args.command == "check",
                              fmt=args.format)
    except UsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the reader of the output went away (`briefing claims | head`)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error when Python flushes it
        return 0
    except Exception as exc:  # noqa: BLE001 - a bug in the generator, not in the author's input
        if args.debug:
            traceback.print_exc()
        where = traceback.extract_tb(exc.__traceback__)[-1]
        print(f"internal error: {type(exc).__name__}: {exc} (at {Path(where.filename).name}:{where.lineno}); "
              "rerun with --debug for the traceback", file=sys.stderr)
        return 2


def run() -> None:
    """The `briefing` console script: the project is the current folder unless --root says otherwise."""
    sys.exit(main(prog="briefing"))


def parser(prog: str = "build.py") -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog=prog, description="Build and verify a cited briefing site.")
    commands = top.add_subparsers(title="commands", metavar="COMMAND")
    subs = {}
    for command in COMMANDS:
        sub = subs[command.NAME] = commands.add_parser(command.NAME, help=command.HELP, description=command.HELP)
        sub.set_defaults(run=command.run, command=command.NAME)
        command.configure(sub)
        if getattr(command, "VERIFIES", True):  # the authoring commands write or list; they do not verify
            sub.add_argument("--strict", action="store_true", help="treat warnings (uncited claims or sources, quote lints, unused facts) as errors")
        sub.add_argument("--root", type=Path, metavar="DIR", help="project folder (default: the current folder)")
        sub.add_argument("--debug", action="store_true", help="show the traceback of an internal error")
    # With no command, the default one runs with every option at its default: taken from its own parser,
    # so that an option added to it is never missing here.
    top.set_defaults(**vars(subs[COMMANDS[0].NAME].parse_args([])))
    return top
