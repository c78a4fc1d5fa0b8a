import pytest

from briefing.anchor import fold
from briefing.lints import referring_opening


@pytest.mark.parametrize("quote, word", [
    ("They trained their models on video", "They"),
    ("it announced plans to develop its own world model", "it"),
    ("This is not speculation", "This"),
    ("\u201cThese models learn physics", "These"),
    ("it\u2019s a bet on the physical world", "it's"),
    ("they\u2019re building the infrastructure", "they\u2019re".replace("\u2019", "'")),
    ("The company has released free models", "The company"),
    ("the startup\u2019s second round this year", "the startup's"),
    ("The firm said on Friday", "The firm"),
    ("such models need costly data", "such"),
    ("Her team built the simulator", "Her"),
])
def test_an_opening_word_that_points_outside_the_quote_is_named(quote, word):
    assert referring_opening(fold(quote)) == word


@pytest.mark.parametrize("quote", [
    "Alibaba Cloud has led a 2 billion yuan round",
    "The founder, Jane Doe, said",
    "Theory and practice differ here",
    "Thereafter the round closed quickly",
    "The round was led by Alibaba Cloud",
    "Itself a startup, ShengShu",
    "earlier this year released an AI world model",
])
def test_a_quote_that_names_its_subject_passes(quote):
    assert referring_opening(fold(quote)) is None
