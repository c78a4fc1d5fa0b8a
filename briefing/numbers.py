"""Numbers in prose, compared by value: "$290 million" == "290 million" == "$290M"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .anchor import fold

NUMBER = re.compile(
    r"(?<![\w.,])(?P<int>\d{1,3}(?:,\d{3})+|\d+)(?P<frac>\.\d+)?"
    r"(?:\s*(?P<word>million|billion|trillion|thousand)\b|(?P<suffix>M|bn|B|K|k)\b)?(?![\w])"
)
SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
         "K": 1e3, "k": 1e3, "M": 1e6, "bn": 1e9, "B": 1e9}


@dataclass(frozen=True)
class Number:
    value: float
    text: str
    """As written, e.g. "290 million"."""


@lru_cache(maxsize=1 << 17)
def numbers(text: str) -> tuple[Number, ...]:
    """Every number written in digits, with its scale word if any; number words are not counted.
    Cached: a quote is read once per sentence citing it, and serve re-checks unchanged texts."""
    found = []
    for match in NUMBER.finditer(fold(text)):
        value = float(match["int"].replace(",", "") + (match["frac"] or ""))
        scale = SCALE.get(match["word"] or match["suffix"] or "", 1.0)
        found.append(Number(round(value * scale, 6), match.group().strip()))
    return tuple(found)


def ungrounded(text: str, evidence: list[str]) -> list[Number]:
    """Numbers in `text` whose value appears in none of the evidence texts."""
    found = numbers(text)
    if not found:
        return []
    known = {n.value for quote in evidence for n in numbers(quote)}
    return [n for n in found if n.value not in known]
