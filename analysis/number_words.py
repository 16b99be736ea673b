"""Reading numbers as the sources write them.

Two jobs, kept together because they must agree:

* :func:`find_mentions` scans text for every numeric mention (digits, number words, percentages, money,
  fractions, ratios, ordinals, "twice"), with character offsets. The coverage audit uses it so that no
  number in an article escapes the data.
* :func:`find_quantities` reads the same text as a reporter does, phrase by phrase: a proportion ("one in
  five", "three in every ten"), a fraction ("a third", "two-thirds"), a multiple ("three times", "halving")
  or a measure ("1.2MB") is one quantity with its value, not two numbers. add-source's scanner uses it.
* :func:`parse_quantity` reads the exact words a figure row gives for its number ("over 2,500",
  "over half", "below 50%", "£2m", "six", "one in five") into a value, a qualifier and, where the words say
  so, a unit. The validator uses it to check that each row's ``value`` is what its quote says.

Composite number words ("forty-two", "two hundred") are converted by ``text2num``, a maintained
library; the vocabulary below only decides which words to look at, and covers what text2num does not:
fractions, multiplicatives and ordinals.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from text_to_num import text2num

CARDINAL_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety "
    "hundred thousand million billion"
).split()
# Plural scale words name a quantity without stating it ("thousands of women").
INDEFINITE_WORDS = {"dozens": 12, "hundreds": 100, "thousands": 1000, "millions": 1_000_000}
FRACTION_WORDS = {"half": 0.5, "halves": 0.5, "quarter": 0.25, "quarters": 0.25, "third": 1 / 3,
                  "thirds": 1 / 3}
MULTIPLICATIVE_WORDS = {"once": 1, "twice": 2, "thrice": 3, "double": 2, "treble": 3, "triple": 3}
ORDINAL_WORDS = (
    "first second fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
    "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth thirtieth fortieth "
    "fiftieth hundredth thousandth"
).split()
# "third" is listed once, as a fraction word; whether it is an ordinal is a reading for the audit.

# What a figure's qualifier may be, and the words that express each. Longest phrases first so that
# "more than" wins over a bare "more".
QUALIFIERS = {
    "more than": "more-than", "over": "over", "above": "over", "at least": "at-least",
    "below": "below", "under": "under", "less than": "less-than", "fewer than": "less-than",
    "up to": "up-to", "about": "about", "around": "about", "approximately": "about", "some": "about",
    "almost": "nearly", "nearly": "nearly",
}

MONEY_SCALES = {"k": 1_000, "m": 1_000_000, "bn": 1_000_000_000, "million": 1_000_000,
                "billion": 1_000_000_000}

_WS = r"[\s\u00a0\u202f]"
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_WORD_ALTERNATIVES = "|".join(
    sorted([*CARDINAL_WORDS, *INDEFINITE_WORDS, *FRACTION_WORDS, *MULTIPLICATIVE_WORDS, *ORDINAL_WORDS],
           key=len, reverse=True)
)
# A run of cardinal words joined by spaces, hyphens or "and" is one number ("two hundred and fifty").
_CARDINAL_RUN = (
    rf"(?:{'|'.join(sorted(CARDINAL_WORDS, key=len, reverse=True))})"
    rf"(?:(?:-|{_WS}+(?:and{_WS}+)?)(?:{'|'.join(sorted(CARDINAL_WORDS, key=len, reverse=True))}))*"
)

MENTION_PATTERN = re.compile(
    rf"""
    (?P<money>£{_WS}?(?:{_DIGITS})(?:{_WS}?(?:bn|m|k|million|billion)\b)?)
  | (?P<ratio>\b\d+/\d+\b)
  | (?P<percent>(?:{_DIGITS})(?:%|{_WS}per{_WS}cent\b|pc\b))
  | (?P<ordinal_digits>\b\d+(?:st|nd|rd|th)\b)
  | (?P<digits>(?<![\w/])(?:{_DIGITS})(?![\w/]))
  | (?P<cardinal_words>\b{_CARDINAL_RUN}\b)
  | (?P<other_words>\b(?:{_WORD_ALTERNATIVES})\b)
    """,
    re.IGNORECASE | re.VERBOSE,
)


@dataclass(frozen=True)
class Mention:
    """One numeric mention in a text: where it stands, its words, what kind it is and its value."""

    start: int
    end: int
    text: str
    kind: str  # money, ratio, percent, ordinal, year, digits, words, indefinite, fraction, multiplicative
    value: float | None


def _digits_value(text: str) -> float:
    return float(text.replace(",", ""))


def _money_value(text: str) -> float:
    amount = re.search(_DIGITS, text).group()
    scale = re.search(r"(bn|m|k|million|billion)\s*$", text, re.IGNORECASE)
    return _digits_value(amount) * (MONEY_SCALES[scale.group(1).lower()] if scale else 1)


def _word_value(words: str) -> float:
    return float(text2num(re.sub(rf"{_WS}+", " ", words.lower()).replace(" and ", " "), "en"))


def _classify(match: re.Match) -> tuple[str, float | None]:
    group, text = match.lastgroup, match.group()
    lower = text.lower()
    if group == "money":
        return "money", _money_value(text)
    if group == "ratio":
        return "ratio", float(text.split("/")[0])
    if group == "percent":
        return "percent", _digits_value(re.match(_DIGITS, text).group())
    if group == "ordinal_digits":
        return "ordinal", float(re.match(r"\d+", text).group())
    if group == "digits":
        value = _digits_value(text)
        is_year = re.fullmatch(r"(19|20)\d\d", text) is not None
        return ("year" if is_year else "digits"), value
    if group == "cardinal_words":
        return "words", _word_value(text)
    if lower in INDEFINITE_WORDS:
        return "indefinite", float(INDEFINITE_WORDS[lower])
    if lower in FRACTION_WORDS:
        return "fraction", FRACTION_WORDS[lower]
    if lower in MULTIPLICATIVE_WORDS:
        return "multiplicative", float(MULTIPLICATIVE_WORDS[lower])
    return "ordinal", None


def find_mentions(text: str, offset: int = 0) -> list[Mention]:
    """Every numeric mention in ``text``, in order; offsets are shifted by ``offset``."""
    mentions = []
    for match in MENTION_PATTERN.finditer(text):
        try:
            kind, value = _classify(match)
        except ValueError:  # a run text2num cannot read as one number ("one nine"): each word is its own
            mentions += [Mention(match.start() + word.start() + offset, match.start() + word.end() + offset, word.group(),
                                 "words", _word_value(word.group()))
                         for word in re.finditer(r"[a-z]+(?:-[a-z]+)?", match.group(), re.IGNORECASE) if word.group().lower() != "and"]
            continue
        mentions.append(Mention(match.start() + offset, match.end() + offset, match.group(), kind, value))
    return mentions


# Denominators a fraction is written with ("a fifth", "two-thirds"); "half" and "quarter" are also words alone.
DENOMINATOR_WORDS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fifth": 5,
                     "fifths": 5, "sixth": 6, "sixths": 6, "seventh": 7, "sevenths": 7, "eighth": 8, "eighths": 8,
                     "ninth": 9, "ninths": 9, "tenth": 10, "tenths": 10, "hundredth": 100, "hundredths": 100}
# Verbs of change that state a multiple: "almost doubled" is a quantity of two.
CHANGE_WORDS = {"halv": 0.5, "doubl": 2, "tripl": 3, "trebl": 3, "quadrupl": 4}
_NUMBER = rf"(?:{_DIGITS}|{_CARDINAL_RUN})"
# Words after "a third" that make it a share ("a third had", "a third of"), not an ordinal ("a third officer").
_SHARE_FOLLOWS = r"(?=[^\w\s]|$|\s+(?:of|had|have|has|were|was|is|are|said|say|says|would|will|could|did|do|"
_SHARE_FOLLOWS += r"reported|found|felt|thought|changed|believed|agreed|went|came|being|been|than|more|less|in|to|on|at|by|from)\b)"
PHRASE_PATTERN = re.compile(
    rf"""
    (?P<proportion>\b(?P<part>{_NUMBER})(?:{_WS}+(?P<noun>[a-z]+))?{_WS}+in{_WS}+(?P<every>every{_WS}+)?
        (?P<whole>(?!(?:19|20)\d\d\b){_NUMBER})\b)
  | (?P<fraction>\b(?P<count>an?|{_NUMBER})(?:-|{_WS}+)(?P<denominator>{'|'.join(DENOMINATOR_WORDS)})\b)
  | (?P<times>\b(?P<multiple>{_NUMBER}){_WS}+times\b)
  | (?P<change>\b(?P<stem>{'|'.join(CHANGE_WORDS)})(?:e|ed|es|ing)\b)
  | (?P<measure>(?<![\w/])(?:{_DIGITS})(?P<measure_unit>KB|MB|GB|TB|kg|km|mph)\b)
    """,
    re.IGNORECASE | re.VERBOSE,
)


def _number_value(words: str) -> float:
    return _digits_value(words) if words[0].isdigit() else _word_value(words)


def _phrase(match: re.Match) -> tuple[str, float] | None:
    """A phrase's kind and value, or None when the words are not the phrase they look like."""
    group = match.lastgroup
    if group == "proportion":
        if match.group("noun") and not match.group("every"):
            return None  # "one woman in London": a count and a place, not a proportion
        whole = _number_value(match.group("whole"))
        return ("proportion", _number_value(match.group("part")) / whole) if whole else None
    if group == "fraction":
        count, denominator = match.group("count").lower(), match.group("denominator").lower()
        if count in ("a", "an"):
            if denominator.endswith("s") or not re.match(_SHARE_FOLLOWS, match.string[match.end():]):
                return None
            count = "1"
        return "fraction", _number_value(count) / DENOMINATOR_WORDS[denominator]
    if group == "times":
        return "multiplicative", _number_value(match.group("multiple"))
    if group == "change":
        return "multiplicative", CHANGE_WORDS[match.group("stem").lower()]
    return "measure", _digits_value(match.group()[:-len(match.group("measure_unit"))])


