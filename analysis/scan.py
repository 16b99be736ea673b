"""Finding the numbers, dates and non-quantities of a new article, as add-source's review sheet lists them.

The scanner is the project's own: recognisers below each propose candidate phrases (a stated date, a
relative date, a phone number, a time, an idiom, a quantity), and where candidates overlap the longest
wins, then the earlier recogniser. So "two years ago" is one date and not the number two, "14–21
December 2023" one range, "one in five" one proportion, and a date never swallows the number beside it
("In 2022, one officer"). Which words are numbers is :mod:`analysis.number_words`' knowledge; a stated
date's words are read by ``dateparser`` (:func:`analysis.dates.parse_date_expression`); a relative date
is resolved here from the article's own date, at the precision its words carry, with the reason in the
row. Nothing depends on the day the command runs. The rules are those of ``docs/intake-keys.md``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from .dates import SEASON_MONTHS, TIME_OF_DAY, parse_date_expression, truncate
from .number_words import QUALIFIERS, QuantityError, find_quantities, parse_quantity

MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): number for number, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
WEEKDAYS = {name.lower(): number for number, name in enumerate(calendar.day_name)}
WEEKDAYS.update({"mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3, "fri": 4, "sat": 5, "sun": 6})

_S = r"[ \t\u00a0\u202f]+"  # a space inside a phrase: never a line break
_MONTH_FULL = "(?-i:" + "|".join(calendar.month_name[1:]) + r")\b"
_MONTH = "(?-i:" + "|".join(calendar.month_name[1:]) + r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?)\b"
_WEEKDAY_FULL = "(?-i:" + "|".join(calendar.day_name) + r")\b"
_WEEKDAY = "(?-i:" + "|".join(calendar.day_name) + r"|(?:Mon|Tues|Tue|Wed|Thurs|Thur|Thu|Fri|Sat|Sun)\b\.?)\b"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d\d"
_COUNT = r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty)"
# The verbs that put a clause in the future or the past. A weekday or a month without a year takes the tense
# of the nearest of them in its sentence: "said on Wednesday that it would publish" is a past Wednesday.
_FUTURE = re.compile(r"\b(?:will|shall|would|won[’']t|(?:is|are|was|were)" + _S + r"(?:not" + _S + r")?(?:due\b|(?:set|expected|"
                     r"planned|scheduled|going|about)" + _S + r"to\b)|plans?" + _S + r"to|planning" + _S + r"to|intends?" + _S
                     + r"to|upcoming|forthcoming)\b|[’']ll\b", re.IGNORECASE)
_PAST = re.compile(r"\b(?:since|ago|was|were|had|did|said|told|found|took|came|went|met|made|began|held|left|gave|saw|knew|"
                   r"thought|brought|wrote|spoke|rang|sent|heard|\w{2,}ed)\b", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[,;:—–()]|\b(?:and|but|that|while|which|who|when)\b", re.IGNORECASE)
_NOT_PAST = {"need", "indeed", "proceed", "speed", "feed", "seed", "exceed", "succeed", "bed", "red", "shed", "wed", "embed"}
_SENTENCE_BREAK = re.compile(r"[.!?](?=[\s\"”’']|$)|\n")


@dataclass(frozen=True)
class Found:
    """A candidate phrase: where it stands, what it is, and the review-sheet columns it fills."""

    start: int
    end: int
    rank: int
    columns: dict


@dataclass(frozen=True)
class Article:
    """What a recogniser needs: the text, and the article's own date at its precision."""

    text: str
    published: dt.date
    precision: str

    def sentence(self, start: int, end: int) -> tuple[int, int]:
        """The span of the sentence (or line) around a span."""
        before = [m.end() for m in _SENTENCE_BREAK.finditer(self.text, max(0, start - 400), start)]
        after = _SENTENCE_BREAK.search(self.text, end)
        return before[-1] if before else max(0, start - 400), after.start() if after else len(self.text)

    def future(self, start: int, end: int) -> bool:
        """Whether the verb nearest a span in its sentence speaks of what is still to come."""
        first, last = self.sentence(start, end)
        markers = [(m, True) for m in _FUTURE.finditer(self.text, first, last)]
        markers += [(m, False) for m in _PAST.finditer(self.text, first, last) if m.group().lower() not in _NOT_PAST
                    and m.group() != "Met"
                    and not re.search(r"\bbe" + _S + "$", self.text[max(0, m.start() - 4):m.start()], re.IGNORECASE)]
        markers = [(m, future) for m, future in markers if m.end() <= start or m.start() >= end]
        if not markers:
            return False

        def distance(pair: tuple[re.Match, bool]) -> int:
            # A verb in the same clause is nearer than any across a comma or an "and": "was set up in
            # January and will help" is a past January.
            between = (pair[0].end(), start) if pair[0].end() <= start else (end, pair[0].start())
            words = self.text[between[0]:between[1]]
            return len(words) + (1000 if _CLAUSE_BREAK.search(words) else 0)

        return min(markers, key=distance)[1]


