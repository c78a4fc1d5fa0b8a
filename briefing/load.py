"""Reads the project from disk: the only module that reads input files."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .diagnostics import Diagnostics, Location


@dataclass(frozen=True)
class SeedFile:
    data: bytes | None
    """The bytes, or None when the entry may not be read (a symlink leaving the project)."""
    escapes: bool = False


@dataclass(frozen=True)
class Inputs:
    root: Path
    site: str | None
    sources: dict[str, str]
    """content/sources/*.yaml, by project-relative path."""
    pages: dict[str, str]
    data: dict[str, str]
    seeds: dict[str, SeedFile]
    """Every entry of seeds/, by file name."""
    templates: dict[str, str]
    """The theme's templates by name: the generator's default theme, overridden file by file by the project's templates/."""
    static: dict[str, bytes]
    """The theme's static files by path relative to static/: the default theme's, overridden file by file by the project's."""
    vendor: dict[str, bytes]
    """Browser libraries installed with npm beside the generator, published with the site."""
    template_paths: dict[str, str] = field(default_factory=dict)
    """Per template name, the file it was read from, for located errors: `templates/x.html` when the project
    overrides it, else the default theme's file inside the generator."""
    facts: str | None = None
    """content/facts.yaml, the registry of shared facts, when the project has one."""


def load(root: Path, diag: Diagnostics) -> Inputs:
    root = root.resolve()
    return Inputs(
        root=root,
        site=_text(root, "content/site.yaml", diag, required=True),
        sources=_texts(root, "content/sources", "*.yaml", diag),
        pages=_pages(root, diag),
        data=_texts(root, "content/data", "*.yaml", diag),
        seeds=_seeds(root),
        templates=_templates(root, diag),
        static={**_files(THEME / "static"), **_files(root / "static")},
        vendor=_vendor(root),
        template_paths=_template_paths(root),
        facts=_text(root, "content/facts.yaml", diag),
    )


GENERATOR = Path(__file__).resolve().parent.parent
THEME = Path(__file__).resolve().parent / "theme"
"""The default theme: templates/ and static/, used for every file a project does not provide itself."""
VENDOR = {"minisearch.js": "node_modules/minisearch/dist/umd/index.js"}
"""Published name → file installed by `npm ci` (package.json pins the versions)."""


def _vendor(root: Path) -> dict[str, bytes]:
    """From the generator's own node_modules (its checkout, where the README's install command runs `npm ci`),
    so a project anywhere else needs no npm of its own; a project's node_modules, if it has one, comes first."""
    found = {}
    for name, rel in VENDOR.items():
        path = next((base / rel for base in (root, GENERATOR) if (base / rel).is_file()), None)
        if path is not None:
            found[name] = path.read_bytes()
    return found


def _templates(root: Path, diag: Diagnostics) -> dict[str, str]:
    found = {name: (THEME / "templates" / name).read_text("utf-8") for name in _template_names(THEME / "templates")}
    for name in _template_names(root / "templates"):
        text = _text(root, f"templates/{name}", diag)
        if text is not None:
            found[name] = text
    return found


def _template_paths(root: Path) -> dict[str, str]:
    paths = {name: (THEME / "templates" / name).relative_to(GENERATOR).as_posix()
             for name in _template_names(THEME / "templates")}
    return paths | {name: f"templates/{name}" for name in _template_names(root / "templates")}


def _template_names(folder: Path) -> list[str]:
    """Templates by path relative to the folder (e.g. `page.html`, `partials/x.html`)."""
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.html") if p.is_file()) if folder.is_dir() else []


def _rel(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()


def _text(root: Path, rel: str, diag: Diagnostics, *, required: bool = False) -> str | None:
    path = root / rel
    if not path.is_file():
        if required:
            diag.error(Location(rel), "file is missing", kind="missing")
        return None
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        diag.error(byte_location(rel, data, exc.start),
                   f"file is not valid UTF-8: byte 0x{data[exc.start]:02x} at byte offset {exc.start}", kind="encoding")
        return None


def byte_location(rel: str, data: bytes, offset: int) -> Location:
    """The line and column (counted in bytes) of a byte offset, for undecodable files."""
    line_start = data.rfind(b"\n", 0, offset) + 1
    return Location(rel, data.count(b"\n", 0, offset) + 1, offset - line_start + 1)


def _texts(root: Path, folder: str, pattern: str, diag: Diagnostics) -> dict[str, str]:
    found = {}
    for path in sorted((root / folder).glob(pattern)):
        rel = _rel(root, path)
        text = _text(root, rel, diag)
        if text is not None:
            found[rel] = text
    return found


def _pages(root: Path, diag: Diagnostics) -> dict[str, str]:
    """The pages; a project without its pages folder or its home page is reported (each once)."""
    if not (root / "content/pages").is_dir():
        diag.error(Location("content/pages"), "folder is missing: a briefing's pages are content/pages/*.md, "
                   "its home page content/pages/index.md", kind="missing")
        return {}
    if not (root / "content/pages/index.md").is_file():
        diag.error(Location("content/pages/index.md"), "there is no home page: add content/pages/index.md "
                   "(it becomes the site's index.html)", kind="missing")
    return _texts(root, "content/pages", "*.md", diag)


def _seeds(root: Path) -> dict[str, SeedFile]:
    folder = root / "seeds"
    entries: dict[str, SeedFile] = {}
    for path in sorted(folder.iterdir()) if folder.is_dir() else []:
        real = path.resolve()
        if path.is_symlink() and not real.is_relative_to(root):
            entries[path.name] = SeedFile(None, escapes=True)
        elif real.is_file():
            entries[path.name] = SeedFile(real.read_bytes())
    return entries


def _files(folder: Path) -> dict[str, bytes]:
    files = {}
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames.sort()
        for name in sorted(filenames):
            path = Path(dirpath) / name
            files[path.relative_to(folder).as_posix()] = path.read_bytes()
    return files
