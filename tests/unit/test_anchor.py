from briefing.anchor import FoldedSeed, anchor, fold
from briefing.cache import Memo
from briefing.diagnostics import Diagnostics, Location
from briefing.model import Claim, Seed, Source


def seed(text: str) -> FoldedSeed:
    return FoldedSeed.of(Seed("s.txt", text, "0" * 64))


def located(text: str, quote: str, occurrence: int = 1) -> str:
    span, _ = seed(text).find(quote, occurrence)
    assert span is not None, quote
    return text[span.start: span.end]


def test_can_match_exactly_and_report_line_and_column():
    folded = seed("first line\nsecond line has the passage here\n")
    span, _ = folded.find("has the passage here")
    assert (span.line, span.column, span.end_line) == (2, 13, 2)


def test_folds_curly_and_straight_quotes_both_ways():
    assert located("He said \u201cworld models\u201d matter.", 'said "world models" matter') == "said \u201cworld models\u201d matter"
    assert located('He said "world models" matter.', "said \u201cworld models\u201d matter") == 'said "world models" matter'
    assert located("ShengShu\u2019s founder Zhu Jun", "ShengShu's founder Zhu Jun") == "ShengShu\u2019s founder Zhu Jun"


def test_folds_dashes_and_whitespace_runs_including_nbsp_and_crlf():
    text = "a funding round of 2 billion yuan\u2014approximately\r\n  $290\u00a0million into it"
    assert located(text, "2 billion yuan-approximately $290 million into") == text[19:-3]


def test_offsets_skip_a_bom_and_stay_exact_in_the_original_text():
    text = "\ufeffline one\ttab\nline two".removeprefix("\ufeff")
    assert located(text, "one tab line two") == "one\ttab\nline two"


def test_nfkc_forms_map_back_to_whole_original_characters():
    text = "the \uff21\uff29 model ﬁnds caf\u0065\u0301 prices"  # fullwidth AI, fi ligature, e + combining acute
    assert located(text, "AI model finds caf\u00e9 prices") == "\uff21\uff29 model ﬁnds caf\u0065\u0301 prices"


def test_cjk_text_is_located_by_character_offsets():
    text = "次の100枚の商品画像を無料で生成できます。\nクレジットカード不要。"
    folded = seed(text)
    span, _ = folded.find("商品画像を無料で 生成 できます")
    assert span is None  # spaces are not in the seed, so no false match
    span, _ = folded.find("クレジットカード不要。 a b c")
    assert span is None
    assert fold("次の100枚") == "次の100枚"


def test_occurrence_selects_the_nth_match():
    text = "the same four words. the same four words."
    span, seen = seed(text).find("the same four words", 2)
    assert (span.start, seen) == (21, 2)
    assert seed(text).find("the same four words", 3) == (None, 2)


def _source(quote: str) -> tuple[Source, dict[str, Seed]]:
    loc = Location("content/sources/x.yaml", 9, 12)
    claim = Claim("x", "c", "A claim.", quote, (), "fact", None, None, 1, loc, loc, loc)
    source = Source("x", "s.txt", "0" * 64, "T", None, None, None, None, "news", None, "", loc, (claim,), (),
                    "content/sources/x.yaml", loc, loc, loc)
    return source, {"s.txt": Seed("s.txt", "Alibaba Cloud has led a $290 million investment in startup ShengShu.\n", "0" * 64)}


def test_errors_on_a_missing_quote_with_the_closest_passage_as_a_hint():
    source, seeds = _source("Alibaba Cloud led a $290 million investment in ShengShu")
    diag = Diagnostics()
    assert anchor((source,), seeds, diag, memo=Memo()) == {}
    (error,) = diag.errors
    assert str(error).startswith("content/sources/x.yaml:9:12: error: quote of claim 'c' not found in seeds/s.txt; "
                                 "closest passage (seeds/s.txt, line 1):")
    assert "Alibaba Cloud has led" in error.message


def test_errors_on_a_quote_under_four_words():
    source, seeds = _source("Alibaba Cloud")
    diag = Diagnostics()
    anchor((source,), seeds, diag, memo=Memo())
    assert "has 2 word(s); at least 4" in diag.errors[0].message


def test_warns_when_a_quote_is_matched_in_furniture_but_also_occurs_in_the_body():
    from dataclasses import replace

    from briefing.model import Furniture

    source, _ = _source("Alibaba Cloud has led a")
    seeds = {"s.txt": Seed("s.txt", "Menu: Alibaba Cloud has led a round\n\nAlibaba Cloud has led a round.\n", "0" * 64)}
    source = replace(source, furniture=(Furniture(1, 1, "Site menu"),))
    diag = Diagnostics()
    anchor((source,), seeds, diag, memo=Memo())
    assert [str(w) for w in diag.warnings] == ["content/sources/x.yaml:9:12: warning: quote of claim 'c' is in "
                                               "page furniture (line 1: Site menu); it also occurs at line 3: set `occurrence: 2`"]


def test_a_run_of_dashes_matches_one_dash_of_any_kind_both_ways():
    """The README promises dash variants: a seed typed with '--' for a dash matches a quote with '—'."""
    assert located("The licence -- as is -- applies.", "licence \u2014 as is \u2014 applies") == "licence -- as is -- applies"
    assert located("The licence \u2014 as is \u2014 applies.", "licence -- as is -- applies") == "licence \u2014 as is \u2014 applies"
    assert located("a long pause\u2014\u2014then more text", "long pause-then more text") == "long pause\u2014\u2014then more text"
    assert fold("x --- y") == fold("x \u2013 y") == "x - y"


def test_curly_quotation_marks_around_a_whole_quote_are_not_part_of_it():
    text = "It is provided as is, without warranty of any kind.\n"
    assert located(text, "\u201cprovided as is, without warranty\u201d") == "provided as is, without warranty"
    assert located(text, "'provided as is, without warranty'") == "provided as is, without warranty"
    quoted = 'He said "the same four words" twice.'
    assert located(quoted, '\u201cthe same four words\u201d') == '"the same four words"', "kept when the seed has them"


def test_occurrences_lists_every_match_in_order():
    folded = seed("one two three four.\nAnd one two three four again.\n")
    spans = [folded.span(*at) for at in folded.occurrences("one two three four")]
    assert [(s.line, s.column) for s in spans] == [(1, 1), (2, 5)]


def test_a_near_miss_shows_the_whole_passage_across_lines_and_where_it_first_differs():
    from briefing.nearmiss import closest

    folded = seed("Preamble.\nThe software is provided as is,\nwithout warranty of any kind, express or implied.\n")
    near = closest(folded, "provided as is, without a warranty of any kind")
    assert (near.line, near.passage) == (2, "provided as is, without warranty of any kind,")
    assert near.difference() == 'they first differ at "warranty of any kind," (the quote has "a warranty of any")'
    assert near.folded[:near.at] == near.needle[:near.at] == "provided as is, without "
