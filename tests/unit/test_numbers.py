import pytest

from briefing.numbers import noun_after, numbers, ungrounded


def values(text: str) -> list[float]:
    return [n.value for n in numbers(text)]


def test_compares_amounts_by_value_whatever_the_notation():
    assert values("$290 million") == values("290 million") == values("$290M") == values("$290 Million") == [290e6]
    assert values("2 billion yuan") == [2e9]
    assert values("10,000 claims") == [10000]


def test_counts_years_days_and_percentages():
    assert values("rose 2.12% on April 10, 2026") == [2.12, 10, 2026]


def test_ignores_digits_inside_names():
    assert values("Vidu Q3 Pro makes 3D video; the 6Ds") == []


@pytest.mark.parametrize("text, expected", [
    ("three years", [3]),
    ("a three-year-old startup", [3]),
    ("Twenty-one days, twenty one nights", [21, 21]),
    ("forty two", [42]),
    ("two hundred and ninety million dollars", [290e6]),
    ("ten thousand users", [1e4]),
    ("one million two hundred thousand", [1.2e6]),
    ("one hundred models", [100]),
    ("a million users, a dozen firms, two dozen labs", [1e6, 12, 24]),
    ("nineteen hundred", [1900]),
    ("two and three", [2, 3]),
    ("a two-step plan", [2]),
])
def test_number_words_count_by_value(text, expected):
    assert values(text) == expected


@pytest.mark.parametrize("text", ["Twenty-One days", "TWO HUNDRED AND NINETY million", "A Dozen firms, three Years",
                                  "Forty two", "one of them, Nineteen others"])
def test_number_words_are_read_in_any_case_and_alike_outside_ascii(text):
    # ASCII text takes a quicker search in lower case; text with any other character, the case-blind one.
    lower = [(n.value, n.text, n.start, n.word) for n in numbers(text.lower())]
    plain = [(n.value, n.text.lower(), n.start, n.word) for n in numbers(text)]
    beyond = [(n.value, n.text.lower(), n.start, n.word) for n in numbers(text + " café")]
    assert plain == lower == beyond and plain
    assert [n.text for n in numbers(text)] == [text[n.start:n.end] for n in numbers(text)]  # as written


@pytest.mark.parametrize("text", [
    "one of the investors", "the one that leads", "millions of users", "two-thirds of them", "three quarters",
    "the third round", "a bet", "someone", "tone and attention", "often", "twentieth",
])
def test_what_is_not_a_number_word(text):
    assert values(text) == []


def test_digits_and_words_ground_each_other_both_ways():
    assert ungrounded("It took 3 years.", ["after three years"]) == []
    assert ungrounded("It took three years.", ["after 3 years"]) == []
    (finding,) = ungrounded("It took five years.", ["after three years"])
    assert (finding.number.text, finding.number.word, finding.contradicts) == ("five", True, "three years")
    (finding,) = ungrounded("Two kinds of model.", ["LLMs and world models"])
    assert finding.contradicts is None  # unsupported, not contradicted


def test_a_figure_in_a_name_is_accepted_only_where_the_name_is_known():
    assert ungrounded("Genie 3 came first.", ["Google's Genie 3 model"]) == []
    assert ungrounded("Genie 3 came first.", ["a model"], ("Genie 3",)) == []
    assert ungrounded("HappyHorse 1.0 and Gen-3 ship.", ["a model"], ("HappyHorse 1.0", "Gen-3")) == []
    (wrong,) = ungrounded("Genie 4 came first.", ["Google's Genie 3 model, 4 of them"])
    assert (wrong.name, wrong.hint) == ("Genie 4", " (did you mean 'Genie 3'?)")
    (wrong,) = ungrounded("HappyHorse 2.0 shipped.", ["2.0 seconds"], ("HappyHorse 1.0",))
    assert wrong.name == "HappyHorse 2.0"
    assert [f.number.text for f in ungrounded("Genie 3 came first.", ["a model"])] == ["3"]  # unknown: a number


def test_dates_and_years_are_never_name_stems():
    assert ungrounded("On April 13.", ["April 10"])[0].name is None
    assert ungrounded("In 2026 it grew.", ["early 2026"]) == []


def test_a_count_of_sources_is_proven_by_the_citations():
    assert ungrounded("Two other sources agree.", ["x"], counts={"source": 2}) == []
    assert [f.number.text for f in ungrounded("All five sources agree.", ["x"], counts={"source": 4})] == ["five"]


def test_the_counted_noun():
    assert [noun_after(t, 5) for t in ("three years", "three-year-old", "three other sources", "three of them")] == [
        "year", "year", "source", None]


def test_ungrounded_lists_only_numbers_missing_from_every_quote():
    missing = ungrounded("It raised $300 million in 2026.", ["raised 290 million", "in early 2026"])
    assert [n.number.text for n in missing] == ["300 million"]
    assert ungrounded("It raised $290 million.", ["a 2 billion yuan ($290 million) round"]) == []
