"""The add-source scanner on the cases issue 15 measured: each sentence here is written for the test."""

from __future__ import annotations

import csv
import datetime as dt
import random

import pytest

from analysis.scan import scan

from .conftest import run_analysis

THURSDAY = (dt.date(2021, 9, 30), "day")


def rows(text: str, published=THURSDAY) -> list[dict]:
    return scan(text, [(0, text)], published)


def one(text: str, words: str, published=THURSDAY) -> dict:
    """The single row whose words overlap ``words`` (its first occurrence)."""
    start = text.index(words)
    found = [r for r in rows(text, published) if r["mention_start"] < start + len(words) and start < r["mention_end"]]
    assert len(found) == 1, found
    return found[0]


def date_of(row: dict) -> tuple:
    return row["found"], row["date"], row["date_end"], row["date_precision"], row["date_basis"]


@pytest.mark.parametrize("text, words, expected", [
    # Relative dates from the article's date (Thursday 30 September 2021), at the precision of their words.
    ("The vigil was held this afternoon.", "this afternoon", ("2021-09-30", "", "day")),
    ("The trial opened on Wednesday.", "Wednesday", ("2021-09-29", "", "day")),
    ("The family will meet officers on Friday.", "Friday", ("2021-10-01", "", "day")),
    ("Figures published last year showed a rise.", "last year", ("2020-01-01", "", "year")),
    ("The review began last June.", "last June", ("2021-06-01", "", "month")),
    ("The charity wrote to the force in June last year.", "June last year", ("2020-06-01", "", "month")),
    ("The force promised change last month.", "last month", ("2021-08-01", "", "month")),
    ("A final plan will follow in the new year.", "in the new year", ("2022-01-01", "", "year")),
    ("The unit was set up at the end of last year.", "the end of last year", ("2020-01-01", "", "year")),
    ("Campaigners met ministers last week.", "last week", ("2021-09-20", "2021-09-26", "day")),
    ("The group was founded three years ago.", "three years ago", ("2018-01-01", "", "year")),
    ("The inquiry will report in March.", "March", ("2022-03-01", "", "month")),
    ("The inquiry reported in March.", "March", ("2021-03-01", "", "month")),
    ("The force said on Monday that it would publish the plan in the new year.", "Monday", ("2021-09-27", "", "day")),
    ("The letter arrived a fortnight ago.", "a fortnight ago", ("2021-09-16", "", "day")),
    ("Two arrests were made over the weekend.", "over the weekend", ("2021-09-25", "2021-09-26", "day")),
    ("Patrols doubled in the week beginning 13 September.", "the week beginning 13 September", ("2021-09-13", "2021-09-19", "day")),
])
def test_a_relative_date_is_resolved_from_the_articles_date(text, words, expected):
    row = one(text, words)
    assert date_of(row) == ("date", *expected, "inferred")
    assert "2021-09-30" in row["date_note"]  # the row says what it was resolved from


def test_nothing_depends_on_the_day_the_command_runs():
    text = "Officers were told today, and again yesterday, that the review would report tomorrow."
    for published in [(dt.date(2021, 11, 18), "day"), (dt.date(2023, 2, 8), "day")]:
        p = published[0]
        assert [r["date"] for r in rows(text, published)] == [p.isoformat(), (p - dt.timedelta(1)).isoformat(),
                                                               (p + dt.timedelta(1)).isoformat()]


def test_an_article_dated_to_the_month_dates_a_day_word_to_its_month():
    row = one("The council met on Friday.", "Friday", (dt.date(2023, 12, 1), "month"))
    assert date_of(row) == ("date", "2023-12-01", "", "month", "inferred")


