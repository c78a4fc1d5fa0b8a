"""Frozen values passed between the pipeline's stages."""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from .diagnostics import Location
from .frozen import pickled

CLAIM_TYPES = ("fact", "view", "forecast", "absence")


@dataclass(frozen=True)
class Kind:
    label: str
    """How a reader is told what the document is ("Legal text")."""
    reported: bool
    """Journalism or commentary: it normally names an outlet, a byline and a date, so their absence is
    worth saying ("No byline"). For other documents (a statute, a dataset) a missing field is not shown."""
    schema_type: str = "CreativeWork"
    """The schema.org type of the document, for the pages' JSON-LD."""


KINDS = {
    "news": Kind("News report", True, "NewsArticle"), "wire": Kind("Wire report", True, "NewsArticle"),
    "analysis": Kind("Analysis", True, "AnalysisNewsArticle"), "blog": Kind("Blog post", True, "BlogPosting"),
    "summary": Kind("Summary", True, "Article"), "report": Kind("Report", False, "Report"),
    "paper": Kind("Paper", False, "ScholarlyArticle"), "legal": Kind("Legal text", False, "Legislation"),
    "transcript": Kind("Transcript", False), "press-release": Kind("Press release", False, "Article"),
    "web-page": Kind("Web page", False, "WebPage"), "book": Kind("Book", False, "Book"),
    "letter": Kind("Letter", False), "speech": Kind("Speech", False), "interview": Kind("Interview", False),
    "dataset": Kind("Dataset", False, "Dataset"), "other": Kind("Document", False),
}
"""The kinds of source: news and commentary, and the primary documents a briefing may rest on."""
SOURCE_KINDS = tuple(KINDS)