def _date_row(article: Article, first: dt.date, precision: str, basis: str, note: str = "", last: dt.date | None = None) -> dict:
    """A date row's columns; a date finer than the article's own is only known to its precision."""
    order = {"day": 0, "month": 1, "year": 2}
    if basis == "inferred" and order[precision] < order[article.precision]:
        note += f"; the article is dated only to the {article.precision}, so the date is the article's {article.precision}"
        first, precision, last = truncate(article.published, article.precision), article.precision, None
    row = {"found": "date", "date": first.isoformat(), "date_end": last.isoformat() if last else "",
           "date_precision": precision, "date_basis": basis, "found_note": note}
    if basis == "inferred":  # the events table keeps how an inferred date was worked out
        row["date_note"] = note
    return row


def _stated(article: Article, match: re.Match) -> dict | None:
    """A stated date or range, its words read by dateparser (a printed time of day set aside)."""
    read = parse_date_expression(match.group())
    if len(read) == 1:
        return _date_row(article, *read[0], "stated", "the words state the date")
    if len(read) == 2 and read[0][1] == read[1][1] and read[0][0] < read[1][0]:
        return _date_row(article, read[0][0], read[0][1], "stated", "the words state a range", read[1][0])
    return None


# A year standing alone is a date unless it names something: "the Domestic Abuse Act 2021", "the 2019 review".
_NAME_BEFORE = re.compile(r"(?:\b[A-Z][\w()’'-]*|\))" + _S + r"$")
_DATE_WORD_BEFORE = re.compile(r"\b(?:in|since|by|from|until|till|to|before|after|during|of|and|or|as|early|late|mid|"
                               r"spring|summer|autumn|winter|year|end|start|beginning|through)" + _S + r"$|^\s*$|[-–(]\s*$",
                               re.IGNORECASE)
_NOUN_AFTER = re.compile(_S + r"(?!(?:and|or|to|the|a|an|at|in|on|of|for|with|by|as|was|were|is|are|had|has|when|where|"
                         r"after|before|but|it|its|their|his|her|that|which|who|there|than)\b)[a-z][a-z-]+\b")


def _year(article: Article, match: re.Match) -> dict | None:
    text, start, end = article.text, match.start(), match.end()
    before = text[max(0, start - 40):start]
    if _NAME_BEFORE.search(before) and not _DATE_WORD_BEFORE.search(before):
        return _exclusion("year-as-name", f"a year after a name ({before.split()[-1]!s} …): it names something")
    if re.search(r"\b(?:the|its|their|his|her|this|that|[\w]+[’']s)" + _S + r"$", before, re.IGNORECASE) and _NOUN_AFTER.match(text, end):
        return _exclusion("year-as-name", "a year before a noun: it names something ('the 2019 review')")
    return _date_row(article, dt.date(int(match.group()), 1, 1), "year", "stated", "a year standing alone")