def find_quantities(text: str, offset: int = 0) -> list[Mention]:
    """Every quantity in ``text`` as a reader takes it: phrases whole, then the numeric mentions outside them."""
    phrases = []
    for match in PHRASE_PATTERN.finditer(text):
        try:
            found = _phrase(match)
        except ValueError:  # "one nine in ten": not one proportion; its words are found one by one
            continue
        if found:
            phrases.append(Mention(match.start() + offset, match.end() + offset, match.group(), *found))
    inside = [(p.start, p.end) for p in phrases]
    rest = [m for m in find_mentions(text, offset) if not any(a < m.end and m.start < b for a, b in inside)]
    return sorted(phrases + rest, key=lambda m: m.start)


# The unit a kind of mention states by itself.
KIND_UNITS = {"money": "GBP", "percent": "percent", "proportion": "share", "fraction": "share", "multiplicative": "times"}


@dataclass(frozen=True)
class Quantity:
    """What a figure's number words say: the value, how it is qualified, and a unit if the words give one."""

    value: float
    qualifier: str
    unit: str | None = None


class QuantityError(ValueError):
    """The words do not read as one number."""


_QUALIFIER_PATTERN = re.compile(
    rf"^(?P<qualifier>{'|'.join(sorted((q.replace(' ', _WS + '+') for q in QUALIFIERS), key=len, reverse=True))})"
    rf"{_WS}+",
    re.IGNORECASE,
)