@dataclass(frozen=True, order=True)
class PartialDate:
    """A publication date as precise as the document gives it: a year, a month or a day."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, value: Any) -> PartialDate | None:
        """From YAML: a date (2004-01-15), a year (2004) or a string (\"2004-01\", \"2004-01-15\"); None if invalid."""
        if isinstance(value, dt.datetime) or isinstance(value, bool):
            return None
        if isinstance(value, dt.date):
            return cls(value.year, value.month, value.day)
        text = str(value) if isinstance(value, (int, str)) else ""
        match = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", text)
        if match is None:
            return None
        year, month, day = (int(g) if g else None for g in match.groups())
        try:
            dt.date(year, month or 1, day or 1)
        except ValueError:
            return None
        return cls(year, month, day)

    def isoformat(self) -> str:
        """ISO 8601 at the date's own precision ("2004", "2004-01", "2004-01-15"), as schema.org takes it."""
        return f"{self.year:04d}" + (f"-{self.month:02d}" if self.month else "") + (f"-{self.day:02d}" if self.day else "")

    def __str__(self) -> str:
        return self.isoformat()


@dataclass(frozen=True)
class Config:
    title: str
    description: str
    base_url: str
    """Absolute URL of the site root, ending in '/'."""
    language: str
    name: str
    """File-name slug for bundles (dist/<name>-offline.zip)."""
    names: tuple[str, ...] = ()
    """Names that contain a figure ("Genie 3"): their figures are names, not quantities, wherever they occur."""


@dataclass(frozen=True)
class Seed:
    name: str
    """File name inside seeds/."""
    text: str
    """Decoded UTF-8 with a leading BOM removed; offsets count characters of this."""
    sha256: str
    """Hex digest of the file's bytes as stored."""
    kind: str = "text"
    """The file's format: text, html (a saved web page) or pdf. For html and pdf, `text` is the extracted
    text (see briefing/extract/), and offsets and lines count in it."""
    pages: tuple[int, ...] = ()
    """For a PDF, the offset in `text` where each page starts (page n at pages[n - 1]); else empty."""
    original: bytes = field(default=b"", compare=False, repr=False)
    """For a PDF, the file's bytes, published beside its source page (`sha256` identifies them)."""

    def page_at(self, offset: int) -> int | None:
        """The 1-based PDF page holding the character at `offset`; None for a text or a web page."""
        return bisect.bisect_right(self.pages, offset) if self.pages else None


@pickled
@dataclass(frozen=True, slots=True)
class Claim:
    key: str
    id: str
    claim: str
    quote: str
    topics: tuple[str, ...]
    type: str
    """fact, view, forecast, or absence (what the source's whole text does not contain: `absent`, no quote)."""
    speaker: str | None
    """Who says it or holds the view, when someone does."""
    fact: str | None
    """Shared fact id, so the same fact in several sources can be counted as corroboration."""
    occurrence: int
    """Which occurrence of the quote in the seed (1 = first)."""
    loc: Location
    quote_loc: Location
    claim_loc: Location
    occurrence_given: bool = False
    """Whether the YAML says `occurrence:` (else the first is used, and a quote found more than once is ambiguous)."""
    fact_loc: Location | None = None
    absent: tuple[str, ...] = ()
    """For an absence claim: the terms its seed must not contain (outside furniture)."""
    absent_locs: tuple[Location, ...] = ()
    ref: str = field(init=False, compare=False, repr=False)
    """'key:id', as citations name the claim (made once: it is looked up hundreds of thousands of times)."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "ref", f"{self.key}:{self.id}")

    @property
    def evidence(self) -> tuple[str, ...]:
        """The texts a claim's numbers are judged against: its quote, or an absence claim's terms (a sentence
        saying that a figure is not in a text names that figure)."""
        return self.absent if self.type == "absence" else (self.quote,)


@dataclass(frozen=True)
class Fact:
    """A shared fact declared in content/facts.yaml: one checkable fact (the same who, what and figure)."""

    id: str
    label: str
    """The fact in words, shown wherever the site counts the sources reporting it."""
    loc: Location
    """Where its id stands in content/facts.yaml."""
    label_loc: Location
    indent: int = 1
    """The column of its keys (a wrapped label continues on lines indented past it)."""


@dataclass(frozen=True)
class Furniture:
    first: int
    last: int
    """Inclusive 1-based seed line range that is page furniture, not article text."""
    label: str


@dataclass(frozen=True)
class Source:
    key: str
    seed: str
    sha256: str | None
    """None when the file has no sha256 field (reported with the digest to add); "" when it is malformed."""
    title: str
    outlet: str | None
    author: str | None
    published: PartialDate | None
    published_note: str | None
    kind: str
    notes: str | None
    summary: str
    summary_loc: Location
    """Where the summary's first line of Markdown stands in the YAML file."""
    claims: tuple[Claim, ...]
    furniture: tuple[Furniture, ...]
    path: str
    loc: Location
    seed_loc: Location
    sha_loc: Location
    short: str | None = None
    """A short name for tables and notes; defaults to the outlet, else the author, else the key."""
    document_url: str | None = None
    """Where the document itself is published (YAML `url`): an http(s) address. (`url` is this site's page.)"""
    retrieved: dt.date | None = None
    """When the document was fetched from `document_url`."""

    @property
    def label(self) -> str:
        return self.short or self.outlet or self.author or self.key

    @property
    def kind_label(self) -> str:
        return KINDS[self.kind].label if self.kind in KINDS else self.kind

    @property
    def reported(self) -> bool:
        """Whether a missing outlet, byline or date is worth saying (see Kind.reported)."""
        return KINDS[self.kind].reported if self.kind in KINDS else False

    @property
    def url(self) -> str:
        return f"sources/{self.key}/"


@dataclass(frozen=True)
class Page:
    slug: str
    path: str
    title: str
    description: str
    order: float
    editorial: bool
    body: str
    body_line: int
    """1-based line of the file where the Markdown body starts."""
    section: str | None = None
    """The navigation section the page is listed under (see navigation.py); None: on its own."""
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    """Other front-matter fields (e.g. `data:` naming a structured-data file)."""

    @property
    def url(self) -> str:
        return "" if self.slug == "index" else f"{self.slug}/"


@pickled
@dataclass(frozen=True, slots=True)
class Span:
    """Where a quote stands in its seed: character offsets [start, end) and 1-based line/column."""

    start: int
    end: int
    line: int
    column: int
    end_line: int
    text: str = ""
    """The passage itself, exactly as the seed has it."""
    prefix: str = ""
    """The seed text before the passage, back to its sentence's start (or, when the passage starts a
    sentence, the sentence before), capped; white space runs as one space. See context.py."""
    suffix: str = ""
    """The seed text after the passage, to its sentence's end, capped."""
    page: int | None = None
    """For a PDF seed, the page the passage starts on (1-based, from the PDF's page structure); else None."""


@dataclass(frozen=True)
class Corpus:
    config: Config
    seeds: dict[str, Seed]
    sources: tuple[Source, ...]
    pages: tuple[Page, ...]
    data: dict[str, Any]
    """Structured content files (content/data/<name>.yaml), already validated."""
    flawed: frozenset[str] = frozenset()
    """Keys of sources that had errors: citations of them are not reported again as unknown."""
    incomplete: bool = False
    """Some content file could not be read whole (a syntax error, a dropped claim, row or page), so whether
    a claim or source is cited cannot be judged: those warnings would be false follow-ons."""
    unread: frozenset[str] = frozenset()
    """Slugs of pages that could not be read at all: links to them are not reported as unknown."""
    facts: tuple[Fact, ...] = ()
    """The shared facts of content/facts.yaml, in declared order."""