def _shift_months(date: dt.date, months: int) -> dt.date:
    index = date.year * 12 + date.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _month_without_year(article: Article, month: int, start: int, end: int, which: str = "") -> tuple[dt.date, str]:
    """The month a month name without a year means: by 'last'/'next', else by the tense of its sentence."""
    p = article.published
    if which == "last":
        year = p.year if month < p.month else p.year - 1
        return dt.date(year, month, 1), "the latest such month before the article's"
    if which == "next" or (which != "this" and article.future(start, end)):
        strict = which == "next"
        year = p.year if (month > p.month or (month == p.month and not strict)) else p.year + 1
        return dt.date(year, month, 1), ("the first such month after the article's" if strict else
                                         "a future sentence: the first such month on or after the article's")
    if which == "this":
        return dt.date(p.year, month, 1), "the article's year"
    year = p.year if month <= p.month else p.year - 1
    return dt.date(year, month, 1), "a past sentence: the latest such month on or before the article's"


def _relative(resolve: Callable[[Article, re.Match], tuple]) -> Callable[[Article, re.Match], dict | None]:
    """A recogniser of a relative date from a resolver giving (first, precision, how[, last])."""
    def recognise(article: Article, match: re.Match) -> dict | None:
        try:
            resolved = resolve(article, match)
        except (ValueError, OverflowError):  # "5000 years ago", "31 February": no date in the calendar
            return None
        if resolved is None:
            return None
        first, precision, how, *last = resolved
        note = f"resolved from the article's date {article.published.isoformat()}: {how}"
        return _date_row(article, first, precision, "inferred", note, last[0] if last else None)
    return recognise


def _day_word(article: Article, match: re.Match) -> tuple:
    word = match.group().lower()
    shift = -1 if word.startswith(("yesterday", "last night")) else 1 if word.startswith("tomorrow") else 0
    return article.published + dt.timedelta(days=shift), "day", f"{match.group()!r} counted from that day"


def _week(article: Article, match: re.Match) -> tuple:
    shift = {"last": -7, "this": 0, "next": 7}[match.group("which").lower()]
    monday = article.published - dt.timedelta(days=article.published.weekday()) + dt.timedelta(days=shift)
    return monday, "day", "the week, Monday to Sunday", monday + dt.timedelta(days=6)


def _month_word(article: Article, match: re.Match) -> tuple:
    which = match.group("which").lower()
    shift = -1 if which == "last" else 1 if which == "next" else 0
    return _shift_months(article.published, shift), "month", f"{match.group()!r}: that month"


def _year_word(article: Article, match: re.Match) -> tuple:
    words = match.group().lower()
    shift = -1 if "last" in words else 1 if ("next" in words or "new year" in words) else 0
    return dt.date(article.published.year + shift, 1, 1), "year", f"{match.group()!r}: that year"


def _weekday(article: Article, match: re.Match) -> tuple:
    day = WEEKDAYS[match.group("weekday").lower().rstrip(".")]
    which = (match.group("which") or "").lower()
    p = article.published
    if which == "next" or (which != "last" and article.future(match.start(), match.end())):
        ahead = (day - p.weekday()) % 7 or 7
        return p + dt.timedelta(days=ahead), "day", "a future sentence: the first such day after the article's"
    back = (p.weekday() - day) % 7
    if which == "last":
        back = back or 7
    return p - dt.timedelta(days=back), "day", "a past sentence: the latest such day on or before the article's"


def _named_month(article: Article, match: re.Match) -> tuple | None:
    words = match.group("month")
    if words == "May" and not re.search(r"\b(?:in|of|since|by|from|until|to|and|early|late|mid|end|start|last|next|this)"
                                        + _S + "$", article.text[max(0, match.start() - 12):match.start()], re.IGNORECASE) \
            and not match.groupdict().get("which"):
        return None  # "May" alone is more often the verb
    month = MONTHS[words.lower().rstrip(".")]
    first, how = _month_without_year(article, month, match.start(), match.end(), (match.groupdict().get("which") or "").lower())
    if match.groupdict().get("day"):
        try:
            return first.replace(day=int(re.match(r"\d+", match.group("day")).group())), "day", how + ", on the day given"
        except ValueError:
            return None
    return first, "month", how


