"""Reads a parsed Markdown document as prose: its sentences and table rows, the citations each
carries, and the structural problems (citations in headings or link text, refused link schemes)."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from markdown_it.token import Token

from .diagnostics import Location

PLACEHOLDER = "\ue000"
BOUNDARY = re.compile(r"[.!?][\"”’')\]]*\ue000*\s+(?=[\"“‘(\[]?[A-Z0-9])")
ABBREVIATIONS = ("U.S.", "U.K.", "e.g.", "i.e.", "vs.", "Mr.", "Ms.", "Dr.", "St.", "No.", "Inc.", "Co.", "etc.")
LINK_SCHEMES = ("http", "https", "mailto")
NAME = r"[a-z0-9]+(?:-[a-z0-9]+)*"
MISSING_AT = re.compile(rf"\[({NAME}:{NAME}(?:\s*;\s*@?{NAME}:{NAME})*)\]")
"""`[gpl:agpl]`: a citation without its '@' (markdown-it leaves it as text)."""
BARE = re.compile(rf"(?<![\w@\[;/.:-])@{NAME}:{NAME}\b")
"""`@apache:x` outside brackets."""
FINAL = re.compile(r"(\S*?)([.!?][\"”’')\]]*)$")
"""The last word of a text and the sentence punctuation it ends with."""


@dataclass(slots=True)
class Cite:
    key: str
    id: str
    token: Token
    loc: Location
    ref: str = field(init=False, repr=False, compare=False)
    """'key:id' (made once: it is looked up for every build of the page)."""

    def __post_init__(self) -> None:
        self.ref = f"{self.key}:{self.id}"


@dataclass(slots=True)
class Unit:
    """A sentence, or a table row: the unit that must carry a citation."""

    text: str
    cites: list[Cite]
    loc: Location
    kind: str = "sentence"
    editorial: bool = False
    attempted: bool = False
    """It holds something meant as a citation but malformed (reported on its own), so it is not also uncited."""
    end_line: int | None = None
    """The file line where the unit ends, when it is not the line it starts on."""


@dataclass
class Reading:
    cites: list[Cite] = field(default_factory=list)
    """Every well-formed citation, in document order."""
    units: list[Unit] = field(default_factory=list)
    problems: list[tuple[Location, str, str]] = field(default_factory=list)
    """(location, message, kind) for the structural problems found."""
    links: list[tuple[Token, Location]] = field(default_factory=list)
    """Relative links, for the resolver to check against the site's pages."""


@dataclass
class _Block:
    path: str
    line: int
    lines: list[str]
    parts: list[str] = field(default_factory=list)
    cites: list[tuple[int, Cite]] = field(default_factory=list)
    attempts: list[int] = field(default_factory=list)
    """Offsets of malformed citations, so the sentence holding one is not reported as uncited too."""
    size: int = 0
    """Characters in `parts` so far (kept, not recomputed: paragraphs can hold many citations)."""
    newlines: int = 0
    cursor: tuple[int, int] = (0, 0)
    """(line, column) just past the last element located while walking, so a second identical citation
    on a line is located at its own column, not at the first one's."""

    def add(self, text: str) -> None:
        self.parts.append(text)
        self.size += len(text)
        self.newlines += text.count("\n")


def read(tokens: list[Token], *, path: str, first_line: int, lines: list[str], editorial: bool = False) -> Reading:
    """Walk block tokens; `first_line` is the file line of the Markdown's first line."""
    reading, depth, heading, head_row, row = Reading(), 0, False, False, None
    for token in tokens:
        if token.type == "container_editorial_open":
            depth += 1
        elif token.type == "container_editorial_close":
            depth -= 1
        elif token.type in ("heading_open", "heading_close"):
            heading = token.type == "heading_open"
        elif token.type in ("thead_open", "thead_close"):
            head_row = token.type == "thead_open"
        elif token.type == "tr_open":
            row = Unit("", [], _line_loc(path, token, first_line), kind="row", editorial=editorial or depth > 0)
        elif token.type == "tr_close" and row is not None:
            if not head_row:
                reading.units.append(row)
            row = None
        elif token.type == "inline":
            block = _Block(path, first_line + (token.map[0] if token.map else 0), lines)
            _walk_inline(token.children or [], block, reading, in_heading=heading)
            if heading:
                continue
            units = _sentences(block, editorial=editorial or depth > 0)
            if row is not None:
                row.text = " ".join(filter(None, [row.text, *(u.text for u in units)]))
                row.cites.extend(c for u in units for c in u.cites)
            else:
                reading.units.extend(units)
    return reading


def _line_loc(path: str, token: Token, first_line: int) -> Location:
    return Location(path, first_line + (token.map[0] if token.map else 0), (token.meta or {}).get("column", 1))


