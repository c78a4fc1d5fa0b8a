"""What several commands share: refusing dangerous output folders, and the one-line summary."""

from __future__ import annotations

from pathlib import Path

from ..diagnostics import Diagnostics, plural
from ..resolve import Site
from ..write import owned

PROTECTED = ("content", "seeds", "templates", "static", "tests", "briefing", ".git", ".ci")


class UsageError(Exception):
    """A bad command-line request, refused before anything is touched (exit 1)."""


def outside_sources(root: Path, out: Path, *, option: str = "--out") -> Path:
    """Refuse an output folder that is the project, a parent of it, or inside one of its source folders."""
    target = (root / out).resolve() if not out.is_absolute() else out.resolve()
    if target == root or root.is_relative_to(target):
        raise UsageError(f"{option} {out} is the project folder or one of its parents; refusing to replace it")
    for name in PROTECTED:
        if target.is_relative_to(root / name):
            raise UsageError(f"{option} {out} is inside the project's {name}/ folder; refusing to replace it")
    return target


def output_folder(root: Path, out: Path) -> Path:
    """Refuse an output folder whose replacement would destroy something that isn't a built site."""
    target = outside_sources(root, out)
    if not owned(target):
        raise UsageError(f"--out {out} is a folder that is not empty and was not made by this tool; refusing to replace it")
    return target


def counts(site: Site, diag: Diagnostics) -> dict[str, int]:
    """What the one-line summary says, as numbers (the JSON format's `summary`)."""
    return {"sources": len(site.corpus.sources), "claims": sum(len(s.claims) for s in site.corpus.sources),
            "citations": site.citations, "uncited": diag.count("uncited"), "ungrounded": diag.count("ungrounded"),
            "warnings": len(diag.warnings)}


def summary(site: Site | dict[str, int], diag: Diagnostics) -> str:
    n = site if isinstance(site, dict) else counts(site, diag)
    return ", ".join([plural(n["sources"], "source"), plural(n["claims"], "claim"), plural(n["citations"], "citation"),
                      plural(n["uncited"], "uncited sentence"), plural(n["ungrounded"], "ungrounded number"),
                      plural(n["warnings"], "warning")])


def shown(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)


def add_output_options(parser) -> None:
    parser.add_argument("--out", type=Path, default=Path("_site"), metavar="DIR", help="output folder (default: _site)")
    parser.add_argument("--base-url", metavar="URL", help="absolute URL the site is served from (overrides site.yaml)")