def _month_of_year(article: Article, match: re.Match) -> tuple:
    shift = {"last": -1, "this": 0, "next": 1}[match.group("which").lower()]
    return dt.date(article.published.year + shift, MONTHS[match.group("month").lower()], 1), "month", "that month of that year"


def _month_range(article: Article, match: re.Match) -> tuple:
    first, how = _month_without_year(article, MONTHS[match.group("first").lower()], match.start(), match.end())
    last = dt.date(first.year if MONTHS[match.group("last").lower()] >= first.month else first.year + 1,
                   MONTHS[match.group("last").lower()], 1)
    return first, "month", how + ", to the second month", last


def _season(article: Article, match: re.Match) -> tuple:
    which, first_month = match.group("which").lower(), SEASON_MONTHS[match.group("season").lower()]
    p = article.published
    ended_this_year = first_month + 2 < p.month
    year = {"last": p.year if ended_this_year else p.year - 1, "this": p.year, "next": p.year + 1}[which]
    first = dt.date(year, first_month, 1)
    return first, "month", "that season's three months", _shift_months(first, 2)


def _ago(article: Article, match: re.Match) -> tuple:
    count = match.group("count").lower()
    amount = 1 if count in ("a", "an") else int(count) if count.isdigit() else int(parse_quantity(count).value)
    unit = match.group("unit").lower().rstrip("s")
    p = article.published
    if unit == "year":
        return dt.date(p.year - amount, 1, 1), "year", f"{amount} year(s) before the article's year"
    if unit == "month":
        return _shift_months(p, -amount), "month", f"{amount} month(s) before the article's month"
    days = amount * {"week": 7, "fortnight": 14}.get(unit, 1)
    return p - dt.timedelta(days=days), "day", f"{days} day(s) before the article's date"


def _weekend(article: Article, match: re.Match) -> tuple:
    """'over the weekend': the Saturday and Sunday just past (or, in a future sentence, the next ones)."""
    p, which = article.published, (match.group("which") or "").lower()
    if which == "next" or (which != "last" and article.future(match.start(), match.end())):
        saturday = p + dt.timedelta(days=(5 - p.weekday()) % 7 or 7)
        how = "the next Saturday and Sunday"
    else:
        saturday = p - dt.timedelta(days=(p.weekday() - 5) % 7)
        if which == "last" and p.weekday() >= 5:
            saturday -= dt.timedelta(days=7)
        how = "the latest Saturday and Sunday"
    return saturday, "day", how, saturday + dt.timedelta(days=1)


def _week_of(article: Article, match: re.Match) -> tuple | None:
    """'the week beginning 6 March': seven days from that day, its month placed by the tense."""
    found = _named_month(article, match)
    if found is None:
        return None
    first = found[0]
    return first, "day", found[2] + ", and the six days after it", first + dt.timedelta(days=6)


def _exclusion(reason: str, why: str) -> dict:
    return {"found": "exclusion?", "reason": reason, "found_note": f"{why} ({reason})"}


def _fixed(reason: str, why: str) -> Callable[[Article, re.Match], dict]:
    return lambda article, match: _exclusion(reason, why)


def _emergency_number(article: Article, match: re.Match) -> dict | None:
    before = article.text[max(0, match.start() - 40):match.start()]
    after = article.text[match.end():match.end() + 30]
    if re.search(r"\b(?:call|calls|called|calling|dial|dialled|ring|rang|phone|phoned|text|on|contact)\b\W*(?:\w+\W+)?$", before, re.IGNORECASE) \
            or re.search(r"\bemergenc", before + after, re.IGNORECASE) or re.search(r"\d{3}[ \u00a0]\d{3,4},?\s+or\s+$", before):
        return _exclusion("phone-number", "a phone number")
    return None


def _phone(article: Article, match: re.Match) -> dict | None:
    digits = re.sub(r"\D", "", match.group())
    return _exclusion("phone-number", "a phone number") if len(digits) >= 10 or digits.startswith("116") else None


