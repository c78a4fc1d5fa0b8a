"""content/sources/*.yaml and seeds/ → Source, Claim and Seed values, every problem located."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from functools import partial
from typing import Any

from .cache import Memo, SameItems
from .diagnostics import Diagnostics, Location
from .extract import MAX_SEED_BYTES, NotExtractable, format_of, read_seed
from .load import Inputs, byte_location
from .model import CLAIM_TYPES, SOURCE_KINDS, Claim, Furniture, PartialDate, Seed, Source
from .schema import Field, check, check_fields, entries_by_id, field, strings
from .yamlfile import YList, YMap, load_yaml

SLUG = r"[a-z0-9]+(?:-[a-z0-9]+)*"
CLAIM_FIELDS = (
    Field("id", pattern=SLUG, doc="Unique within the source; cited as [@key:id]. Lower-case letters, digits, dashes."),
    Field("claim", doc="What the passage says, in the editors' own words; its numbers must be in the quote."),
    Field("quote", required=False, doc="Verbatim from the seed, at least four words (white space, quotation marks "
                                       "and dashes may differ). `briefing quote KEY \"text\"` finds it and writes "
                                       "the stub. Every claim but an absence claim has one."),
    Field("absent", (YList,), required=False, item=Field("term", (str, int)),
          doc="For `type: absence` only: words or phrases the whole text must not contain."),
    Field("topics", (YList,), required=False, nullable=True, doc="Topic slugs, for the claims index.",
          item=Field("topic", pattern=r"[a-z0-9-]+")),
    Field("type", required=False, choices=CLAIM_TYPES,
          doc="fact (the default), view, forecast, or absence (with `absent:` and no quote)."),
    Field("speaker", required=False, nullable=True, doc="Who says it or holds the view, when someone does."),
    Field("fact", required=False, nullable=True, pattern=SLUG,
          doc="Shared id of a fact several sources report (counted as corroboration)."),
    Field("occurrence", (int,), required=False, minimum=1,
          doc="Which occurrence of the quote in the seed, counting from 1, when it occurs more than once."),
)
FURNITURE_FIELDS = (Field("lines", (YList,), doc="[first, last]: the seed's line numbers, inclusive.",
                          item=Field("line", (int,))),
                    Field("label", doc="What these lines are (a menu, an advert)."))
SOURCE_FIELDS = (
    Field("key", pattern=SLUG, doc="The citation key ([@key:claim]): lower-case letters, digits, dashes; unique."),
    Field("seed", doc="The document's file name inside seeds/."),
    Field("sha256", pattern=r"[0-9a-f]{64}", doc="The sha256 of the seed's bytes: proves the seed is unchanged."),
    Field("title", doc="The document's title."),
    Field("outlet", nullable=True, doc="The publication or publisher, or null when the text names none."),
    Field("author", nullable=True, doc="The author or byline, or null."),
    Field("published", (PartialDate,), nullable=True, doc="When it was published: YYYY, YYYY-MM or YYYY-MM-DD, or null."),
    Field("published_note", required=False, nullable=True, doc="What the text says about its date, when unclear."),
    Field("kind", choices=SOURCE_KINDS, doc="What the document is: " + ", ".join(SOURCE_KINDS) + "."),
    Field("notes", required=False, nullable=True, doc="What a reader should know about the source."),
    Field("label", required=False, doc="A short name for tables and notes (default: outlet, else author, else key)."),
    Field("url", required=False, nullable=True, doc="The document's own address (http or https), when it has one."),
    Field("retrieved", (dt.date,), required=False, nullable=True, doc="When the document was retrieved (YYYY-MM-DD)."),
    Field("furniture", (YList,), required=False, nullable=True, doc="Line ranges that are page furniture (dimmed).",
          item=Field("range", (YMap,), fields=FURNITURE_FIELDS)),
    Field("summary", doc="An own-words Markdown summary; every sentence cites claims."),
    Field("claims", (YList,), doc="The claims, each with its verbatim quote.",
          item=Field("claim", (YMap,), fields=CLAIM_FIELDS)),
)
WEB_ADDRESS = re.compile(r"https?://[^\s<>\"'`\\]+", re.I)
STRUCTURAL = frozenset({"key", "seed", "claims"})
"""Without these a source can be neither anchored nor cited; any other bad field is reported and the rest
of the file is still checked (its claims too), with a stand-in value that is never rendered."""


def parse_sources(inputs: Inputs, diag: Diagnostics, *, memo: Memo) -> tuple[tuple[Source, ...], dict[str, Seed], frozenset[str]]:
    """The usable sources and their seeds, plus the keys of sources with errors (whose citations
    must not be blamed again as unknown). While no source file or seed changed (serve), the very same
    objects as before, so that later stages keyed by them see at once that nothing did."""
    seeds = inputs.seeds.values()
    key = (inputs.root, tuple(inputs.sources), SameItems(inputs.sources.values()), tuple(inputs.seeds),
           SameItems(entry.data for entry in seeds), tuple(entry.escapes for entry in seeds))
    return memo.get("all-sources", "", key, partial(_parse_sources, inputs, memo=memo), diag)


def _parse_sources(inputs: Inputs, diag: Diagnostics, *,
                   memo: Memo) -> tuple[tuple[Source, ...], dict[str, Seed], frozenset[str]]:
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
    doc, bad = check_fields(load_yaml(text, path, diag), SOURCE_FIELDS, what="source", where=Location(path), diag=diag,
                            deferred=("sha256",))  # reported when the seed is read, with its digest to paste
    if doc is None:
        return None
    key = doc["key"] if "key" not in bad else path.rsplit("/", 1)[-1].removesuffix(".yaml")
    claims = _claims(key, doc, diag) if "claims" not in bad else ()
    furniture = _furniture(doc, diag) if "furniture" not in bad else ()
    if bad & STRUCTURAL:
        return None

    def value(name: str, default: Any = None) -> Any:
        return doc.get(name, default) if name not in bad else default

    summary_loc = doc.where("summary")
    if doc.value_styles.get("summary") in ("|", ">"):
        summary_loc = Location(path, summary_loc.line + 1, 1)
    return Source(
        key=key, seed=doc["seed"], sha256=value("sha256", "" if "sha256" in doc else None), title=value("title", key),
        outlet=value("outlet"), author=value("author"), published=PartialDate.parse(value("published")),
        published_note=value("published_note"), kind=value("kind", "other"), notes=value("notes"),
        summary=value("summary", ""), summary_loc=summary_loc, claims=claims, furniture=furniture, path=path,
        loc=doc.loc, seed_loc=doc.where("seed"), sha_loc=doc.where("sha256"), short=value("label"),
        document_url=_web_address(value("url"), doc, diag), retrieved=value("retrieved"),
    )


def _web_address(url: str | None, doc: YMap, diag: Diagnostics) -> str | None:
    """The document's own address: only http and https, since the source page links to it."""
    if url is not None and not WEB_ADDRESS.fullmatch(url.strip()):
        diag.error(doc.where("url"), f"field 'url' must be an http:// or https:// address, not '{url}'", kind="schema")
        return None
    return url.strip() if url else None


