"""How number words read: the rules the figure check and the coverage audit rely on."""

import pytest

from analysis.number_words import QuantityError, find_mentions, find_quantities, parse_quantity


@pytest.mark.parametrize(
    "words, value, qualifier, unit",
    [
        ("2,500", 2500, "exact", None),
        ("over 2,500", 2500, "over", None),
        ("over\u202f2,500", 2500, "over", None),  # a narrow no-break space, as in the Met's messages
        ("over half", 0.5, "over", "share"),
        ("below 50%", 50, "below", "percent"),
        ("more than 50%", 50, "more-than", "percent"),
        ("£2m", 2_000_000, "exact", "GBP"),
        ("over £2m", 2_000_000, "over", "GBP"),
        ("£9m", 9_000_000, "exact", "GBP"),
        ("£1.5bn", 1_500_000_000, "exact", "GBP"),
        ("six", 6, "exact", None),
        ("forty-two", 42, "exact", None),
        ("two hundred and fifty", 250, "exact", None),
        ("one woman a week", 1, "exact", None),
        ("10-point", 10, "exact", None),
        ("twice", 2, "exact", "times"),
        ("more than 60", 60, "more-than", None),
        # A proportion, a fraction, a multiple or a change is one quantity (issue 15).
        ("about a third", 1 / 3, "about", "share"),
        ("one in five", 0.2, "exact", "share"),
        ("fewer than one in ten", 0.1, "less-than", "share"),
        ("three in every ten", 0.3, "exact", "share"),
        ("one officer in every hundred", 0.01, "exact", "share"),
        ("two-thirds", 2 / 3, "exact", "share"),
        ("nearly a quarter", 0.25, "nearly", "share"),
        ("three times as many", 3, "exact", "times"),
        ("almost doubled", 2, "nearly", "times"),
        ("1.2MB", 1.2, "exact", None),
    ],
)
def test_number_words_read_as_their_value(words, value, qualifier, unit):
    if value is None:
        with pytest.raises(QuantityError):
            parse_quantity(words)
        return
    said = parse_quantity(words)
    assert (said.value, said.qualifier, said.unit) == (value, qualifier, unit)


def test_words_before_the_number_that_are_not_a_qualifier_are_refused():
    with pytest.raises(QuantityError, match="does not start with a number"):
        parse_quantity("suspects: 2,500")


def test_an_ordinal_is_not_a_quantity():
    with pytest.raises(QuantityError, match="ordinal"):
        parse_quantity("first")


def test_mentions_are_found_with_offsets_and_kinds():
    text = "Over 2,500 arrests, over half for abuse; 650 officers; £2m; 50%; 50/50; six; twice; first; 2021; thousands"
    found = [(m.text, m.kind, m.value) for m in find_mentions(text)]
    assert found == [
        ("2,500", "digits", 2500), ("half", "fraction", 0.5), ("650", "digits", 650), ("£2m", "money", 2_000_000),
        ("50%", "percent", 50), ("50/50", "ratio", 50), ("six", "words", 6), ("twice", "multiplicative", 2),
        ("first", "ordinal", None), ("2021", "year", 2021), ("thousands", "indefinite", 1000),
    ]
    for mention in find_mentions(text):
        assert text[mention.start:mention.end] == mention.text


def test_a_run_of_number_words_is_one_mention():
    assert [m.text for m in find_mentions("two hundred and fifty officers and forty-two men")] == ["two hundred and fifty", "forty-two"]


def test_numbers_inside_words_and_phone_numbers_are_still_seen():
    # The audit must see every digit string; whether it is a quantity is for a person to say.
    assert [m.text for m in find_mentions("a 33-year-old; Tel: 07960 744 502")] == ["33", "07960", "744", "502"]


def test_a_reader_takes_phrases_whole_and_ordinals_apart():
    text = "one in five women; a third had left; a third officer; two-thirds of cases; nine in ten; one woman in London"
    found = [(m.text, m.kind, round(m.value, 4) if m.value is not None else None) for m in find_quantities(text)]
    assert found == [("one in five", "proportion", 0.2), ("a third", "fraction", 0.3333), ("third", "fraction", 0.3333),
                     ("two-thirds", "fraction", 0.6667), ("nine in ten", "proportion", 0.9), ("one", "words", 1),]
