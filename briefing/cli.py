"""Command line: build | check (and the commands later issues add). Prints diagnostics; sets exit codes.

Exit status: 0 success, 1 the author must fix something (every problem listed), 2 an internal error."""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path

from .diagnostics import BuildFailed, Diagnostics
from .pipeline import build, publish, verify
from .targets import Target
from .write import owned

PROTECTED = ("content", "seeds", "templates", "static", "tests", "briefing", ".git", ".ci")


class UsageError(Exception):
    """A bad command-line request, refused before anything is touched (exit 1)."""


def main(argv: Sequence[str] | None = None, *, root: Path | None = None) -> int:
    args = _parser().parse_args(argv)
    args.root = (args.root or root or Path.cwd()).resolve()
    try:
        return int(args.run(args))
    except BuildFailed as failed:
        return _report(failed.diagnostics, list_warnings=args.command == "check")
    except UsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # noqa: BLE001 - a bug in the generator, not in the author's input
        if args.debug:
            traceback.print_exc()
        where = traceback.extract_tb(exc.__traceback__)[-1]
        print(f"internal error: {type(exc).__name__}: {exc} (at {Path(where.filename).name}:{where.lineno}); "
              "rerun with --debug for the traceback", file=sys.stderr)
        return 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="build.py", description="Build and verify a cited briefing site.")
    parser.set_defaults(run=_build, command="build", out=Path("_site"), base_url=None, strict=False, debug=False, root=None,
                        preview=False)
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")
    build_command = _command(commands, "build", _build, "verify and build the site (the default command)", out=True)
    build_command.add_argument("--preview", action="store_true",
                               help="mark the build as a preview: a visible banner and noindex on every page")
    _command(commands, "check", _check, "verify only; write nothing; print a one-line summary")
    bundle = _command(commands, "bundle", _bundle, "write the offline editions: a zip for file://, one HTML file, a PDF")
    bundle.add_argument("--dist", type=Path, default=Path("dist"), metavar="DIR", help="output folder (default: dist)")
    bundle.add_argument("--no-pdf", action="store_true", help="skip the PDF even when Chromium is available")
    diff = _command(commands, "diff", _diff, "report, as Markdown, what this working tree changes in the evidence "
                    "compared with another git revision")
    diff.add_argument("ref", help="the git revision to compare with (e.g. main, HEAD~1, origin/main)")
    serve = _command(commands, "serve", _serve, "build, serve with live reload, rebuild on every change", out=True)
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="port to listen on (default: 8000)")
    serve.add_argument("--open", action="store_true", help="open the site in a web browser")
    return parser


def _command(commands: argparse._SubParsersAction, name: str, run: Callable[[argparse.Namespace], int],
             help_text: str, *, out: bool = False) -> argparse.ArgumentParser:
    sub = commands.add_parser(name, help=help_text, description=help_text)
    sub.set_defaults(run=run, command=name)
    if out:
        sub.add_argument("--out", type=Path, default=Path("_site"), metavar="DIR", help="output folder (default: _site)")
        sub.add_argument("--base-url", metavar="URL", help="absolute URL the site is served from (overrides site.yaml)")
    sub.add_argument("--strict", action="store_true", help="treat warnings (uncited claims or sources) as errors")
    sub.add_argument("--root", type=Path, metavar="DIR", help="project folder (default: the current folder)")
    sub.add_argument("--debug", action="store_true", help="show the traceback of an internal error")
    return sub


def _build(args: argparse.Namespace) -> int:
    out = _output_folder(args.root, args.out)
    diag = Diagnostics()
    target = Target(base_url=args.base_url, preview=args.preview)
    site, count = publish(args.root, out, diag, target=target, strict=args.strict, jobs=os.cpu_count() or 1)
    _print_warnings(diag, listed=False)
    print(f"built {count} files into {_shown(out, args.root)}: {_summary(site, diag)}")
    return 0


def _bundle(args: argparse.Namespace) -> int:
    from .bundle import write_bundle

    diag = Diagnostics()
    result = build(args.root, diag, target=Target(index_files=True), strict=args.strict)
    template = result.inputs.templates.get("single.html")
    if template is None:
        raise UsageError("templates/single.html is missing")
    dist = _outside_sources(args.root, args.dist, option="--dist")  # only our own file names in it are replaced
    for path in write_bundle(result, dist=dist, template=template, pdf=not args.no_pdf):
        print(f"wrote {_shown(path, args.root)} ({path.stat().st_size // 1024} KB)")
    return 0


def _diff(args: argparse.Namespace) -> int:
    from .diff import DiffError, report, snapshot, snapshot_of_revision

    try:
        old = snapshot_of_revision(args.root, args.ref)
    except DiffError as exc:
        raise UsageError(f"cannot check out '{args.ref}': {exc}") from None
    print(report(old, snapshot(args.root), ref=args.ref), end="")
    return 0


def _serve(args: argparse.Namespace) -> int:
    from .serve import serve  # imports tornado: only when serving

    return serve(args.root, out=_output_folder(args.root, args.out), host=args.host, port=args.port,
                 open_browser=args.open, base_url=args.base_url)


def _check(args: argparse.Namespace) -> int:
    diag = Diagnostics()
    site, _ = verify(args.root, diag)
    diag.gate(strict=args.strict)
    _print_warnings(diag, listed=True)
    print(f"ok: {_summary(site, diag)}")
    return 0


def _summary(site, diag: Diagnostics) -> str:
    claims = sum(len(s.claims) for s in site.corpus.sources)
    return (f"{len(site.corpus.sources)} sources, {claims} claims, {site.citations} citations, "
            f"{diag.count('uncited')} uncited sentences, {diag.count('ungrounded')} ungrounded numbers, "
            f"{len(diag.warnings)} warnings")


def _report(diag: Diagnostics, *, list_warnings: bool) -> int:
    annotate = os.environ.get("GITHUB_ACTIONS") == "true"
    for item in diag.errors + (diag.warnings if list_warnings else []):
        print(item.annotation() if annotate else item, file=sys.stderr)
    errors = len(diag.errors) or len(diag.warnings)
    kind = "error" if diag.errors else "warning (strict)"
    print(f"{errors} {kind}{'s' if errors != 1 else ''}; nothing was written", file=sys.stderr)
    return 1


def _print_warnings(diag: Diagnostics, *, listed: bool) -> None:
    if listed:
        for item in diag.warnings:
            print(item, file=sys.stderr)
    elif diag.warnings:
        print(f"{len(diag.warnings)} warnings (run `python build.py check` to list them)", file=sys.stderr)


def _outside_sources(root: Path, out: Path, *, option: str = "--out") -> Path:
    """Refuse an output folder that is the project, a parent of it, or inside one of its source folders."""
    target = (root / out).resolve() if not out.is_absolute() else out.resolve()
    if target == root or root.is_relative_to(target):
        raise UsageError(f"{option} {out} is the project folder or one of its parents; refusing to replace it")
    for name in PROTECTED:
        if target.is_relative_to(root / name):
            raise UsageError(f"{option} {out} is inside the project's {name}/ folder; refusing to replace it")
    return target


def _output_folder(root: Path, out: Path) -> Path:
    """Refuse an output folder whose replacement would destroy something that isn't a built site."""
    target = _outside_sources(root, out)
    if not owned(target):
        raise UsageError(f"--out {out} is a folder that is not empty and was not made by this tool; refusing to replace it")
    return target


def _shown(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
