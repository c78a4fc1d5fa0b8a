from briefing.numbers import numbers, ungrounded


def values(text: str) -> list[float]:
    return [n.value for n in numbers(text)]


def test_compares_amounts_by_value_whatever_the_notation():
    assert values("$290 million") == values("290 million") == values("$290M") == [290e6]
    assert values("2 billion yuan") == [2e9]
    assert values("10,000 claims") == [10000]


def test_counts_years_days_and_percentages():
    assert values("rose 2.12% on April 10, 2026") == [2.12, 10, 2026]


def test_ignores_digits_inside_names_and_number_words():
    assert values("Vidu Q3 Pro makes 3D video; the 6Ds; two months") == []


def test_ungrounded_lists_only_numbers_missing_from_every_quote():
    missing = ungrounded("It raised $300 million in 2026.", ["raised 290 million", "in early 2026"])
    assert [n.text for n in missing] == ["300 million"]
    assert ungrounded("It raised $290 million.", ["a 2 billion yuan ($290 million) round"]) == []
