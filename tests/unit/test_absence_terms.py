from briefing.absence import occurrences
from briefing.anchor import FoldedSeed
from briefing.model import Furniture, Seed


def hits(text: str, term: str, furniture=()) -> list[str]:
    folded = FoldedSeed.of(Seed("s.txt", text, "0" * 64))
    return [text[a:b] for a, b in occurrences(folded, term, furniture)]


def test_a_term_matches_whole_words_only_in_any_case():
    assert hits("a digital bet by TAL Education", "TAL") == ["TAL"]
    assert hits("the leader and the co-lead", "lead") == ["lead"]  # a hyphen separates words
    assert hits("the round was co\u2011led by two", "co-led") == ["co\u2011led"]  # folded like quotes
    assert hits("Co-Leads were named", "co-lead") == []


def test_a_phrase_matches_across_line_breaks_and_white_space():
    assert hits("valued at\n  two billion", "valued at two billion") == ["valued at\n  two billion"]


def test_a_term_with_punctuation_at_its_edge_still_matches():
    assert hits("it paid US$290 million", "$290 million") == ["$290 million"]


def test_occurrences_wholly_in_furniture_do_not_count():
    text = "Menu: valuation tools\nThe valuation was not disclosed.\n"
    assert hits(text, "valuation", (Furniture(1, 1, "Menu"),)) == ["valuation"]
    assert hits(text, "valuation", (Furniture(1, 2, "All"),)) == []