def _walk_inline(children: list[Token], block: _Block, reading: Reading, *, in_heading: bool) -> None:
    link_depth = 0
    for i, child in enumerate(children):
        if child.type == "citation":
            # A citation inside [link text](url) stops the link from parsing: the text after it starts "](".
            nxt = children[i + 1] if i + 1 < len(children) else None
            in_link = link_depth > 0 or (nxt is not None and nxt.type == "text" and nxt.content.startswith("]("))
            _after_full_stop(child, nxt, block, reading)
            _citation(child, block, reading, in_heading=in_heading, in_link=in_link)
        elif child.type in ("text", "code_inline"):
            if "[@" in child.content:
                loc = _find(block, block.line, "[@")
                reading.problems.append((loc, "malformed citation: '[@' without a closing ']'", "citation"))
            if child.type == "text" and link_depth == 0:
                _near_citations(child.content, block, reading)
            block.add(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            block.add("\n")
        elif child.type == "link_open":
            link_depth += 1
            _check_link(child, str(child.attrGet("href") or ""), block, reading, image=False)
        elif child.type == "link_close":
            link_depth -= 1
        elif child.type == "image":
            _check_link(child, str(child.attrGet("src") or ""), block, reading, image=True)


def _citation(token: Token, block: _Block, reading: Reading, *, in_heading: bool, in_link: bool) -> None:
    line = block.line + block.newlines
    loc = _find(block, line, token.content, advance=True)
    for message in token.meta["problems"]:
        reading.problems.append((loc, message, "citation"))
    if in_heading or in_link:
        where = "a heading" if in_heading else "link text"
        reading.problems.append((loc, f"citation {token.content} inside {where}: cite in the prose instead", "citation"))
        return
    for key, claim_id in token.meta["refs"]:
        cite = Cite(key, claim_id, token, loc)
        reading.cites.append(cite)
        block.cites.append((block.size, cite))
    block.add(PLACEHOLDER)


def _after_full_stop(token: Token, nxt: Token | None, block: _Block, reading: Reading) -> None:
    """`kind. [@apache:as-is]`: a citation after the sentence's end would be read as citing the next one.
    After an abbreviation ("U.S. [@a:b].") the sentence goes on, which the punctuation after it shows."""
    before = block.parts[-1] if block.parts else ""
    final = FINAL.search(before)
    following = nxt.content if nxt is not None and nxt.type == "text" else ""
    if final is None or before.endswith(PLACEHOLDER) or _abbreviation(before, len(before) - 1) or \
            re.match(r"\s*[.!?,;:]", following):
        return
    word, punctuation = final.groups()
    loc = _find(block, block.line + block.newlines, token.content)
    reading.problems.append((loc, f"citation {token.content} comes after the sentence's final punctuation: put it "
                             f"before the '{punctuation}' (write \"{word} {token.content}{punctuation}\")", "citation"))


def _near_citations(text: str, block: _Block, reading: Reading) -> None:
    """What was meant as a citation but will not be read as one: said where it is, with the fix."""
    for pattern, advice in ((MISSING_AT, "looks like a citation without its '@'"), (BARE, "is not in brackets")):
        for match in pattern.finditer(text):
            seen = match.group(0)
            fixed = "[" + re.sub(rf"(^|;\s*)@?({NAME}:)", r"\1@\2", match.group(1)) + "]" if pattern is MISSING_AT \
                else f"[{seen}]"
            line = block.line + block.newlines + text.count("\n", 0, match.start())
            reading.problems.append((_find(block, line, seen, advance=True), f"'{seen}' {advice}: write {fixed}",
                                     "citation"))
            block.attempts.append(block.size + match.start())


def _check_link(token: Token, url: str, block: _Block, reading: Reading, *, image: bool) -> None:
    line = block.line + block.newlines
    loc = _find(block, line, url, advance=True)
    scheme = urlsplit(url.strip()).scheme.lower() if ":" in url else ""
    if scheme and scheme not in LINK_SCHEMES:
        reading.problems.append((loc, f"link scheme '{scheme}:' is not allowed (use http, https, mailto or a relative link)", "link"))
    elif image and (scheme or url.startswith("//")):
        reading.problems.append((loc, "images must be local files: a remote image is a third-party request", "link"))
    elif not scheme and not url.startswith("//"):
        reading.links.append((token, loc))


def _find(block: _Block, line: int, needle: str, after: int = 0, *, advance: bool = False) -> Location:
    """Locate `needle` on the given file line for an exact column; fall back to column 1. The search starts
    past what the walk last located on the line and at column `after` or later; while walking (`advance`),
    what is found becomes the new start."""
    text = block.lines[line - 1] if 0 < line <= len(block.lines) else ""
    start = max(after, block.cursor[1] if block.cursor[0] == line else 0)
    column = text.find(needle, start)
    if column < 0:
        column = text.find(needle, after)
    if column < 0:
        column = text.find(needle)
    if advance and column >= 0:
        block.cursor = (line, column + len(needle))
    return Location(block.path, line, column + 1 if column >= 0 else 1)


def _sentences(block: _Block, *, editorial: bool) -> list[Unit]:
    flat = "".join(block.parts)
    bounds = [0] + [m.end() for m in BOUNDARY.finditer(flat) if not _abbreviation(flat, m.start())] + [len(flat)]
    units: list[Unit] = []
    cites = iter(block.cites)
    pending = next(cites, None)
    for start, end in itertools.pairwise(bounds):
        piece = flat[start:end]
        mine = []
        while pending is not None and pending[0] < end:
            mine.append(pending[1])
            pending = next(cites, None)
        attempted = any(start <= at < end for at in block.attempts)
        text = piece.replace(PLACEHOLDER, "").strip()
        if units and not re.search(r"\w", text):
            units[-1].cites.extend(mine)  # a run of citations after a sentence's end belongs to it
            continue
        line = block.line + flat[: start + len(piece) - len(piece.lstrip())].count("\n")
        # Located by its words up to the first citation (the file has the citation where the text has none),
        # after the unit before it when both start on one line.
        lead = piece.lstrip().split(PLACEHOLDER, 1)[0].split("\n", 1)[0][:30].rstrip() or text.split("\n")[0][:30]
        after = units[-1].loc.column if units and units[-1].loc.line == line else 0
        units.append(Unit(re.sub(r"\s+([.,;:!?])", r"\1", " ".join(text.split())), mine, _find(block, line, lead, after),
                          editorial=editorial, attempted=attempted, end_line=line + text.count("\n")))
    return [u for u in units if re.search(r"\w", u.text)]


def _abbreviation(flat: str, dot: int) -> bool:
    return any(flat.endswith(abbr, 0, dot + 1) for abbr in ABBREVIATIONS)
