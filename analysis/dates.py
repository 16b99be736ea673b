"""Dates as the sources write them, and dates at a stated precision.

A date in the data is an ISO date plus a precision (day, month or year): "February 2023" is stored as
2023-02-01 at month precision. :func:`parse_date_expression` reads the words of a stated date (or a
range, "between 2016 and 2018" or "14–21 December 2023"; figures day first, a printed time of day set
aside) with ``dateparser``, a maintained library that also reports the
precision the words carry; :func:`format_date` writes a date back at its precision for the book.
"""

from __future__ import annotations

import datetime as dt
import re

from dateparser.date import DateDataParser

PRECISIONS = ("day", "month", "year")

# Day first, as British sources write figures: 10/11/2021 is 10 November.
_PARSER = DateDataParser(languages=["en"], settings={"PREFER_DAY_OF_MONTH": "first", "RETURN_TIME_AS_PERIOD": False,
                                                     "DATE_ORDER": "DMY"})
# A time of day printed with a date ("21 March 2023, 00:01", "14:32, 15 Dec 2023", "07.00 BST"): not part of the date.
TIME_OF_DAY = (r"(?:(?:[01]?\d|2[0-3])[:.][0-5]\d(?:\s?(?:am|pm))?(?:\s(?:BST|GMT|UTC))?"
               r"|(?:1[0-2]|0?[1-9])(?:[:.][0-5]\d)?\s?(?:am|pm))")
_TIME_AROUND = re.compile(rf"^{TIME_OF_DAY},?\s+|,?\s+(?:at\s+)?{TIME_OF_DAY}$", re.IGNORECASE)
# Words that introduce a date or join two dates of a range; they carry no date themselves.
_LEAD = re.compile(r"^(?:between|from|since|in|on|until|by)\s+", re.IGNORECASE)
_RANGE_JOIN = re.compile(r"\s+(?:and|to|until)\s+|\s*[–—-]\s*(?=\d)")


def truncate(date: dt.date, precision: str) -> dt.date:
    """The first day of the period ``date`` falls in: the form dates take in the data at that precision."""
    if precision == "year":
        return date.replace(month=1, day=1)
    if precision == "month":
        return date.replace(day=1)
    return date


def parse_date_expression(words: str) -> list[tuple[dt.date, str]]:
    """The dates stated in ``words``, each truncated to the precision the words give.

    >>> parse_date_expression("between 2016 and 2018")
    [(datetime.date(2016, 1, 1), 'year'), (datetime.date(2018, 1, 1), 'year')]
    >>> parse_date_expression("Wednesday, 9 March 2022")
    [(datetime.date(2022, 3, 9), 'day')]
    >>> parse_date_expression("14–21 December 2023")
    [(datetime.date(2023, 12, 14), 'day'), (datetime.date(2023, 12, 21), 'day')]

    Returns an empty list when the words do not state a full date (a relative phrase such as
    "on Friday" or "last year" is not a stated date: it needs the source's own date to resolve).
    """
    words = _TIME_AROUND.sub("", _LEAD.sub("", words.strip().replace("\u00a0", " ")))
    if _FINANCIAL_YEAR.fullmatch(words) or _SEASON.fullmatch(words):
        return _named_period(words)
    parts = _RANGE_JOIN.split(words)
    if len(parts) == 2 and not re.search(r"\b(19|20)\d\d\b", parts[0]):
        # "14–21 December 2023", "between June and September 2022": the first takes what the second adds
        first, second = parts[0].strip(), parts[1].strip()
        borrowed = re.sub(r"^\d{1,2}(?:st|nd|rd|th)?\s+", "", second) if re.fullmatch(r"\d{1,2}(?:st|nd|rd|th)?", first) else \
            re.search(r"\b(?:19|20)\d\d\b", second).group() if re.search(r"\b(?:19|20)\d\d\b", second) else ""
        parts[0] = f"{first} {borrowed}"
    dates = []
    for part in parts:
        part = _LEAD.sub("", part.strip())
        if not re.search(r"\b(19|20)\d\d\b", part):
            return []  # no year written: relative to something else
        found = _PARSER.get_date_data(part)
        if found is None or found.date_obj is None:
            return []
        dates.append((truncate(found.date_obj.date(), found.period), found.period))
    return dates


# Periods named in a year: a financial year ("2021/22", April to March) and a season ("the summer of 2022").
_FINANCIAL_YEAR = re.compile(r"((?:19|20)\d\d)/(\d\d)")
SEASON_MONTHS = {"spring": 3, "summer": 6, "autumn": 9, "winter": 12}  # the first of each season's three months
_SEASON = re.compile(rf"(?:the\s+)?({'|'.join(SEASON_MONTHS)})(?:\s+of)?\s+((?:19|20)\d\d)", re.IGNORECASE)


def _named_period(words: str) -> list[tuple[dt.date, str]]:
    """A financial year or a season of a stated year, as its first and last months; else nothing."""
    found = _FINANCIAL_YEAR.fullmatch(words)
    if found:  # "2021/23" is not a period (nor 23 December 2021, as dateparser would read it)
        year = int(found.group(1))
        return [(dt.date(year, 4, 1), "month"), (dt.date(year + 1, 3, 1), "month")] if (year + 1) % 100 == int(found.group(2)) else []
    found = _SEASON.fullmatch(words)
    if found:
        first = dt.date(int(found.group(2)), SEASON_MONTHS[found.group(1).lower()], 1)
        last = dt.date(first.year + (first.month + 2 > 12), (first.month + 1) % 12 + 1, 1)
        return [(first, "month"), (last, "month")]
    return []


def format_date(date: dt.date, precision: str) -> str:
    """A date as the book prints it: '3 March 2021', 'March 2021' or '2021'."""
    if precision == "year":
        return f"{date.year}"
    if precision == "month":
        return f"{date:%B %Y}"
    return f"{date.day} {date:%B %Y}"


def last_day(date: dt.date, precision: str) -> dt.date:
    """The last day a date at ``precision`` can mean: a month-precision date covers its whole month."""
    if precision == "year":
        return date.replace(month=12, day=31)
    if precision == "month":
        following = (date.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        return following - dt.timedelta(days=1)
    return date


def format_range(first: dt.date, last: dt.date) -> str:
    """A span of days as the book prints it: '11 March 2022', 'between 14 and 21 December 2023',
    'between 21 March and 17 April 2023', 'between 3 January 2022 and 5 February 2023'."""
    if first == last:
        return format_date(first, "day")
    if (first.year, first.month) == (last.year, last.month):
        return f"between {first.day} and {format_date(last, 'day')}"
    if first.year == last.year:
        return f"between {first.day} {first:%B} and {format_date(last, 'day')}"
    return f"between {format_date(first, 'day')} and {format_date(last, 'day')}"
