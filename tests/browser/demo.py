"""A small briefing made for the browser tests whose behaviour needs particular content, whatever briefing
this repository holds: a sentence citing six claims at once, figures to search for in several spellings, a
navigation of thirteen pages in sections, pages with three or more sections, a three-column timeline with
long cells, a glossary table, a fact two sources report and a claim of absence. The texts are invented for
these tests."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from browsing import NODE_MODULES, build, bundle, require, serve
from kit import make_project

WIRE = """\
Harbor Robotics raises $290 million to teach machines about the physical world

HALIFAX, May 4 (Example Wire) - Harbor Robotics, a four-year-old maker of warehouse robots, said on Monday it had raised $290 million in a Series C round led by Lumen Capital.
The round values the company at $1.2 billion, according to two people familiar with the deal.
Tidewater Ventures and North Shore Partners also took part in the round.
Harbor Robotics said it would spend the money on a world model that predicts how objects move when a robot touches them.
Harbor Robotics employs 340 people and ships its robots to 18 countries.
Its chief executive, Mara Quill, said robots that understand cause and effect will need far less training data.
Quill said the first robots running the new model should reach customers within two years.
Critics warn that simulated training often fails when robots meet cluttered real warehouses.
Harbor Robotics had raised $40 million in an earlier round eighteen months ago.
Analysts at Pier Research expect the market for warehouse robots to grow by 12% a year.
"""

LEDGER = """\
Why Harbor's world model matters

By the Ledger Team

Harbor Robotics has joined the race to build world models, AI systems that learn how the physical world behaves instead of predicting the next word.
The $290M round is the largest yet for a robotics startup in Canada.
Lumen Capital led the investment, with Tidewater Ventures joining.
A world model lets a robot rehearse a task thousands of times in simulation before trying it for real.
The hard part, the team argues, is the gap between simulation and a real warehouse floor.
"""

WIRE_CLAIMS = """\
- id: raise
  claim: Harbor Robotics raised $290 million in a Series C round.
  quote: Harbor Robotics, a four-year-old maker of warehouse robots, said on Monday it had raised $290 million in a Series C round
  topics: [deal]
- id: lead
  claim: Lumen Capital led the round.
  quote: in a Series C round led by Lumen Capital
  topics: [deal, investors]
  fact: round-lead
- id: others
  claim: Tidewater Ventures and North Shore Partners also invested.
  quote: Tidewater Ventures and North Shore Partners also took part in the round
  topics: [investors]
- id: maker
  claim: Harbor Robotics makes robots for warehouses.
  quote: a four-year-old maker of warehouse robots
  topics: [company]
- id: purpose
  claim: The money is to pay for a world model of how objects move when a robot touches them.
  quote: spend the money on a world model that predicts how objects move when a robot touches them
  topics: [world-models]
- id: value
  claim: People familiar with the deal say it values the company at $1.2 billion.
  quote: The round values the company at $1.2 billion, according to two people familiar with the deal
  topics: [deal]
- id: staff
  claim: Harbor Robotics has 340 staff and sells its robots in 18 countries.
  quote: Harbor Robotics employs 340 people and ships its robots to 18 countries
  topics: [company]
- id: less-data
  claim: Mara Quill says robots that grasp cause and effect will need much less training data.
  quote: said robots that understand cause and effect will need far less training data
  type: view
  speaker: Mara Quill (chief executive)
  topics: [world-models]
- id: two-years
  claim: Quill expects the first robots with the new model to reach customers within two years.
  quote: the first robots running the new model should reach customers within two years
  type: forecast
  speaker: Mara Quill (chief executive)
  topics: [outlook]
- id: sim-fails
  claim: Critics warn that training in simulation often fails in cluttered real warehouses.
  quote: simulated training often fails when robots meet cluttered real warehouses
  type: view
  speaker: Critics (unnamed)
  topics: [risks]
- id: earlier
  claim: Harbor Robotics raised $40 million in an earlier round eighteen months before.
  quote: had raised $40 million in an earlier round eighteen months ago
  topics: [deal]
- id: market
  claim: Pier Research expects the warehouse-robot market to grow by 12% a year.
  quote: expect the market for warehouse robots to grow by 12% a year
  type: forecast
  speaker: Pier Research
  topics: [outlook]
- id: dateline
  claim: The report is datelined Halifax, May 4.
  quote: HALIFAX, May 4 (Example Wire)
"""

LEDGER_CLAIMS = """\
- id: race
  claim: The Ledger Team says Harbor Robotics has joined the race to build world models.
  quote: Harbor Robotics has joined the race to build world models
  type: view
  speaker: Ledger Team (blog)
  topics: [world-models]
- id: definition
  claim: The blog describes world models as AI that learns how the physical world behaves, not the next word.
  quote: AI systems that learn how the physical world behaves instead of predicting the next word
  topics: [world-models]
- id: largest
  claim: The blog calls the $290M round the largest yet for a Canadian robotics startup.
  quote: The $290M round is the largest yet for a robotics startup in Canada
  topics: [deal]
