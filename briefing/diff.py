"""`build.py diff <ref>`: what a change does to the evidence, as Markdown for a reviewer.

Verifies another git revision (checked out in a temporary worktree) and this working tree with the
same pipeline, and compares them: claims added, removed and changed, seeds that changed, citations
added or removed per page, and pages whose text changed."""

from __future__ import annotations

import subprocess
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .diagnostics import BuildFailed, Diagnostics, plural
from .pipeline import verify


@dataclass
class Snapshot:
    claims: dict[str, tuple[str, str]] = field(default_factory=dict)
    """'key:id' → (claim text, quote)."""
    seeds: dict[str, str] = field(default_factory=dict)
    """seed file name → sha256, for every seed a source uses."""
    citations: dict[str, Counter[str]] = field(default_factory=dict)
    """page URL → how many times each claim is cited there."""
    texts: dict[str, str] = field(default_factory=dict)
    """page URL → the page's Markdown and data text."""
    errors: int = 0


def snapshot(root: Path) -> Snapshot:
    snap = Snapshot()
    try:
        site, inputs = verify(root, Diagnostics())
    except BuildFailed as failed:
        snap.errors = len(failed.diagnostics.errors)
        return snap
    for source in site.corpus.sources:
        snap.seeds[source.seed] = source.sha256
        for claim in source.claims:
            evidence = "absent: " + ", ".join(claim.absent) if claim.type == "absence" else claim.quote.strip()
            snap.claims[claim.ref] = (claim.claim, evidence)
    for doc in site.documents:
        snap.citations.setdefault(doc.url or "/", Counter()).update(c.ref for c in doc.reading.cites)
    for page in site.corpus.pages:
        table = site.corpus.data.get(page.extra.get("data") or "")
        data = inputs.data.get(table.path, "") if table else ""
        snap.texts[page.url or "/"] = page.body + data
    return snap


def snapshot_of_revision(root: Path, ref: str) -> Snapshot:
    with tempfile.TemporaryDirectory(prefix="briefing-diff-") as temp:
        tree = Path(temp) / "tree"
        _git(root, "worktree", "add", "--detach", "--quiet", str(tree), ref)
        try:
            return snapshot(tree)
        finally:
            _git(root, "worktree", "remove", "--force", str(tree))


def _git(root: Path, *args: str) -> None:
    result = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise DiffError(result.stderr.strip() or f"git {' '.join(args)} failed")


class DiffError(Exception):
    """The other revision could not be checked out."""


def report(old: Snapshot, new: Snapshot, *, ref: str) -> str:
    lines = [f"## Evidence diff against `{ref}`", ""]
    for name, snap in (("the base revision", old), ("this revision", new)):
        if snap.errors:
            lines += [f"**{name.capitalize()} fails verification** ({snap.errors} errors): it cannot be compared.", ""]
    if old.errors or new.errors:
        return "\n".join(lines)
    added = sorted(set(new.claims) - set(old.claims))
    removed = sorted(set(old.claims) - set(new.claims))
    changed = sorted(r for r in set(old.claims) & set(new.claims) if old.claims[r] != new.claims[r])
    # By file name and digest: a source moved to a new seed file shows as one seed removed and one added,
    # so replacing every seed can never read as "0 seeds changed".
    seeds_added = sorted(set(new.seeds) - set(old.seeds))
    seeds_removed = sorted(set(old.seeds) - set(new.seeds))
    seeds = sorted(n for n in set(new.seeds) & set(old.seeds) if old.seeds[n] != new.seeds[n])
    pages = sorted(u for u in set(old.texts) | set(new.texts) if old.texts.get(u) != new.texts.get(u))
    citations = _citation_changes(old, new)
    lines.append(f"{plural(len(added), 'claim')} added, {len(removed)} removed, {len(changed)} changed; "
                 f"{plural(len(seeds_added), 'seed')} added, {len(seeds_removed)} removed, {len(seeds)} changed; "
                 f"citations changed on {plural(len(citations), 'page')}; "
                 f"the text of {plural(len(pages), 'page')} changed.")
    lines += _section("Claims added", [f"- `{r}`: {new.claims[r][0]}\n  > {new.claims[r][1]}" for r in added])
    lines += _section("Claims removed", [f"- `{r}`: {old.claims[r][0]}\n  > {old.claims[r][1]}" for r in removed])
    lines += _section("Claims changed", [_changed_claim(r, old.claims[r], new.claims[r]) for r in changed])
    lines += _section("Seeds added", [f"- `{n}` {new.seeds[n][:12]}" for n in seeds_added])
    lines += _section("Seeds removed", [f"- `{n}` {old.seeds[n][:12]}" for n in seeds_removed])
    lines += _section("Seeds changed", [f"- `{n}`: {old.seeds[n][:12]} → {new.seeds[n][:12]}" for n in seeds])
    lines += _section("Citations added or removed", [
        "| Page | Added | Removed |", "| --- | --- | --- |",
        *(f"| `{u}` | {_refs(a)} | {_refs(r)} |" for u, (a, r) in citations.items())] if citations else [])
    lines += _section("Pages whose text changed", [f"- `{u}`" for u in pages])
    return "\n".join(lines).rstrip() + "\n"


def _citation_changes(old: Snapshot, new: Snapshot) -> dict[str, tuple[Counter[str], Counter[str]]]:
    changes = {}
    for url in sorted(set(old.citations) | set(new.citations)):
        before, after = old.citations.get(url, Counter()), new.citations.get(url, Counter())
        added, removed = after - before, before - after
        if added or removed:
            changes[url] = (added, removed)
    return changes


def _changed_claim(ref: str, old: tuple[str, str], new: tuple[str, str]) -> str:
    parts = [f"- `{ref}`"]
    if old[0] != new[0]:
        parts.append(f"  - claim: {old[0]}\n    → {new[0]}")
    if old[1] != new[1]:
        parts.append(f"  - quote: {old[1]}\n    → {new[1]}")
    return "\n".join(parts)


def _refs(counts: Counter[str]) -> str:
    return ", ".join(f"`{r}`" + (f" ×{n}" if n > 1 else "") for r, n in sorted(counts.items())) or "—"


def _section(title: str, items: list[str]) -> list[str]:
    return ["", f"### {title}", "", *items] if items else []
