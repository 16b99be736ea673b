"""`python -m analysis audit`: every number in the article texts is a figure, a date or an explained exclusion."""

from analysis.audit import Account, audit
from analysis.store import Store

from .conftest import edit_cell, run_analysis


def test_no_number_in_the_articles_is_unaccounted():
    result = run_analysis("audit")
    assert result.code == 0, result.output
    assert "0 unaccounted" in result.output


def test_every_figure_row_accounts_for_a_mention():
    # The converse of coverage: a figure whose number the scanner cannot see would be a scanner gap.
    figures = Store().table("figures")
    accounts = {account for mention in audit().mentions for account in mention.accounts}
    for figure_id in figures["figure_id"]:
        assert Account("figure", figure_id, "number") in accounts, figure_id


def test_mentions_in_web_furniture_are_not_article_text():
    # Sky's teasers say "six years" and "27 years ago"; EVAW's footer has a phone number. None is audited.
    audited = {(m.source_id, m.mention.text) for m in audit().mentions}
    assert ("sky-ten-point-plan", "27") not in audited
    assert ("evaw-action-plan-response", "07960") not in audited


def test_a_number_left_out_of_the_data_is_reported_with_its_place(data_copy):
    # Turn the exclusion of "33-year-old" into one that no longer covers it.
    edit_cell(data_copy, "exclusions", "X004", "mention", "Sarah")
    result = run_analysis("audit", data_dir=data_copy)
    assert result.code == 1
    assert "data/sources/000_0ce3b016bebba7c6.txt:27:18: '33' (digits) → UNACCOUNTED" in result.output
    assert "exclusion X004 (age) accounts for no numeric mention" in result.output
    assert "1 unaccounted" in result.output


def test_audit_refuses_data_that_does_not_validate(data_copy):
    edit_cell(data_copy, "figures", "F001", "value", "161")
    result = run_analysis("audit", data_dir=data_copy)
    assert result.code == 1
    assert "does not validate" in result.output


def test_audit_can_list_every_mention():
    result = run_analysis("audit", "--all")
    assert result.code == 0
    assert "'over 2,500'" not in result.output  # mentions are the number itself, the qualifier is the figure's
    assert "'2,500' (digits) → figure F003 (number)" in result.output
    assert "'2019' (year) → figure F001 (period)" in result.output
    assert "'2016' (year) → event E022 (date)" in result.output


def test_audit_refuses_an_offset_that_int_would_take(data_copy):
    # '3_118' passed validate before and crashed the audit; validate now refuses it, and audit with it.
    line = edit_cell(data_copy, "figures", "F003", "start", "3_118")
    result = run_analysis("audit", data_dir=data_copy)
    assert result.code == 1 and "Traceback" not in result.output
    assert "does not validate" in result.output
    assert f"figures.csv, line {line}, column start: '3_118' is not an integer written in the digits 0-9" in result.output
