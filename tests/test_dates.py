"""Dates at a precision: what counts as stated, and how dates print."""

import datetime as dt

import pytest

from analysis.dates import format_date, parse_date_expression, truncate


@pytest.mark.parametrize(
    "words, expected",
    [
        ("November 10, 2021", [(dt.date(2021, 11, 10), "day")]),
        ("Friday, 11 March 2022", [(dt.date(2022, 3, 11), "day")]),
        ("February 2023", [(dt.date(2023, 2, 1), "month")]),
        ("in 2021", [(dt.date(2021, 1, 1), "year")]),
        ("between 2016 and 2018", [(dt.date(2016, 1, 1), "year"), (dt.date(2018, 1, 1), "year")]),
        # Issue 15: the forms the scanner finds, read the same way when a confirmed event is validated.
        ("10/11/2021", [(dt.date(2021, 11, 10), "day")]),  # day first
        ("21 March 2023, 00:01", [(dt.date(2023, 3, 21), "day")]),
        ("14:32, 15 Dec 2023", [(dt.date(2023, 12, 15), "day")]),
        ("14–21 December 2023", [(dt.date(2023, 12, 14), "day"), (dt.date(2023, 12, 21), "day")]),
        ("between June and September 2022", [(dt.date(2022, 6, 1), "month"), (dt.date(2022, 9, 1), "month")]),
        ("2021/22", [(dt.date(2021, 4, 1), "month"), (dt.date(2022, 3, 1), "month")]),
        ("the winter of 2022", [(dt.date(2022, 12, 1), "month"), (dt.date(2023, 2, 1), "month")]),
    ],
)
def test_stated_dates_read_with_their_precision(words, expected):
    assert parse_date_expression(words) == expected


@pytest.mark.parametrize("words", ["on Friday", "last year", "in June", "earlier this year", "released on Friday", "2021/23"])
def test_relative_dates_are_not_stated_dates(words):
    assert parse_date_expression(words) == []


def test_dates_truncate_and_print_at_their_precision():
    day = dt.date(2021, 3, 3)
    assert truncate(day, "month") == dt.date(2021, 3, 1)
    assert truncate(day, "year") == dt.date(2021, 1, 1)
    assert [format_date(day, p) for p in ("day", "month", "year")] == ["3 March 2021", "March 2021", "2021"]