def parse_quantity(words: str) -> Quantity:
    """Read a figure's number words into a :class:`Quantity`.

    >>> parse_quantity("over 2,500")
    Quantity(value=2500.0, qualifier='over', unit=None)
    >>> parse_quantity("below 50%")
    Quantity(value=50.0, qualifier='below', unit='percent')
    >>> parse_quantity("£2m")
    Quantity(value=2000000.0, qualifier='exact', unit='GBP')
    >>> parse_quantity("fewer than one in ten")
    Quantity(value=0.1, qualifier='less-than', unit='share')

    Words around the number that are not a qualifier ("six different investigators") are allowed after
    it but not before it: the number words must begin with a qualifier or the number itself.
    """
    rest = words.strip()
    qualifier = "exact"
    found = _QUALIFIER_PATTERN.match(rest)
    if found:
        qualifier = QUALIFIERS[re.sub(rf"{_WS}+", " ", found.group("qualifier").lower())]
        rest = rest[found.end():]
    mentions = find_quantities(rest)
    if not mentions or mentions[0].start != 0:
        raise QuantityError(f"{words!r} does not start with a number (after any qualifier)")
    first = mentions[0]
    if first.value is None:
        raise QuantityError(f"{words!r} is an ordinal, not a quantity")
    return Quantity(first.value, qualifier, KIND_UNITS.get(first.kind))
