"""content/facts.yaml: the registry of shared facts, and what the site counts about each.

A fact names one checkable fact: the same who, what and figure in every claim that carries it (`fact: <id>`).
The registry gives each its own label, so that corroboration is always shown as a fact in words and the
sources that report it ("Alibaba Cloud led the round — 5 of 5 sources: NextFin, …"), never as a bare count
under a topic. The file is optional; a claim's `fact:` must name a fact it declares."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from .cache import Memo
from .diagnostics import Diagnostics, Location, did_you_mean
from .load import Inputs
from .model import Fact, Source
from .schema import Field, check, entries_by_id
from .yamlfile import YList, YMap, load_yaml

PATH = "content/facts.yaml"
SLUG = r"[a-z0-9]+(?:-[a-z0-9]+)*"
FACT_FIELDS = (Field("id", pattern=SLUG, doc="The fact's id, as claims give it in `fact:`; unique."),
               Field("label", doc="The fact in words, as notes and matrices show it."))
REGISTRY_FIELDS = (Field("facts", (YList,), doc="The shared facts, in the order matrices list them.",
                         item=Field("fact", (YMap,), fields=FACT_FIELDS)),)


@dataclass(frozen=True)
class Corroboration:
    label: str
    sources: tuple[str, ...]
    """The labels of the sources with a claim carrying the fact, in source order."""


def parse_facts(inputs: Inputs, diag: Diagnostics, *, memo: Memo) -> tuple[tuple[Fact, ...], bool]:
    """The declared facts in order, and whether the registry was read without errors."""
    if inputs.facts is None:
        return (), True
    before = len(diag.errors)
    facts = memo.get("facts", PATH, inputs.facts, partial(_registry, inputs.facts), diag)
    return facts, len(diag.errors) == before


def _registry(text: str, diag: Diagnostics) -> tuple[Fact, ...]:
    if not text.strip():
        return ()
    doc = check(load_yaml(text, PATH, diag), REGISTRY_FIELDS, what="facts file", where=Location(PATH), diag=diag)
    if doc is None:
        return ()
    entries = entries_by_id(doc["facts"], FACT_FIELDS, what="fact", diag=diag)
    return tuple(Fact(e["id"], e["label"].strip(), e.where("id"), e.where("label"), e.loc.column)
                 for e, bad in entries.values() if "label" not in bad)


def check_facts(sources: tuple[Source, ...], facts: tuple[Fact, ...], diag: Diagnostics, *, registry_ok: bool,
                sources_ok: bool) -> None:
    """Every claim's `fact:` names a declared fact; every declared fact is carried by some claim. Each check
    is skipped when its other side had errors, so that a broken file does not make every fact look wrong."""
    declared = {f.id for f in facts}
    carried = set()
    for source in sources:
        for claim in source.claims:
            if claim.fact is None:
                continue
            carried.add(claim.fact)
            if registry_ok and claim.fact not in declared:
                diag.error(claim.fact_loc or claim.loc, f"claim '{claim.id}' names fact '{claim.fact}', which {PATH} "
                           f"does not declare{did_you_mean(claim.fact, declared)}", kind="fact")
    if not sources_ok:
        return
    for fact in facts:
        if fact.id not in carried:
            diag.warning(fact.loc, f"fact '{fact.id}' is declared but no claim carries it (`fact: {fact.id}`)",
                         kind="unused-fact")


def corroboration(sources: tuple[Source, ...], facts: tuple[Fact, ...]) -> dict[str, Corroboration]:
    """Per declared fact, its label and the sources reporting it."""
    reporting: dict[str, list[str]] = {fact.id: [] for fact in facts}
    for source in sources:
        for fact_id in dict.fromkeys(c.fact for c in source.claims if c.fact in reporting):
            reporting[fact_id].append(source.label)
    return {fact.id: Corroboration(fact.label, tuple(reporting[fact.id])) for fact in facts}
