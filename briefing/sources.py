"""content/sources/*.yaml and seeds/ → Source, Claim and Seed values, every problem located."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from functools import partial
from typing import Any

from .cache import Memo
from .diagnostics import Diagnostics, Location
from .extract import MAX_SEED_BYTES, NotExtractable, format_of, read_seed
from .load import Inputs, byte_location
from .model import CLAIM_TYPES, SOURCE_KINDS, Claim, Furniture, Seed, Source
from .schema import Field, check, entries_by_id, strings
from .yamlfile import YList, YMap, load_yaml

SLUG = r"[a-z0-9]+(?:-[a-z0-9]+)*"
SOURCE_FIELDS = (
    Field("key", pattern=SLUG), Field("seed"), Field("sha256", pattern=r"[0-9a-f]{64}"),
    Field("title"), Field("outlet", nullable=True), Field("author", nullable=True),
    Field("published", (dt.date,), nullable=True),
    Field("published_note", required=False, nullable=True),
    Field("kind", choices=SOURCE_KINDS), Field("notes", required=False, nullable=True),
    Field("label", required=False),
    Field("url", required=False, nullable=True), Field("retrieved", (dt.date,), required=False, nullable=True),
    Field("furniture", (YList,), required=False, nullable=True),
    Field("summary"), Field("claims", (YList,)),
)
CLAIM_FIELDS = (
    Field("id", pattern=SLUG), Field("claim"), Field("quote", required=False), Field("absent", (YList,), required=False),
    Field("topics", (YList,), required=False, nullable=True),
    Field("type", required=False, choices=CLAIM_TYPES),
    Field("speaker", required=False, nullable=True),
    Field("fact", required=False, nullable=True, pattern=SLUG),
    Field("occurrence", (int,), required=False),
)
WEB_ADDRESS = re.compile(r"https?://[^\s<>\"'`\\]+", re.I)
FURNITURE_FIELDS = (Field("lines", (YList,)), Field("label"))


def parse_sources(inputs: Inputs, diag: Diagnostics, *, memo: Memo) -> tuple[tuple[Source, ...], dict[str, Seed], frozenset[str]]:
    """The usable sources and their seeds, plus the keys of sources with errors (whose citations
    must not be blamed again as unknown)."""
    sources: dict[str, Source] = {}
    seeds: dict[str, Seed] = {}
    flawed: set[str] = set()
    for path, text in inputs.sources.items():
        before = len(diag.errors)
        source = memo.get("source", path, text, partial(_source, path, text), diag)
        if len(diag.errors) > before:
            flawed.add(source.key if source else path.rsplit("/", 1)[-1].removesuffix(".yaml"))
        if source is None:
            continue
        if source.key in sources:
            first = sources[source.key].loc
            diag.error(source.loc, f"duplicate source key '{source.key}' (also in {first.path})", kind="duplicate")
            continue
        entry = inputs.seeds.get(source.seed)
        seed = memo.get("seed", path, (source, entry), partial(_seed, source, inputs), diag)
        if seed is None:
            flawed.add(source.key)
        else:
            seeds[seed.name] = seed
            sources[source.key] = source
    return tuple(sorted(sources.values(), key=lambda s: s.key)), seeds, frozenset(flawed)


def _source(path: str, text: str, diag: Diagnostics) -> Source | None:
    if not text.strip():
        diag.error(Location(path), "file is empty: a source needs key, seed, sha256, title, summary and claims", kind="schema")
        return None
    doc = check(load_yaml(text, path, diag), SOURCE_FIELDS, what="source", where=Location(path), diag=diag)
    if doc is None:
        return None
    claims = _claims(doc, diag)
    summary_loc = doc.where("summary")
    if doc.value_styles.get("summary") in ("|", ">"):
        summary_loc = Location(path, summary_loc.line + 1, 1)
    return Source(
        key=doc["key"], seed=doc["seed"], sha256=doc["sha256"], title=doc["title"], outlet=doc.get("outlet"),
        author=doc.get("author"), published=doc.get("published"), published_note=doc.get("published_note"),
        kind=doc["kind"], notes=doc.get("notes"), summary=doc["summary"], summary_loc=summary_loc,
        claims=claims, furniture=_furniture(doc, diag), path=path, loc=doc.loc,
        seed_loc=doc.where("seed"), sha_loc=doc.where("sha256"), short=doc.get("label"),
        document_url=_web_address(doc, diag), retrieved=doc.get("retrieved"),
    )


def _web_address(doc: YMap, diag: Diagnostics) -> str | None:
    """The document's own address: only http and https, since the source page links to it."""
    url = doc.get("url")
    if url is not None and not WEB_ADDRESS.fullmatch(url.strip()):
        diag.error(doc.where("url"), f"field 'url' must be an http:// or https:// address, not '{url}'", kind="schema")
        return None
    return url.strip() if url else None


def _claims(doc: YMap, diag: Diagnostics) -> tuple[Claim, ...]:
    entries = entries_by_id(doc["claims"], CLAIM_FIELDS, what="claim", diag=diag)
    return tuple(claim for entry in entries.values() if (claim := _claim(doc["key"], entry, diag)))