@pytest.mark.parametrize("text, words, expected", [
    ("Tuesday 4 April 2022\n\nThe plan was launched.", "Tuesday 4 April 2022", ("2022-04-04", "", "day")),
    ("Feb 08 2023 | Court news", "Feb 08 2023", ("2023-02-08", "", "day")),
    ("EMBARGO: 21 March 2023, 00:01", "21 March 2023, 00:01", ("2023-03-21", "", "day")),
    ("Date Published November 10, 2021", "November 10, 2021", ("2021-11-10", "", "day")),
    ("Posted 10/11/2021 by the press office", "10/11/2021", ("2021-11-10", "", "day")),
    ("Consultation: 6–13 May 2024.", "6–13 May 2024", ("2024-05-06", "2024-05-13", "day")),
    ("Cases rose between 2015 and 2019.", "between 2015 and 2019", ("2015-01-01", "2019-01-01", "year")),
    ("The report of November 2021 said so.", "November 2021", ("2021-11-01", "", "month")),
    ("Complaints fell between June and September 2022.", "between June and September 2022", ("2022-06-01", "2022-09-01", "month")),
    ("Figures for 2021/22 were late.", "2021/22", ("2021-04-01", "2022-03-01", "month")),
    ("Cases peaked in the summer of 2022.", "the summer of 2022", ("2022-06-01", "2022-08-01", "month")),
    ("The unit opened in mid-2021.", "2021", ("2021-01-01", "", "year")),
])
def test_stated_dates_are_found_whole(text, words, expected):
    row = one(text, words)
    assert row["mention"] == words
    assert date_of(row) == ("date", *expected, "stated")


@pytest.mark.parametrize("text, words, value", [
    ("Couzens, 48, was sentenced.", "48", 48),
    ("The 29-year-old said nothing.", "29", 29),
    ("Some 39% of the women agreed.", "39%", 39),
    ("Nine in ten said so, and one in five had left.", "Nine in ten", 0.9),
    ("Nine in ten said so, and one in five had left.", "one in five", 0.2),
    ("Three in every ten officers had no training.", "Three in every ten", 0.3),
    ("Almost a third had moved home.", "Almost a third", 1 / 3),
    ("More than half of them waited.", "More than half", 0.5),
    ("Women were twice as likely to be stopped.", "twice", 2),
    ("He served for 30 years.", "30 years", 30),
    ("She has campaigned for three decades.", "three decades", 3),
    ("Officers arrived 45 minutes later.", "45 minutes", 45),
    ("It will not be fixed in a decade.", "a decade", 1),
    ("Complaints almost doubled.", "almost doubled", 2),
    ("Detection rates are about 80pc lower.", "about 80pc", 80),
    ("It is 1 in 4 for the Met.", "1 in 4", 0.25),
])
def test_a_quantity_is_one_number_row_and_never_a_date(text, words, value):
    row = one(text, words)
    assert row["found"].startswith("number") and float(row["value"]) == pytest.approx(value, rel=1e-6)


def test_a_date_never_swallows_the_number_beside_it():
    text = "In 2022, one freezer broke; on 12 January, 300 people marched."
    found = [(r["found"].split()[0], r["mention"]) for r in rows(text)]
    assert found == [("date", "2022"), ("number", "one"), ("date", "12 January"), ("number", "300")]


def test_one_wrong_guess_does_not_spread():
    text = "Sarah Everard, 33, was killed. The vigil was on March 3 and the review in September."
    found = {r["mention"]: r.get("date") or r.get("value") for r in rows(text)}
    assert found == {"33": "33", "March 3": "2021-03-03", "September": "2021-09-01"}