- id: lead
  claim: The blog says Lumen Capital led the investment, with Tidewater Ventures joining.
  quote: Lumen Capital led the investment, with Tidewater Ventures joining
  topics: [deal, investors]
  fact: round-lead
- id: no-valuation
  claim: The blog gives no valuation for the company.
  type: absence
  absent: [valuation, valued, values, billion]
  topics: [deal]
- id: rehearse
  claim: The blog says a world model lets a robot rehearse a task many times in simulation first.
  quote: A world model lets a robot rehearse a task thousands of times in simulation before trying it for real
  topics: [world-models]
- id: gap
  claim: The blog argues that the hard part is the gap between simulation and a real warehouse.
  quote: The hard part, the team argues, is the gap between simulation and a real warehouse floor
  type: view
  speaker: Ledger Team (blog)
  topics: [risks]
"""

SIX = "[@wire:raise; @wire:lead; @wire:others; @ledger:lead; @wire:purpose; @wire:maker]"
"""The first sentence of the home page cites these six claims at once: notes 1 to 6."""

PAGES = {
    "index": ("Overview", None, 0, f"""\
Harbor Robotics, a maker of warehouse robots, has raised $290 million in a round led by Lumen Capital, with Tidewater Ventures and North Shore Partners taking part, to build a world model of how objects move {SIX}.
Its chief executive expects robots that grasp cause and effect to need much less training data [@wire:less-data].

## Key points

- **The round:** the company raised $290 million, and people familiar with the deal value it at $1.2 billion [@wire:raise; @wire:value].
- **The aim:** a world model that predicts how objects move when a robot touches them [@wire:purpose; @ledger:definition].

## What comes next

Quill expects the first robots with the new model to reach customers within two years [@wire:two-years].
Pier Research expects the warehouse-robot market to grow by 12% a year [@wire:market].

## Doubts

Critics warn that training in simulation often fails in cluttered real warehouses [@wire:sim-fails; @ledger:gap].
"""),
    "the-round": ("The round", "The story", 1, """\
Harbor Robotics raised $290 million in a Series C round led by Lumen Capital [@wire:raise; @wire:lead].

## The amount

The wire report gives the figure as $290 million, and the Ledger Team's blog as $290M [@wire:raise; @ledger:largest].
The blog calls the $290 million round the largest yet for a robotics startup in Canada [@ledger:largest].

## The valuation

People familiar with the deal say the $290 million round values the company at $1.2 billion [@wire:raise; @wire:value].

## The earlier round

The company had raised $40 million in an earlier round [@wire:earlier].
"""),
    "who-invested": ("Who invested in Harbor Robotics", "The story", 2, """\
Lumen Capital led the round [@wire:lead; @ledger:lead].
Tidewater Ventures and North Shore Partners also invested [@wire:others].
"""),
    "the-company": ("The company behind the warehouse robots", "The story", 3, """\
Harbor Robotics makes robots for warehouses, has 340 staff and sells its robots in 18 countries [@wire:maker; @wire:staff].
"""),
    "the-world-model": ("What the world model is for", "The story", 4, """\
The money is to pay for a world model of how objects move when a robot touches them [@wire:purpose].
The Ledger Team's blog describes world models as AI that learns how the physical world behaves [@ledger:definition].
A world model, the blog says, lets a robot rehearse a task many times in simulation first [@ledger:rehearse].
"""),
    "risks": ("Risks and open questions", "The analysis", 5, """\
Both sources name one risk above others: what a robot learns in simulation may not hold on a real floor [@wire:sim-fails; @ledger:gap].

## Training in simulation

Critics warn that training in simulation often fails in cluttered real warehouses [@wire:sim-fails].
The blog argues that the hard part is the gap between simulation and a real warehouse [@ledger:gap].
A world model, the blog says, lets a robot rehearse a task many times in simulation first [@ledger:rehearse].
The money is to pay for a world model of how objects move when a robot touches them [@wire:purpose].
Sceptics doubt that practice in simulation carries over to untidy real warehouses [@wire:sim-fails].

## Forecasts

Quill expects the first robots with the new model to reach customers within two years [@wire:two-years].
Pier Research expects the warehouse-robot market to grow by 12% a year [@wire:market].
"""),
    "timeline": ("Timeline", "The analysis", 6, """\
The two sources date events loosely: the wire report gives a weekday and a day of the month, and the blog gives no dates [@wire:dateline; @wire:earlier].
"""),
    "agree-differ": ("Where the sources agree and differ", "The analysis", 7, """\
Both sources say Lumen Capital led the round [@wire:lead; @ledger:lead].
They write the amount differently, as $290 million and as $290M [@wire:raise; @ledger:largest].
Only the wire report gives a valuation; the blog gives none [@wire:value; @ledger:no-valuation].
"""),
    "glossary": ("Glossary", "Reference", 8, """\
The sources use a few terms of their own [@ledger:definition; @wire:raise].
"""),
    "faq": ("Questions readers ask", "Reference", 9, """\
## How much was raised?

Harbor Robotics raised $290 million [@wire:raise].

## What is a world model?