_PRONOUN_AFTER = re.compile(r"\s*(?:[^\w\s-]|$)|" + _S + r"(?:of|who|whom|that|which|was|is|has|had|would|will|could|can|"
                            r"did|does|said|says|told|added|thing|another|(?!(?:morning|evening|meeting|building|hearing|"
                            r"briefing|training|ceiling|wedding|thing)\b)[a-z]+ing)\b", re.IGNORECASE)


def _one(article: Article, match: re.Match) -> dict | None:
    """'One of the volunteers', 'the one who', 'a visible one': 'one' standing for a person or thing."""
    before = article.text[max(0, match.start() - 20):match.start()]
    after = article.text[match.end():match.end() + 12]
    if re.search(r"\b(?:more|less|fewer|than|only|just|least|one|by|no|any|every|each)" + _S + "$", before, re.IGNORECASE):
        return None
    if re.match(_S + r"thing\b", after):
        return None
    if _PRONOUN_AFTER.match(article.text, match.end()):
        return _exclusion("pronoun", "'one' standing for a person or thing")
    return None


# Figures of speech with number words in them; a space in these matches any run of spaces.
IDIOMS = ["once again", "once more", "not once", "at once", "all at once", "one or two", "think twice", "thinks twice",
          "thinking twice", "one bad apple", "one another", "no one", "one by one", "day one",
          "at one point", "one day", "zero tolerance", "zero-tolerance"]
_IDIOMS = "|".join(re.escape(idiom).replace(r"\ ", _S) for idiom in sorted(IDIOMS, key=len, reverse=True))