def _claims(key: str, doc: YMap, diag: Diagnostics) -> tuple[Claim, ...]:
    spec = field(SOURCE_FIELDS, "claims").item
    assert spec is not None
    entries = entries_by_id(doc["claims"], spec.fields, what="claim", diag=diag)
    return tuple(claim for entry, bad in entries.values() if (claim := _claim(key, entry, bad, diag)))


def _claim(key: str, entry: YMap, bad: frozenset[str], diag: Diagnostics) -> Claim | None:
    """The claim, with a stand-in for each bad field but its quote or terms (without which it is unusable)."""
    def value(name: str, default: Any = None) -> Any:
        return entry.get(name, default) if name not in bad else default

    kind = value("type", "fact")
    absent = _absent(entry, kind, bad, diag)
    if absent is None:
        return None
    return Claim(
        key=key, id=entry["id"], claim=value("claim", "").strip(), quote=value("quote", ""),
        topics=strings(value("topics"), field(CLAIM_FIELDS, "topics"), where=entry.where("topics"), diag=diag),
        type=kind, speaker=value("speaker"), fact=value("fact"),
        occurrence=value("occurrence", 1), loc=entry.loc, quote_loc=entry.where("quote"), claim_loc=entry.where("claim"),
        occurrence_given="occurrence" in entry, fact_loc=entry.where("fact"),
        absent=tuple(term for term, _ in absent), absent_locs=tuple(loc for _, loc in absent),
    )


def _absent(entry: YMap, kind: str, bad: frozenset[str], diag: Diagnostics) -> list[tuple[str, Location]] | None:
    """An absence claim's terms, with their places; [] for other claims; None when the claim is unusable.
    An absence claim has `absent:` and no quote; every other claim has a quote and no `absent:`."""
    if kind != "absence":
        if "absent" in entry:
            diag.error(entry.key_locs["absent"], "field 'absent' is only for claims of `type: absence`", kind="schema")
        if "quote" not in entry:
            diag.error(entry.loc, "missing required field 'quote' in claim", kind="schema")
            return None
        return None if "quote" in bad else []  # a bad quote is reported; anchoring it would report it again
    if "absent" in bad:
        return None
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
    if source.sha256 is None:
        diag.error(source.loc, f"missing required field 'sha256' in source: the sha256 of seeds/{name} is {digest} "
                   f"(add `sha256: {digest}`)", kind="schema")
    elif source.sha256 and digest != source.sha256:
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