The blog describes world models as AI that learns how the physical world behaves, not the next word [@ledger:definition].
"""),
    "about": ("About this briefing", "Reference", 70, """\
::: editorial
This briefing is a test: a small invented corpus for the browser tests.
:::
"""),
}

TIMELINE = """\
kind: table
caption: Dated events in the sources, oldest first
columns:
  when: When
  event: Event
  dated_by: Dated by
rows:
  - when: Eighteen months before the new round (the report gives no date for the earlier round itself)
    event: Harbor Robotics raises $40 million in an earlier round, according to the wire report's account of the company's funding [@wire:earlier].
    dated_by: Example Wire, which says only that the earlier round came eighteen months before this one [@wire:earlier].
  - when: Monday, May 4 (the report gives no year)
    event: Harbor Robotics announces that it has raised $290 million in a Series C round led by Lumen Capital [@wire:raise; @wire:lead].
    dated_by: Example Wire, in its dateline, which names the day of the month but not the year [@wire:dateline].
  - when: Within two years of the round (a forecast, not an event)
    event: The first robots running the new world model should reach customers, in the chief executive's expectation [@wire:two-years].
    dated_by: Mara Quill, as quoted by Example Wire; no other source gives a date [@wire:two-years].
"""

GLOSSARY = """\
kind: table
caption: Terms used in the sources
columns:
  term: Term
  meaning: What the sources say
rows:
  - term: Series C
    meaning: The round in which Harbor Robotics raised $290 million [@wire:raise].
  - term: Simulation gap
    meaning: The blog's hard part, the gap between simulation and a real warehouse [@ledger:gap].
  - term: World model
    meaning: AI that learns how the physical world behaves, in the blog's telling [@ledger:definition].
"""


def source(key: str, seed: str, text: str, claims: str, *, title: str, outlet: str | None, author: str | None,
           published: str, kind: str, summary: str) -> str:
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    indented = "".join("  " + line + "\n" for line in claims.splitlines())
    return (f"key: {key}\nseed: {seed}\nsha256: {sha}\ntitle: {title}\noutlet: {outlet or 'null'}\n"
            f"author: {author or 'null'}\npublished: {published}\nkind: {kind}\nsummary: |\n  {summary}\n"
            f"claims:\n{indented}")


def make_demo(tmp_path: Path) -> Path:
    """The demo briefing's project folder."""
    files: dict[str, str | bytes | None] = {
        "content/site.yaml": "title: Harbor Robotics, cited\ndescription: A test briefing.\n"
                             "base_url: https://example.org/\nlanguage: en\n",
        "content/sources/acme.yaml": None, "seeds/acme.txt": None,
        "seeds/wire.txt": WIRE, "seeds/ledger.txt": LEDGER,
        "content/sources/wire.yaml": source(
            "wire", "wire.txt", WIRE, WIRE_CLAIMS, title="Harbor Robotics raises $290 million", outlet="Example Wire",
            author=None, published="2026-05-04", kind="wire", summary="Harbor Robotics raised $290 million [@wire:raise]."),
        "content/sources/ledger.yaml": source(
            "ledger", "ledger.txt", LEDGER, LEDGER_CLAIMS, title="Why Harbor's world model matters", outlet=None,
            author="Ledger Team", published="null", kind="blog",
            summary="The Ledger Team says Harbor Robotics has joined the race to build world models [@ledger:race]."),
        "content/data/timeline.yaml": TIMELINE, "content/data/glossary.yaml": GLOSSARY,
        "content/facts.yaml": "facts:\n  - id: round-lead\n    label: Lumen Capital led the round\n",
    }
    for slug, (title, section, order, body) in PAGES.items():
        extra = (f"section: {section}\n" if section else "") + (f"data: {slug}\n" if slug in ("timeline", "glossary") else "")
        extra += "editorial: true\n" if slug == "about" else ""
        files[f"content/pages/{slug}.md"] = (f"---\ntitle: {title}\ndescription: A test page.\norder: {order}\n{extra}"
                                             f"---\n{body}")
    return make_project(tmp_path, files)


@pytest.fixture(scope="session")
def demo_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    require((NODE_MODULES / "minisearch").is_dir(), "node_modules is missing: run `npm ci`")
    return make_demo(tmp_path_factory.mktemp("demo"))


@pytest.fixture(scope="session")
def demo_site(demo_project: Path) -> Path:
    return build(demo_project / "_site", demo_project)


@pytest.fixture(scope="session")
def demo_offline(demo_project: Path) -> Path:
    """The demo's offline edition (the site built for file://), unzipped: the folder holding its index.html."""
    return bundle(demo_project.parent / "dist", demo_project)


@pytest.fixture(scope="session")
def demo_url(demo_site: Path) -> Iterator[str]:
    with serve(demo_site) as url:
        yield url


def sites(request: pytest.FixtureRequest, which: str) -> tuple[Path, str]:
    """For tests run on both: this repository's site ("site") or the demo ("demo"), as (built folder, URL)."""
    if which == "site":
        return request.getfixturevalue("site"), request.getfixturevalue("base_url")
    return request.getfixturevalue("demo_site"), request.getfixturevalue("demo_url")
