"""Numbers in prose, compared by value: "$290 million" == "290 million" == "$290M", "3 years" == "three years".

Digits count with their scale ("2.5 billion", "$290M"; the scale word in any case). Number words count too,
both ways: two to nineteen, the tens and their compounds ("twenty-one", "twenty one"), "hundred", "thousand",
"million", "billion" and "trillion" after another number word or "a" ("a million", "two hundred and ninety
million"), and "a dozen" / "two dozen". Not counted: "one" on its own, which in prose is mostly a pronoun or a
determiner ("one of the investors", "the one that"), though it counts inside a number ("one hundred",
"twenty-one"); a scale word on its own ("millions"); ordinals ("third"); fractions ("two-thirds").

A figure that is part of a name (a version or model name: "Genie 3", "HappyHorse 1.0", "Gen-3") is judged as
a name, not as a quantity: it is accepted where exactly that name occurs in a cited quote or is declared in
`names:` in content/site.yaml; where the text has a known name's stem with another figure ("Genie 4" when
"Genie 3" is known), it is a wrong name, whatever the quotes' figures. Names are read from quotes as a
capitalised word followed by a figure of at most three digits (so "April 10", "In 2026" and "Vision 2030"
are not names; months, weekdays and a few sentence openers are never stems)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .anchor import fold
from .diagnostics import did_you_mean

NUMBER = re.compile(
    r"(?<![\w.,])(?P<int>\d{1,3}(?:,\d{3})+|\d+)(?P<frac>\.\d+)?"
    r"(?:\s*(?P<word>(?i:million|billion|trillion|thousand|hundred))\b|(?P<suffix>M|bn|B|K|k)\b)?(?![\w])"
)
SCALE = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
         "K": 1e3, "k": 1e3, "M": 1e6, "bn": 1e9, "B": 1e9}
UNITS = dict(one=1, two=2, three=3, four=4, five=5, six=6, seven=7, eight=8, nine=9)
TEENS = dict(ten=10, eleven=11, twelve=12, thirteen=13, fourteen=14, fifteen=15, sixteen=16, seventeen=17,
             eighteen=18, nineteen=19)
TENS = dict(twenty=20, thirty=30, forty=40, fifty=50, sixty=60, seventy=70, eighty=80, ninety=90)
LARGE = dict(thousand=1e3, million=1e6, billion=1e9, trillion=1e12)
KIND = {**{w: "unit" for w in UNITS}, **{w: "teen" for w in TEENS}, **{w: "tens" for w in TENS},
        **{w: "large" for w in LARGE}, "hundred": "hundred", "dozen": "dozen", "a": "a"}
FOLLOWS = {None: {"a", "unit", "teen", "tens", "hundred", "dozen", "large"}, "a": {"hundred", "dozen", "large"},
           "unit": {"hundred", "dozen", "large"}, "teen": {"hundred", "large"}, "tens": {"unit", "large"},
           "hundred": {"unit", "teen", "tens", "large"}, "dozen": set(), "large": {"unit", "teen", "tens"}}
"""Which kind of number word may follow which within one number ("twenty" "one", "two" "hundred")."""
_WORD = "(?:" + "|".join(sorted(set(KIND) - {"a"}, key=len, reverse=True)) + r")(?!\w)"
_RUN = rf"(?<![\w.])(?:a\s+)?{_WORD}(?:(?:\s+and\s+|[\s-]+){_WORD})*"
RUN = re.compile(_RUN, re.IGNORECASE)
LOWER_RUN = re.compile(_RUN)
"""RUN for ASCII text in lower case: the same matches at the same offsets, in half the time (a case-blind
search of Unicode text is slow, and every quote and cited sentence is searched)."""
TOKEN = re.compile(r"[A-Za-z]+")
FRACTION = re.compile(r"[\s-]+(?:half|halves|thirds?|quarters?|fifths?|sixths?|sevenths?|eighths?|ninths?|tenths?)\b",
                      re.IGNORECASE)
NOT_STEMS = frozenset(
    "January February March April May June July August September October November December Jan Feb Mar Apr Jun "
    "Jul Aug Sep Sept Oct Nov Dec Monday Tuesday Wednesday Thursday Friday Saturday Sunday Mon Tue Wed Thu Fri "
    "Sat Sun In On At By For From Since Until To Of And Or But The A An Early Late Mid About Around Nearly Almost "
    "Over Under Some Only Just Top Page Chapter Section Figure Table Step Phase No".split())
NOUN = re.compile(r"[\s-]+(?:other\s+)?([A-Za-z]+)")
FUNCTION_WORDS = frozenset("a an and as at by for from in into of on or than that the to with".split())
CANDIDATE = re.compile(r"(?<![\w'.-])([A-Z][\w]*)([ -])(\d{1,3}(?:\.\d+)*)(?![\w]|\.\d)")


@dataclass(frozen=True)
class Number:
    value: float
    text: str
    """As written, e.g. "290 million" or "three"."""
    start: int = 0
    """Where it starts in the folded text it was read from."""
    word: bool = False
    """Written in words ("three"), not digits."""

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@dataclass(frozen=True)
class Finding:
    """A number the evidence does not bear out; `name` is set when it is the figure of a wrong name."""

    number: Number
    name: str | None = None
    hint: str = ""
    """A " (did you mean 'x'?)" suffix naming the closest known name."""
    contradicts: str | None = None
    """What a cited quote says instead, when it gives another number for the same thing ("three years")."""


@lru_cache(maxsize=1 << 17)
def numbers(text: str) -> tuple[Number, ...]:
    """Every number in the text, in digits or words, in order. Cached: a quote is read once per sentence
    citing it, and serve re-checks unchanged texts."""
    folded = fold(text)
    found, taken = [], []
    for match in NUMBER.finditer(folded):
        value = float(match["int"].replace(",", "") + (match["frac"] or ""))
        scale = SCALE.get((match["word"] or "").lower() or match["suffix"] or "", 1.0)
        found.append(Number(round(value * scale, 6), match.group().strip(), match.start()))
        taken.append(match.span())
    for match in (LOWER_RUN.finditer(folded.lower()) if folded.isascii() else RUN.finditer(folded)):
        if not FRACTION.match(folded, match.end()) and not any(a < match.end() and match.start() < b for a, b in taken):
            found += _word_numbers(folded, match.start(), match.group())
    return tuple(sorted(found, key=lambda n: n.start))


def _word_numbers(folded: str, offset: int, run: str) -> list[Number]:
    """The numbers in a run of number words: usually one, more when the words cannot make one number."""
    found: list[Number] = []
    words: list[tuple[str, int, int]] = []
    for token in TOKEN.finditer(run):
        word = token.group().lower()
        last = KIND[words[-1][0]] if words else None
        if word == "and" and last in ("hundred", "large"):
            continue
        if word == "and" or KIND[word] not in FOLLOWS[last]:
            found += _number(folded, offset, words)
            words = []
            if word == "and":
                continue
        words.append((word, token.start(), token.end()))
    return found + _number(folded, offset, words)


def _number(folded: str, offset: int, words: list[tuple[str, int, int]]) -> list[Number]:
    names = [w for w, _, _ in words]
    if not names or names in (["one"], ["a"]) or KIND[names[0]] in ("hundred", "dozen", "large"):
        return []  # "one" or "a" alone, or a scale word with nothing to scale ("millions of users")
    total = part = 0.0
    for word in names:
        kind = KIND[word]
        if kind in ("unit", "teen", "tens"):
            part += UNITS.get(word) or TEENS.get(word) or TENS[word]
        elif kind == "a":
            part = 1
        elif kind in ("hundred", "dozen"):
            part = (part or 1) * (100 if kind == "hundred" else 12)
        elif kind == "large":
            total, part = total + (part or 1) * LARGE[word], 0
    start, end = offset + words[0][1], offset + words[-1][2]
    return [Number(round(total + part, 6), folded[start:end], start, word=True)]


def ungrounded(text: str, evidence: list[str], names: tuple[str, ...] = (), *,
               counts: dict[str, int] | None = None) -> list[Finding]:
    """The numbers of `text` that the evidence texts do not bear out: a quantity whose value none of them
    has, or the figure of a name that is neither in them nor in `names` (the site's declared names).
    `counts` proves counts of other things: {"source": 3} accepts "three sources" and "3 other sources"."""
    found = numbers(text)
    if not found:
        return []
    folded = fold(text)
    known = tuple(dict.fromkeys([*(fold(n) for n in names), *(c for e in evidence for c in candidates(e))]))
    covered = [span for name in known for span in _occurrences(name, folded)]
    values = {n.value for e in evidence for n in numbers(e)}
    findings = []
    for number in found:
        if any(a <= number.start < b for a, b in covered):
            continue
        name, rivals = _wrong_name(folded, number, known)
        if name:
            findings.append(Finding(number, name, did_you_mean(name, rivals)))
        elif number.value not in values and (counts or {}).get(noun_after(folded, number.end) or "") != number.value:
            findings.append(Finding(number, contradicts=_contradiction(folded, number, evidence)))
    return findings


def noun_after(folded: str, end: int) -> str | None:
    """The word a number counts ("years" in "three years", "year" in "three-year-old", "sources" in "two other
    sources"), singular and in lower case; None when a function word follows."""
    match = NOUN.match(folded, end)
    if match is None or match[1].lower() in FUNCTION_WORDS:
        return None
    word = match[1].lower()
    return word[:-1] if word.endswith("s") and not word.endswith("ss") and len(word) > 3 else word


def _contradiction(folded: str, number: Number, evidence: list[str]) -> str | None:
    noun = noun_after(folded, number.end)
    if noun is None:
        return None
    for text in evidence:
        quote = fold(text)
        for other in numbers(text):
            if noun_after(quote, other.end) == noun:
                return quote[other.start: NOUN.match(quote, other.end).end()]
    return None


@lru_cache(maxsize=1 << 16)
def candidates(text: str) -> tuple[str, ...]:
    """The names with a figure in a text ("Genie 3", "HappyHorse 1.0"), folded."""
    return tuple(m.group() for m in CANDIDATE.finditer(fold(text)) if m[1] not in NOT_STEMS)


@lru_cache(maxsize=1 << 12)
def _name_pattern(name: str) -> re.Pattern[str]:
    before = r"(?<!\w)" if re.match(r"\w", name) else ""
    return re.compile(before + re.escape(name) + r"(?![\w]|\.\d)")


def _occurrences(name: str, folded: str) -> list[tuple[int, int]]:
    return [m.span() for m in _name_pattern(name).finditer(folded)]


def _wrong_name(folded: str, number: Number, known: tuple[str, ...]) -> tuple[str | None, list[str]]:
    """When the number follows the stem of a known name (its text before its last figure), that name with
    this number instead, and the known names of that stem."""
    rivals, stem_at = [], -1
    for name in known:
        match = re.fullmatch(r"(.*\S)([ -])\d[\d.]*", name)
        if match is None:
            continue
        stem = match[1] + match[2]
        at = number.start - len(stem)
        if at >= 0 and folded.startswith(stem, at) and (at == 0 or not folded[at - 1].isalnum()):
            rivals.append(name)
            stem_at = at
    if not rivals:
        return None, []
    return folded[stem_at: number.start + len(number.text)], rivals