# (pattern, recogniser) in order of rank: where two candidates cover the same words, the earlier wins.
RECOGNISERS: list[tuple[re.Pattern, Callable[[Article, re.Match], dict | None]]] = [(re.compile(p, re.IGNORECASE), r) for p, r in [
    # Stated dates, with a time or a weekday that belongs to the phrase.
    (rf"(?:{TIME_OF_DAY},?{_S})?(?:{_WEEKDAY},?{_S})?{_DAY}{_S}{_MONTH},?{_S}{_YEAR}(?:(?:,?{_S}|{_S}at{_S}){TIME_OF_DAY})?\b",
     _stated),
    (rf"(?:{_WEEKDAY},?{_S})?{_MONTH}{_S}{_DAY},?{_S}{_YEAR}(?:,?{_S}{TIME_OF_DAY})?\b", _stated),
    (rf"{_DAY}(?:{_S})?[–—-](?:{_S})?{_DAY}{_S}{_MONTH}{_S}{_YEAR}\b", _stated),
    (rf"\b(?:between{_S}{_YEAR}{_S}and|from{_S}{_YEAR}{_S}to){_S}{_YEAR}\b", _stated),
    (rf"(?<![\w/.])\d{{1,2}}/\d{{1,2}}/{_YEAR}\b", _stated),
    (rf"{_MONTH},?{_S}{_YEAR}\b", _stated),
    (rf"\b(?:between|from){_S}{_MONTH_FULL}(?:{_S}{_YEAR})?{_S}(?:and|to|until){_S}{_MONTH_FULL}{_S}{_YEAR}\b", _stated),
    (rf"\b(?:between|from){_S}{_DAY}{_S}(?:and|to|until){_S}{_DAY}{_S}{_MONTH}{_S}{_YEAR}\b", _stated),
    (rf"(?<![\w/.]){_YEAR}/\d\d(?![\w/])", _stated),
    (rf"\b(?:the{_S})?(?:{'|'.join(SEASON_MONTHS)})(?:{_S}of)?{_S}{_YEAR}\b", _stated),
    (rf"(?<![\w£$/.,])(?<!\d[-–]){_YEAR}(?![\w/%]|[.,]\d|{_S}(?:per{_S}cent|officers|women|people|cases))", _year),
    # Relative dates, resolved from the article's date.
    (r"\b(?:today|tonight|this" + _S + r"(?:morning|afternoon|evening)|yesterday(?:" + _S + r"(?:morning|afternoon|evening))?|"
     r"last" + _S + r"night|tomorrow(?:" + _S + r"(?:morning|afternoon|evening|night))?)\b", _relative(_day_word)),
    (rf"\b(?P<which>last|this|next){_S}week\b", _relative(_week)),
    (rf"\b(?:(?:earlier|later){_S})?(?P<which>last|this|next){_S}month\b", _relative(_month_word)),
    (rf"\b(?:(?:the{_S}(?:start|end|beginning|middle){_S}of|earlier|later){_S})?(?:last|this|next){_S}year\b|\bin{_S}the{_S}new{_S}year\b"
     rf"|\bthe{_S}(?:start|end|beginning|middle){_S}of{_S}the{_S}year\b",
     _relative(_year_word)),
    (rf"\b(?:(?P<which>last|next|this){_S})?(?P<weekday>{_WEEKDAY_FULL})(?!,?{_S}\d)", _relative(_weekday)),
    (rf"(?:{_WEEKDAY},?{_S})?(?P<day>{_DAY}){_S}(?P<month>{_MONTH_FULL})(?!,?{_S}{_YEAR})",
     _relative(_named_month)),
    (rf"(?P<month>{_MONTH_FULL}){_S}(?P<day>{_DAY})\b(?![,:.]?\d|,?{_S}{_YEAR})", _relative(_named_month)),
    (rf"\b(?P<month>{_MONTH_FULL}){_S}(?P<which>last|this|next){_S}year\b", _relative(_month_of_year)),
    (rf"\b(?:between|from){_S}(?P<first>{_MONTH_FULL}){_S}(?:and|to|until){_S}(?P<last>{_MONTH_FULL})(?!{_S}{_YEAR})",
     _relative(_month_range)),
    (rf"(?:\b(?P<which>last|next|this){_S})?(?P<month>{_MONTH_FULL})(?!{_S}{_YEAR}|{_S}{_DAY}\b)", _relative(_named_month)),
    (rf"\b(?P<which>last|this|next){_S}(?P<season>{'|'.join(SEASON_MONTHS)})\b", _relative(_season)),
    (rf"\b(?P<count>{_COUNT}){_S}(?P<unit>years?|months?|fortnights?|weeks?|days?){_S}ago\b", _relative(_ago)),
    (rf"\b(?:(?:over|at|during|on){_S}the|(?P<which>last|this|next)){_S}weekend\b", _relative(_weekend)),
    (rf"\bthe{_S}week{_S}(?:beginning|starting|commencing|of){_S}(?P<day>{_DAY}){_S}(?P<month>{_MONTH_FULL})(?!,?{_S}{_YEAR})",
     _relative(_week_of)),
    # What is not a quantity.
    (r"(?<![\d£])(?:0\d{2,4}(?:[ \u00a0]\d{2,6}){1,4}|116[ \u00a0]\d{3}|0\d{9,10})(?!\d|,\d)", _phone),
    (r"(?<![\w£.,])(?:999|101|111|112)(?![\w,]|\.\d)", _emergency_number),
    (rf"(?<![\w.,£])(?:{TIME_OF_DAY})(?![\w])", _fixed("time-reference", "a time of day")),
    (r"(?m)^[ \t]*\d{1,2}[.)](?=[ \t])", _fixed("ordinal", "a numbered list's marker")),
    (rf"\b(?:{_IDIOMS})\b", _fixed("idiom", "a figure of speech, not a quantity")),
    (rf"\b(?:dozens|hundreds|thousands|millions)(?:{_S}(?:of|and|or){_S}(?:dozens|hundreds|thousands|millions))+\b",
     _fixed("indefinite", "scale words without a number")),
    (r"\bone\b", _one),
]]




