"""`build`: verify, then write the site into its output folder (the default command)."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from .. import buildcache
from ..diagnostics import Diagnostics, plural
from ..load import load
from ..pipeline import publish
from ..report import add_format_option, report_success
from ..targets import Target
from ..write import write
from .common import add_output_options, counts, output_folder, shown, summary

NAME = "build"
HELP = "verify and build the site (the default command)"


def configure(parser: argparse.ArgumentParser) -> None:
    add_output_options(parser)
    parser.add_argument("--preview", action="store_true",
                        help="mark the build as a preview: a visible banner and noindex on every page")
    parser.add_argument("--no-cache", action="store_true",
                        help="build everything, neither reading nor writing the build cache in .cache/build/")
    add_format_option(parser)


def run(args: argparse.Namespace) -> int:
    out = output_folder(args.root, args.out)
    diag = Diagnostics()
    target = Target(base_url=args.base_url, preview=args.preview)
    numbers, count = (_built if args.no_cache else _cached)(args.root, out, diag, target, args.strict)
    report_success(diag, listed=False, fmt=args.format,
                   line=f"built {plural(count, 'file')} into {shown(out, args.root)}: {summary(numbers, diag)}",
                   summary=numbers, written=count, out=shown(out, args.root))
    return 0


def _built(root: Path, out: Path, diag: Diagnostics, target: Target, strict: bool, **kw) -> tuple[dict[str, int], int]:
    site, count = publish(root, out, diag, target=target, strict=strict, jobs=os.cpu_count() or 1, **kw)
    return counts(site, diag), count


def _cached(root: Path, out: Path, diag: Diagnostics, target: Target, strict: bool) -> tuple[dict[str, int], int]:
    """The site from the build cache when it holds this very build (see buildcache.py), else built (taking
    from the cache the parts of verification whose files did not change, what verifying each unchanged
    page found, and the rendered files that show the same as before) and kept there. Either way, a file
    that is what `out` holds already is hard-linked from there, not written again. Inputs that could not
    be read are not cached: their errors are reported by the build."""
    loading = Diagnostics()
    inputs = load(root, loading)
    key = buildcache.build_key(inputs, target, strict=strict) if not loading.items else None
    hit = buildcache.lookup(root, key) if key else None
    if hit is not None:
        try:
            count = write(hit.outputs(), out, link_unchanged=True)
        except buildcache.Stale:
            pass  # something the entry lists is gone or altered: build in full, as without the cache
        else:
            diag.items.extend(hit.diagnostics)
            return hit.counts, count
    diag.items.extend(loading.items)
    recorder, handed, parts = buildcache.Recorder(), [inputs], buildcache.Parts(root)
    reuse = buildcache.Rendered(root, inputs, target) if key else None
    verdicts = buildcache.Verdicts(root, reuse) if reuse is not None else None
    del inputs  # publish lets go of them once verified
    try:
        numbers, count = _built(root, out, diag, target, strict, inputs=handed, record=recorder.wrap, parts=parts,
                                reuse=reuse, verdicts=verdicts, link_unchanged=True)
    finally:
        parts.prune()  # what verified, whether the build then failed or not, is as good for the next one
    if key and reuse is not None:
        buildcache.save(root, key, out, recorder.files, diag.items, numbers, shows=reuse.shows)
    return numbers, count
