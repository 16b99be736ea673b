"""The editorial standard, as far as a machine can hold it: units of count, date discipline, right of
reply, care on every page and the naming policy, in the data and in every output of the built book."""

from __future__ import annotations

import csv
import re
import subprocess
from collections import defaultdict
from pathlib import Path

import pytest

from analysis.derived import critics, inside, promises
from analysis.facts import all_facts
from analysis.naming import WITHHELD
from analysis.store import DATA_DIR, PROJECT_ROOT, PublishedStore, Store

from .conftest import edit_cell, replace_once
from .test_validate import expect_rejected


def rows(table: str) -> list[dict[str, str]]:
    with (DATA_DIR / f"{table}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def words(n: int) -> str:
    return "none one two three four five six seven eight nine".split()[n] if n < 10 else f"{n:,}"


# -- units of count, recomputed from the CSV files without the report's code ------------------------

ON_SUBJECT = {"vawg", "police-misconduct", "trust"}


def inward(plan_id: str, points_only: bool = False) -> tuple[int, int, list[str]]:
    counted = [r for r in rows("measures") if r["plan_id"] == plan_id and not r["counted_under"] and r["topic"] in ON_SUBJECT
               and r["status"] == "promise" and (r["point"] or not points_only)]
    inward_rows = [r["measure_id"] for r in counted if r["category"] == "internal-culture"]
    return len(inward_rows), len(counted), inward_rows


def criticisms() -> dict[str, list[dict[str, str]]]:
    grouped = defaultdict(list)
    for row in rows("critiques"):
        if row["role"] == "critic":
            grouped[row["criticism"]].append(row)
    return grouped


def test_key_finding_1_counts_each_account_s_measures_once():
    facts = all_facts()
    n, total, which = inward("action-plan-2021")
    assert which == ["M048"], "EVAW's account: only Safe Connection concerns the Met's own officers"
    assert (facts["action-plan-2021-inward"], facts["action-plan-2021-measures"]) == (words(n), words(total))
    n, total, which = inward("ten-point-plan-2023", points_only=True)
    assert total == 10 and which == ["M027", "M030"], "the ten points: two look inward"
    assert (facts["ten-point-plan-2023-points-inward"], facts["ten-point-plan-2023-points-measures"]) == (words(n), words(total))
    n, total, _ = inward("ten-point-plan-2023")
    assert (facts["ten-point-plan-2023-inward"], facts["ten-point-plan-2023-measures"]) == (words(n), words(total))
    n, total, _ = inward("messages-2022-03")
    assert (facts["messages-2022-03-inward"], facts["messages-2022-03-measures"]) == (words(n), words(total))


def test_a_measure_described_twice_in_one_account_is_counted_once():
    measures = {r["measure_id"]: r for r in rows("measures")}
    # Officer training (part of point 4) and the "whole Met" approach, each described twice in Sky's account.
    assert measures["M042"]["counted_under"] == "M030" and measures["M056"]["counted_under"] == "M037"
    counted = promises.measures(PublishedStore())
    assert counted.loc[counted["counted"], "measure_id"].is_unique
    accounted = set(promises.inward_by_account(PublishedStore())["measure_rows"].str.split().sum())
    assert not set(counted.loc[~counted["counted"], "measure_id"]) & accounted


def test_key_finding_3_counts_criticisms_not_fragments():
    facts = all_facts()
    grouped = criticisms()
    of_met = {slug: frags for slug, frags in grouped.items() if frags[0]["target_kind"] in ("measure", "plan", "met")}
    assert facts["criticisms_total"] == words(len(grouped))
    assert facts["criticisms_of_met"] == words(len(of_met))
    assert facts["critics_total"] == words(len({frags[0]["critic"] for frags in grouped.values()}))
    evaw = [s for s, f in of_met.items() if f[0]["critic"] in ("evaw", "deniz-ugur")]
    # The count the summary and the critics chapter glue as criticisms_evaw.
    assert len(critics.criticisms_by(PublishedStore(), "evaw")) == len(evaw)
    # No criticism is counted twice: one row per criticism, and no critic supplies a theme twice by fragments.
    table = critics.criticisms(PublishedStore())
    assert table["criticism"].is_unique and len(table) == len(grouped)
    assert sum(table["fragments"]) == sum(len(f) for f in grouped.values())
    alice_culture = [s for s, f in grouped.items() if f[0]["critic"] == "alice" and f[0]["theme"] == "culture"]
    assert len(alice_culture) < len([r for r in rows("critiques") if r["critic"] == "alice" and r["theme"] == "culture"])


def test_the_themes_of_the_force_are_declared_in_the_data_and_must_be_themes(data_copy):
    # Which criticisms are of the force itself is the data package's choice (themesOfTheForce), not the code's.
    assert inside.themes_of_the_force(PublishedStore()) == ["internal-first", "culture"]
    replace_once(data_copy / "datapackage.json", '"themesOfTheForce": ["internal-first", "culture"]',
                 '"themesOfTheForce": ["internal-first", "cultures"]')
    with pytest.raises(ValueError, match="cultures"):
        inside.themes_of_the_force(PublishedStore(data_copy))


def test_witnesses_and_laws_are_not_counted_as_criticisms_of_the_met():
    table = critics.criticisms(PublishedStore())
    assert "officer-a" not in set(table["critic"]) and "unnamed-female-officer" not in set(table["critic"])
    bill = table[table["fragment_ids"].str.contains("C042")]
    assert list(bill["target_kind"]) == ["law"] and not bill["of_the_met"].any()
    charing_cross = table[table["fragment_ids"].str.contains("C053")].iloc[0]
    assert charing_cross["critic"] == "iopc" and charing_cross["attribution"] == "inferred"


def test_validate_rejects_fragments_of_one_criticism_that_disagree(data_copy):
    line = edit_cell(data_copy, "critiques", "C047", "theme", "over-policing")
    expect_rejected(data_copy, "critiques.csv", line, "theme", "C047", "same criticism")


def test_validate_rejects_a_reply_to_a_criticism_that_does_not_exist(data_copy):
    line = edit_cell(data_copy, "replies", "R001", "criticism", "no-such-criticism")
    expect_rejected(data_copy, "replies.csv", line, "criticism", "R001", "not a criticism")


def test_validate_rejects_a_chain_of_counted_under(data_copy):
    line = edit_cell(data_copy, "measures", "M043", "counted_under", "M044")
    expect_rejected(data_copy, "measures.csv", line, "counted_under", "M043")


# -- dates -------------------------------------------------------------------------------------------

def test_every_source_s_publication_range_is_ordered_and_holds_its_date():
    for row in rows("sources"):
        assert row["published_earliest"] <= row["published_latest"], row["source_id"]
    commentary = next(r for r in rows("sources") if r["source_id"] == "casey-commentary")
    assert (commentary["published_earliest"], commentary["published_latest"]) == ("2023-03-21", "2023-04-17")


def test_validate_rejects_a_range_that_ends_before_it_begins(data_copy):
    line = edit_cell(data_copy, "sources", "casey-commentary", "published_latest", "2023-03-01")
    expect_rejected(data_copy, "sources.csv", line, "published_latest", "before published_earliest")


def test_validate_rejects_a_published_date_outside_its_range(data_copy):
    line = edit_cell(data_copy, "sources", "sky-ten-point-plan", "published", "2023-11-01")
    expect_rejected(data_copy, "sources.csv", line, "published", "outside the range")


def test_no_published_text_cites_the_internal_brief():
    for table in ("sources", "events", "figures", "measures", "critiques", "replies", "plans", "voices"):
        for row in rows(table):
            assert not re.search(r"\bbrief\b", " ".join(row.values()), re.I), (table, row)


# -- the built book ----------------------------------------------------------------------------------

def pages(book: Path) -> list[Path]:
    return sorted(p for p in book.rglob("*.html") if "_static" not in p.parts and p.name not in ("search.html", "genindex.html"))


def text_of(page: Path) -> str:
    return re.sub(r"<[^>]+>", " ", page.read_text(encoding="utf-8"))


def test_no_page_cites_the_internal_brief(book, built_book):
    """A working brief is not evidence: no page or the PDF may rest a statement on it."""
    pdf = PROJECT_ROOT / "_build" / "latex" / "met-vawg-report.pdf"
    # The corrections appendix quotes what the previous edition said, the brief included: that is its job.
    texts = [text_of(page) for page in pages(book) if page.name != "corrections.html"]
    printed = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    # The appendix's heading after the contents (which name it too); its pages' running heads repeat it, so the
    # first one after the contents' entry for the appendix that follows it is where it begins.
    lower = printed.lower()
    start = lower.find("appendix: corrections", lower.find("appendix: how to cite") + 1)
    end = lower.find("appendix: how to cite", start + 1)
    assert 0 < start < end, "the PDF's corrections appendix was not found"
    texts.append(printed[:start] + printed[end:])
    for text in texts:
        assert not re.search(r"\b(the|our|a|working) brief\b", text, re.I)


def test_the_support_lines_are_on_every_page(book):
    for page in pages(book):
        html = page.read_text(encoding="utf-8")
        for number in ("116 123", "0808 500 2222", "0808 2000 247"):
            assert number in html, f"{number} missing from {page.relative_to(book)}"


def test_every_inferred_date_in_the_prose_is_marked(book):
    """Every inferred date the facts paste is printed inside span.vawg-inferred with its "(inferred)" mark,
    and the same words never stand unmarked in a chapter's prose."""
    facts = all_facts()
    dates = {re.match(r"\{inferred\}`(.+?) <", v).group(1) for v in facts.values() if v.startswith("{inferred}")}
    # A bare year ("2021") is too common a string to search for; every day or month date is checked.
    dates = {date for date in dates if re.search(r"[A-Za-z]", date)}
    assert dates
    # The corrections appendix quotes what the previous edition said, unmarked dates included: that is the point.
    chapters = [p for p in pages(book) if ("sources" not in p.relative_to(book).parts[:-1] or p.name == "sources.html")
                and p.name != "corrections.html"]
    marked = 0
    for page in chapters:
        html = page.read_text(encoding="utf-8")
        html = html[html.index("<main"):html.index("</main>")]
        # Prose only: tables (and tables set as blocks of fields) mark their dates cell by cell (checked
        # below), and their notes explain reasoning.
        html = re.sub(r'<table.*?</table>|<dl class="vawg-record__fields">.*?</dl>|<script.*?</script>|<svg.*?</svg>', "",
                      html, flags=re.S)
        html = re.sub(r'\stitle="[^"]*"', "", html)  # a mark's reason, shown on hover, is not prose
        for date in dates:
            # The whole date, not a part of a longer one ("March 2022" inside "11 March 2022").
            for found in re.finditer(r"(?<!\d )(?<![\w\u2013])" + re.escape(date) + r"(?!\w)", html):
                before = html[max(0, found.start() - 400):found.start()]
                after = html[found.end():found.end() + 400]
                inside = before.rfind('class="vawg-inferred"') > before.rfind("</span>") or "(inferred)" in after[:200]
                assert inside, f"{date!r} printed without its mark in {page.relative_to(book)}: …{before[-120:]}|{after[:120]}…"
                marked += 1
    assert marked > 10
    timeline = (book / "chapters" / "timeline.html").read_text(encoding="utf-8")
    table = timeline[timeline.index("vawg-chart__table"):]
    table = table[:table.index("</table>")]
    assert re.search(r'<span class="vawg-inferred">[^<]+</span> <a class="vawg-inferred__why"', table), \
        "the timeline's data table marks no inferred date"


def test_no_docutils_markup_leaks_into_a_page(book):
    for page in pages(book):
        text = page.read_text(encoding="utf-8")
        assert "pending_xref" not in text and "&lt;inline" not in text and "<inline" not in text, page


def test_an_inferred_date_links_to_its_reason(book):
    html = (book / "chapters" / "promises.html").read_text(encoding="utf-8")
    assert 'class="vawg-inferred"' in html
    reason = re.search(r'<a class="vawg-inferred__why" href="([^"]+)" title="Inferred: ([^"]+)">\(inferred\)</a>', html)
    assert reason, "no reason link"
    target, anchor = reason.group(1).split("#")
    assert f'id="{anchor}"' in (book / "chapters" / target).read_text(encoding="utf-8")


def test_the_graphic_account_is_behind_a_warning(book):
    html = (book / "chapters" / "sources" / "casey-commentary.html").read_text(encoding="utf-8")
    for row in rows("warnings"):
        words_ = row["quote"].split(",")[0]
        at = html.index(words_)
        details = html.rfind("<details", 0, at)
        assert details > html.rfind("</details>", 0, at), f"{words_!r} is not inside a closed <details>"
        assert "open" not in html[details:html.index(">", details)]
        assert "Content warning" in html[details:at]
    for page in pages(book):
        if page.name != "casey-commentary.html":
            for row in rows("warnings"):
                assert row["quote"] not in page.read_text(encoding="utf-8"), page


def withheld() -> list[str]:
    """The words the naming policy keeps out of every output, read from the sources at withheld.csv's offsets:
    each name's parts, and each allegation's detail whole."""
    store = Store()
    words = []
    for row in rows("withheld"):
        said = store.source_text(row["source_id"])[int(row["start"]):int(row["end"])]
        words += said.split() if row["what"] == "name" else [said]
    return words


def test_no_data_table_repeats_the_withheld_words():
    """withheld.csv gives offsets only: no table of data/ types the words it withholds."""
    for path in sorted(DATA_DIR.glob("*.csv")):
        text = path.read_text(encoding="utf-8")
        for words in withheld():
            if len(words) > 5:  # the name's parts and the allegation's detail
                assert words not in text, f"{words!r} typed in {path.name}"


def test_validate_rejects_a_withheld_span_outside_its_source(data_copy):
    line = edit_cell(data_copy, "withheld", "N001", "end", "999999")
    expect_rejected(data_copy, "withheld.csv", line, "end", "N001")


def test_the_naming_policy_holds_in_every_page_csv_and_figure(book):
    names = withheld()
    assert names
    files = (pages(book) + sorted(book.rglob("*.csv")) + sorted((PROJECT_ROOT / "figures").glob("*")) + sorted(book.rglob("*.ipynb"))
             + sorted(book.rglob("*.md")) + [book / "searchindex.js"])
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace").lower()
        for words in names:
            assert words.lower() not in text, f"withheld words in {path}"
    assert WITHHELD in (book / "chapters" / "sources" / "casey-commentary.html").read_text(encoding="utf-8")
    # Downloads made in the page (data: URIs) are checked with the page's HTML above.


def test_the_naming_policy_holds_in_the_pdf(built_book):
    pdf = PROJECT_ROOT / "_build" / "latex" / "met-vawg-report.pdf"
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    flat = re.sub(r"\s+", " ", text)
    for words in withheld():
        assert words not in flat
    assert "(inferred)" in text
    assert "pending_xref" not in text and "<inline" not in text
    # The support lines open every chapter of the PDF.
    assert text.count("0808 2000 247") >= 10


def test_the_right_of_reply_table_stands_in_the_critics_chapter(book):
    html = (book / "chapters" / "critics.html").read_text(encoding="utf-8")
    assert "as the sources give them, beside it</th>" in html
    assert "both to reassure the public and deter criminals" in html