def _claim(key: str, entry: YMap, diag: Diagnostics) -> Claim | None:
    occurrence = entry.get("occurrence", 1)
    if occurrence < 1:
        diag.error(entry.where("occurrence"), "occurrence counts from 1", kind="schema")
    absent = _absent(entry, diag)
    if absent is None:
        return None
    return Claim(
        key=key, id=entry["id"], claim=entry["claim"].strip(), quote=entry.get("quote", ""),
        topics=strings(entry.get("topics"), field="topics", where=entry.where("topics"), diag=diag),
        type=entry.get("type", "fact"), speaker=entry.get("speaker"), fact=entry.get("fact"),
        occurrence=max(occurrence, 1), loc=entry.loc, quote_loc=entry.where("quote"), claim_loc=entry.where("claim"),
        occurrence_given="occurrence" in entry, fact_loc=entry.where("fact"),
        absent=tuple(term for term, _ in absent), absent_locs=tuple(loc for _, loc in absent),
    )


def _absent(entry: YMap, diag: Diagnostics) -> list[tuple[str, Location]] | None:
    """An absence claim's terms, with their places; [] for other claims; None when the claim is unusable.
    An absence claim has `absent:` and no quote; every other claim has a quote and no `absent:`."""
    if entry.get("type") != "absence":
        if "absent" in entry:
            diag.error(entry.key_locs["absent"], "field 'absent' is only for claims of `type: absence`", kind="schema")
        if "quote" not in entry:
            diag.error(entry.loc, "missing required field 'quote' in claim", kind="schema")
            return None
        return []
    if "quote" in entry:
        diag.error(entry.key_locs["quote"], "an absence claim has no quote: the build searches the whole text for "
                   "its `absent` terms instead (remove `quote`)", kind="schema")
    items = entry.get("absent")
    if not items:
        diag.error(entry.where("absent"), "an absence claim needs `absent:`, a list of at least one term the text "
                   "must not contain", kind="schema")
        return None
    terms = []
    for item, loc in zip(items, items.item_locs):
        if type(item) is int or (isinstance(item, str) and item.strip()):  # a year is a term too: absent: [2025]
            terms.append((str(item).strip(), loc))
        else:
            diag.error(loc, f"'absent' items must be words or phrases, not {item!r}", kind="schema")
    return terms if len(terms) == len(items) else None


def _furniture(doc: YMap, diag: Diagnostics) -> tuple[Furniture, ...]:
    items = doc.get("furniture") or YList()
    found = []
    for item, loc in zip(items, getattr(items, "item_locs", [])):
        entry = check(item, FURNITURE_FIELDS, what="furniture range", where=loc, diag=diag)
        lines: Any = entry and entry["lines"]
        if entry is None:
            continue
        if not (len(lines) == 2 and all(type(n) is int for n in lines) and 1 <= lines[0] <= lines[1]):
            diag.error(entry.where("lines"), "furniture 'lines' must be [first, last] line numbers", kind="schema")
            continue
        found.append(Furniture(lines[0], lines[1], entry["label"]))
    return tuple(found)


def _seed(source: Source, inputs: Inputs, diag: Diagnostics) -> Seed | None:
    name = source.seed
    if "/" in name or "\\" in name or name in (".", "..") or name.startswith("~") or "\0" in name:
        diag.error(source.seed_loc, f"seed '{name}' must be a plain file name inside seeds/", kind="seed")
        return None
    entry = inputs.seeds.get(name)
    if entry is None:
        diag.error(source.seed_loc, f"seed file 'seeds/{name}' does not exist", kind="seed")
        return None
    if entry.escapes or entry.data is None:
        diag.error(source.seed_loc, f"seed 'seeds/{name}' is a symlink that leaves the project", kind="seed")
        return None
    digest = hashlib.sha256(entry.data).hexdigest()
    if digest != source.sha256:
        diag.error(source.sha_loc, f"seed 'seeds/{name}' has changed since it was summarised: "
                   f"sha256 is {digest}, the source says {source.sha256}", kind="seed")
    if len(entry.data) > MAX_SEED_BYTES:
        diag.error(source.seed_loc, f"seed 'seeds/{name}' is {len(entry.data):,} bytes, over the limit of "
                   f"{MAX_SEED_BYTES:,} bytes ({MAX_SEED_BYTES // 2**20} MiB): split the document into several seeds",
                   kind="seed")
        return None
    path = f"seeds/{name}"
    try:
        found = read_seed(name, entry.data, digest, root=inputs.root)
    except NotExtractable as problem:
        where = byte_location(path, entry.data, problem.offset) if problem.offset is not None else Location(path)
        diag.error(where, f"{problem.message} (cited by {source.path})", kind="seed")
        return None
    if found.repairs:
        diag.warning(Location(path), f"PDF is damaged: it was read only by working around "
                     f"{'; '.join(found.repairs[:3])}{' …' if len(found.repairs) > 3 else ''}; check its text "
                     f"against the original (cited by {source.path})", kind="seed")
    kind = format_of(name)
    return Seed(name=name, text=found.text, sha256=digest, kind=kind, pages=found.pages,
                original=entry.data if kind == "pdf" else b"")
