import pytest

from briefing.context import ABBREVIATIONS, context


def around(text: str, quote: str, **kw) -> tuple[str, str]:
    at = text.index(quote)
    return context(text, at, at + len(quote), **kw)


def test_extends_to_the_sentence_around_the_quote():
    text = "First one. Alibaba Cloud has placed a bet on ShengShu, a startup behind Vidu, on Friday. Last one."
    assert around(text, "a startup behind Vidu") == ("Alibaba Cloud has placed a bet on ShengShu, ", ", on Friday.")


def test_a_quote_that_starts_its_sentence_gets_the_sentence_before_so_a_pronoun_can_be_read():
    text = "Acme builds widgets. They trained their models on video. Nothing else."
    assert around(text, "They trained their models") == ("Acme builds widgets. ", " on video.")


def test_a_quote_ending_on_its_full_stop_has_no_suffix():
    assert around("One. The hurdles remain immense. Two.", "hurdles remain immense.")[1] == ""


def test_abbreviations_do_not_end_a_sentence():
    text = "It grew as U.S. firms like World Labs began selling. Next."
    assert around(text, "firms like World Labs") == ("It grew as U.S. ", " began selling.")


@pytest.mark.parametrize("abbreviation", ABBREVIATIONS)
def test_no_known_abbreviation_ends_a_sentence(abbreviation):
    text = f"Firms grew as {abbreviation} Rivals fell. Next."
    assert around(text, "Firms grew")[1] == f" as {abbreviation} Rivals fell."
    # A word that only ends like one does end its sentence: "Xe.g." is not "e.g.".
    assert around(f"Firms grew as X{abbreviation} Rivals fell. Next.", "Firms grew")[1] == f" as X{abbreviation}"


def test_context_stays_inside_its_paragraph():
    text = "Headline without a stop\n\nBody starts here and goes on. More.\nA new line of its own."
    assert around(text, "starts here") == ("Body ", " and goes on.")
    assert around(text, "Headline without") == ("", " a stop")


def test_hard_wrapped_prose_is_one_paragraph_but_a_short_heading_line_is_not():
    text = "The Licensor grants you a licence to use the work\nfor any purpose, subject to these terms.\n"
    assert around(text, "for any purpose") == ("The Licensor grants you a licence to use the work ", ", subject to these terms.")
    assert around("Section 4\nThe licensee may copy it.", "may copy it")[0] == "The licensee "


def test_long_context_is_capped_at_a_word_and_marked():
    text = "Start " + "word " * 100 + "QUOTE HERE " + "tail " * 100 + "end."
    prefix, suffix = around(text, "QUOTE HERE", cap=40)
    assert prefix.startswith("…") and len(prefix) <= 41 and prefix.endswith("word ")
    assert suffix.endswith("…") and len(suffix) <= 41 and suffix.startswith(" tail")


def test_claims_json_and_notes_show_the_quote_in_its_context(project):
    import json

    from kit import run_cli

    assert run_cli(project, "build").returncode == 0
    claims = {c["id"]: c for c in json.loads((project / "_site/claims.json").read_text())["claims"]}
    assert (claims["founder-view"]["prefix"], claims["founder-view"]["suffix"]) == ("The founder, Jane Doe, ", " for factories.")
    home = (project / "_site/index.html").read_text()
    assert ('<span class="context">The founder, Jane Doe, </span><mark class="quoted">said the money will fund '
            '\u201cbetter widgets\u201d</mark><span class="context"> for factories.</span>') in home