def _qualified(text: str, start: int) -> int:
    """Where a number's words start, with a qualifier standing just before it ('more than 300')."""
    before = text[max(0, start - 20):start]
    for words in sorted(QUALIFIERS, key=len, reverse=True):
        found = re.search(r"\b" + re.escape(words).replace(r"\ ", _S) + _S + "$", before, re.IGNORECASE)
        if found:
            if re.search(r"[\d£$%]\w*\s*$", before[:found.start()]):
                return start  # "£1.5m over two years": the qualifier belongs to a period
            return start - (len(before) - found.start())
    return start


_DURATION_AFTER = re.compile(r"(?:-|" + _S + r")(?P<unit>decades?|years?|months?|weeks?|days?|hours?|minutes?|seconds?)\b(?!-)",
                             re.IGNORECASE)


def _quantities(article: Article, offset: int, segment: str) -> list[Found]:
    """The numbers of a segment as candidates: quantities, and the numeric words that are not (ordinals, 'hundreds')."""
    rank = len(RECOGNISERS)
    found = []
    for mention in find_quantities(segment, offset):
        if mention.kind == "ordinal" or (mention.kind == "fraction" and mention.text.lower() in ("third", "thirds", "quarter")):
            columns = _exclusion("ordinal", "an ordinal, not a quantity")
        elif mention.kind == "indefinite":
            columns = _exclusion("indefinite", "a scale word without a number")
        elif mention.kind == "year":
            continue  # a year standing alone is a recogniser's: a date or a name
        else:
            start = _qualified(article.text, mention.start)
            words = article.text[start:mention.end]
            try:
                quantity = parse_quantity(words)
                value, unit, qualifier = f"{quantity.value:.12g}", quantity.unit or "", quantity.qualifier
            except QuantityError:
                value, unit, qualifier = "", "", ""
            end = mention.end
            duration = _DURATION_AFTER.match(article.text, end)
            if duration and mention.kind in ("digits", "words") and not unit:
                # "30 years", "three decades": the number with its unit, as the reporter reads it
                end, unit = duration.end(), duration.group("unit").lower().rstrip("s") + "s"
            found.append(Found(start, end, rank, {"found": f"number ({mention.kind})", "value": value,
                                                  "unit": unit, "qualifier": qualifier}))
            continue
        found.append(Found(mention.start, mention.end, rank, columns))
    # "a decade", "a year", "a dozen": one of each, unless it says how often ("twice a year").
    for match in re.finditer(r"\b(?:a|an)" + _S + r"(?P<unit>decade|year|dozen|fortnight)\b", segment, re.IGNORECASE):
        if not re.search(r"\b(?:once|twice|times|per|every|each)" + _S + "$", segment[max(0, match.start() - 8):match.start()], re.IGNORECASE):
            value = 12 if match.group("unit").lower() == "dozen" else 1
            found.append(Found(offset + match.start(), offset + match.end(), rank,
                               {"found": "number (words)", "value": f"{value}", "unit": "", "qualifier": "exact"}))
    return found


def scan(text: str, segments: list[tuple[int, str]], published: tuple[dt.date, str]) -> list[dict]:
    """The numbers, dates and proposed exclusions of the article's segments, as review rows without sentences.

    ``published`` is the article's own date and its precision; every relative date is resolved from it.
    """
    article = Article(text, *published)
    rows = []
    for offset, segment in segments:
        candidates = _quantities(article, offset, segment)
        for rank, (pattern, recognise) in enumerate(RECOGNISERS):
            for match in pattern.finditer(text, offset, offset + len(segment)):
                columns = recognise(article, match)
                if columns:
                    start = match.start() + len(match.group()) - len(match.group().lstrip())
                    candidates.append(Found(start, match.end(), rank, columns))
        taken: list[Found] = []
        for candidate in sorted(candidates, key=lambda f: (-(f.end - f.start), f.rank, f.start)):
            if not any(candidate.start < other.end and other.start < candidate.end for other in taken):
                taken.append(candidate)
        for found in sorted(taken, key=lambda f: f.start):
            rows.append({"mention": text[found.start:found.end], "mention_start": found.start,
                         "mention_end": found.end, **found.columns})
    return rows