@pytest.mark.parametrize("text, words, reason", [
    ("The 2019 review found the same.", "2019", "year-as-name"),
    ("Under the Domestic Abuse Act 2021, police must act.", "2021", "year-as-name"),
    ("She left the station at 1am.", "1am", "time-reference"),
    ("Updated 14:32", "14:32", "time-reference"),
    ("Call the helpline on 0808 2000 247, free.", "0808 2000 247", "phone-number"),
    ("In an emergency, call 999.", "999", "phone-number"),
    ("Samaritans: 116 123.", "116 123", "phone-number"),
    ("It was the second review this year.", "second", "ordinal"),
    ("One of the officers spoke.", "One", "pronoun"),
    ("Women would think twice before reporting.", "think twice", "idiom"),
    ("Hundreds of women marched.", "Hundreds", "indefinite"),
    ("Hundreds of thousands of calls go unanswered.", "Hundreds of thousands", "indefinite"),
    ("Call 0800 111 2222, or 999 in an emergency.", "999", "phone-number"),
    ("It made six recommendations, including one asking for a review.", "one", "pronoun"),
])
def test_what_is_not_a_quantity_is_offered_as_an_exclusion_with_its_reason(text, words, reason):
    row = one(text, words)
    assert (row["found"], row["reason"]) == ("exclusion?", reason)
    assert reason in row["found_note"]


def test_add_source_finds_a_stated_date_printed_with_its_weekday(data_copy, tmp_path):
    article = tmp_path / "article.txt"
    article.write_text("Police launch plan\n\nTuesday 4 April 2022\n\nThe force said on Monday that it had trained "
                       "1,000 officers and would train two in every three by the end of the year.\n", encoding="utf-8")
    result = run_analysis("add-source", str(article), "--outlet", "Test Wire", "--title", "Police launch plan",
                          "--published", "2022-04-04", "--kind", "news", "--review-dir", str(tmp_path / "review"),
                          data_dir=data_copy)
    assert result.code == 0, result.output
    with (tmp_path / "review" / "test-wire-police-launch-plan.csv").open(encoding="utf-8", newline="") as sheet:
        sheet_rows = list(csv.DictReader(sheet))
    found = {r["mention"]: (r["value"] or r["date"], r["date_precision"], r["date_basis"]) for r in sheet_rows
             if not r["found"].startswith("quote")}
    said = [(r["found"], r["mention"], r["speaker"]) for r in sheet_rows if r["found"].startswith("quote")]
    assert said == [("quote (reported)", "it had trained 1,000 officers and would train two in every three by the end of the year",
                     "The force")]
    # (4 April 2022 was a Monday: the date is read from the day and month, and the reporter sees the words.)
    assert found == {"Tuesday 4 April 2022": ("2022-04-04", "day", "stated"), "Monday": ("2022-04-04", "day", "inferred"),
                     "1,000": ("1000", "", ""), "two in every three": ("0.666666666667", "", ""),
                     "the end of the year": ("2022-01-01", "year", "inferred")}


# Words that break naive readers: dates outside the calendar, numbers past a float, runs text2num refuses, stray marks.
AWKWARD = ["5000 years ago", "99999999999999999999 days ago", "31/02/2023", "2099/00", "0 in 0", "one in zero", "1e400",
           "£99999999999999999999999m", "the week beginning 31 February", "between December and January", "last winter",
           "on 29 February", "Monday 31 April 2023", "9999", "1899", "12:99", "25:00", "“", "”", "‘", "’", '"', "'", "said",
           "told", "according to", "she", "the force", "\n", "\n\n", ".", ",", "—", "a fortnight ago", "over the weekend",
           "2021/22", "80pc", "hundreds of thousands", "999", "0808 2000 247", "one nine in ten", "One of", "a third",
           "March", "May", "Friday", "next", "last", "year", "will", "between", "and", "–", "1st", "31st", "Sept.", "2023", "14"]


def test_awkward_text_gives_rows_at_their_offsets_never_an_error():
    from analysis.intake import review_rows
    chooser = random.Random(15)
    for _ in range(400):
        text = " ".join(chooser.choice(AWKWARD) for _ in range(chooser.randint(1, 40)))
        for published in [(dt.date(2023, 3, 9), "day"), (dt.date(2023, 12, 1), "month"), (dt.date(1, 1, 1), "day"),
                          (dt.date(9999, 12, 31), "day")]:
            for row in review_rows(text, [(0, text)], published):
                assert text[row["mention_start"]:row["mention_end"]] == row["mention"]
                assert text[row["start"]:row["end"]] == row["quote"]
