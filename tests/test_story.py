"""The story first (issue 22): the home page and the chapters as a general reader meets them, measured on the
built pages and in Debian's chromium at 390×844 and 1366×900."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from analysis import readability
from analysis.derived import figures
from analysis.facts import SUPPORT_LINES
from analysis.store import PublishedStore

from .browser import DESKTOP, PHONE

pytestmark = pytest.mark.usefixtures("built_book")

STORY_PAGES = ["index.html", *(f"chapters/{name}.html" for name in
                               ("timeline", "numbers", "promises", "critics", "inside", "how-we-know"))]
CHAPTERS = STORY_PAGES[1:]
HELPLINES = [number for _, number, _ in SUPPORT_LINES]


def soup(book, path: str) -> BeautifulSoup:
    return BeautifulSoup((book / path).read_text(encoding="utf-8"), "html.parser")


@pytest.mark.parametrize("path", STORY_PAGES)
def test_prose_is_within_the_story_standard_s_limits(book, path):
    measure = readability.measure((book / path).read_text(encoding="utf-8"))
    assert len(measure.sentences) >= 10, f"{path}: only {len(measure.sentences)} sentences measured"
    assert not measure.problems(), f"{path}:\n" + "\n".join(measure.problems())


def test_the_readability_measure_bites():
    long = "<article class='bd-article'><p>" + " ".join(["The Metropolitan Police Service's institutional considerations"] * 12) + ".</p></article>"
    problems = readability.measure(long).problems()
    assert any("sentence of" in p for p in problems) and any("Flesch" in p for p in problems)
    left_out = ("<article class='bd-article'><p>Short words here. More short words.</p><blockquote class='vawg-pullquote'><p>"
                + "word " * 200 + "</p></blockquote><figure><figcaption>" + "caption " * 200 + "</figcaption></figure></article>")
    assert readability.measure(left_out).blocks == ["Short words here. More short words."]


def test_the_home_page_opens_with_headline_standfirst_byline_then_the_lede_chart(book):
    page = soup(book, "index.html")
    article = page.select_one("article.bd-article")
    order = [node for node in article.select(".vawg-headline, .vawg-standfirst, .vawg-byline, figure, ul")]
    kinds = [next(k for k in ("headline", "standfirst", "byline", "figure", "ul") if k in (node.get("class") or []) + [node.name]
                  or f"vawg-{k}" in (node.get("class") or [])) for node in order]
    assert kinds[:5] == ["headline", "standfirst", "byline", "figure", "ul"], kinds
    standfirst = article.select_one(".vawg-standfirst").get_text(" ", strip=True)
    assert readability.words(standfirst) <= 45
    byline = article.select_one(".vawg-byline").get_text(" ", strip=True)
    package = PublishedStore().package()
    assert package["version"] in byline and "By " in byline
    assert "vawg-chart" in str(article.select("figure")[0])


def test_the_home_page_has_four_to_six_short_findings_with_linked_numbers(book):
    article = soup(book, "index.html").select_one("article.bd-article")
    findings = article.select_one("figure ~ ul").find_all("li", recursive=False)
    assert 4 <= len(findings) <= 6
    for item in findings:
        assert readability.words(item.get_text(" ", strip=True)) <= 50, item.get_text(" ", strip=True)
        assert item.find("strong"), "each finding leads with its point in bold"
    quote_links = [a for item in findings for a in item.select("a[href*='sources/']")]
    assert len(quote_links) >= 6, "the findings' numbers and quotes link to their sentences"


def test_a_shared_link_gets_a_description_with_no_typed_number(book):
    page = soup(book, "index.html")
    description = page.find("meta", attrs={"name": "description"})["content"]
    assert 80 <= len(description) <= 320
    assert not re.search(r"\d", description)
    assert page.find("meta", attrs={"property": "og:description"})


def test_the_lede_chart_draws_the_figures_themselves_with_their_words():
    rows = figures.figures_stated(PublishedStore())
    assert set(rows["kind"]) == {"output", "outcome"}
    stated = dict(zip(rows["figure_id"], rows["number_text"]))
    assert stated["F003"] == "over 2,500" and stated["F022"] == "below 50%" and stated["F004"] == "over half"
    assert "(attribution inferred)" in rows.set_index("figure_id").loc["F022", "stated_by"]
    shares = rows[rows["share"].notna()]
    assert set(shares["figure_id"]) == {"F004", "F022"} and (shares["share"] <= 1).all()


@pytest.mark.parametrize("path", CHAPTERS)
def test_each_chapter_opens_with_what_it_found_then_its_chart(book, path):
    """Two or three sentences of news, then the chart (after at most a short paragraph that introduces it by number)."""
    section = soup(book, path).select_one("article.bd-article section")
    blocks = [node for node in section.find_all(["p", "figure", "section"], recursive=False)
              if node.name != "p" or readability.words(node.get_text(" ", strip=True))]
    opening = readability.main_blocks(str(blocks[0]))
    assert blocks[0].name == "p" and len(opening) == 1, f"{path} does not open with a paragraph"
    assert 2 <= len(readability.sentences(opening[0])) <= 3, f"{path} opens with: {opening[0]}"
    assert not re.search(r"\b(counted as|coded|data rows?|codebook)\b", opening[0]), f"{path} opens on method: {opening[0]}"
    chart_at = next(i for i, node in enumerate(blocks) if node.name == "figure" or node.select_one(".vawg-chart"))
    assert chart_at <= 2, f"{path}: its chart comes after {chart_at} blocks"
    if chart_at == 2:
        assert len(readability.sentences(blocks[1].get_text(" ", strip=True))) <= 2


@pytest.mark.parametrize("path", CHAPTERS)
def test_each_chapter_carries_a_pull_quote_linked_to_its_sentence(book, path):
    quotes = soup(book, path).select("blockquote.vawg-pullquote")
    assert quotes, f"{path} has no pull quote"
    for quote in quotes:
        assert quote.select_one("a[href*='sources/']"), "a pull quote links to its sentence"
        assert quote.select_one(".attribution").get_text(strip=True)


@pytest.mark.parametrize("path", CHAPTERS[:-1])
def test_counting_rules_are_in_a_note_apart_from_the_main_column(book, path):
    """The chapter's "How this was counted" note is a disclosure right after the paragraph that refers to it (in the
    margin on a desktop, see the browser test below), and no longer a footnote on the web."""
    page = soup(book, path)
    notes = page.select("details.vawg-counted")
    assert notes and all(note.summary.get_text(strip=True) == "How this was counted" for note in notes), path
    assert all(note.find_previous_sibling().name == "p" for note in notes)
    assert not any("How this was counted" in aside.get_text() for aside in page.select("aside.footnote-list, .footnote"))


@pytest.mark.parametrize("screen", ["phone", "desktop"])
def test_the_counting_note_is_in_the_margin_on_a_desktop_and_a_tap_away_on_a_phone(site, browser, screen):
    context = browser.new_context(**(PHONE if screen == "phone" else DESKTOP))
    page = context.new_page()
    page.goto(f"{site}/chapters/critics.html", wait_until="load")
    note = page.locator("details.vawg-counted").first
    opened, box = note.evaluate("d => d.open"), note.bounding_box()
    column = page.locator(".bd-article").bounding_box()
    charts = [page.locator(".bd-article figure").nth(i).bounding_box() for i in range(page.locator(".bd-article figure").count())]
    context.close()
    if screen == "desktop":
        assert opened and box["x"] >= column["x"] + column["width"], (box, column)
        assert all(box["x"] >= chart["x"] + chart["width"] or box["y"] + box["height"] <= chart["y"]
                   or box["y"] >= chart["y"] + chart["height"] for chart in charts), "the note covers a chart"
    else:
        assert not opened and box["x"] >= column["x"] and box["x"] + box["width"] <= column["x"] + column["width"] + 1


def _first_screen(page):
    return page.evaluate("""() => {
        const seen = (el) => { const r = el.getBoundingClientRect();
            return el.checkVisibility({visibilityProperty: true}) && r.height > 0 && r.top < innerHeight && r.bottom > 0; };
        const texts = [];
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        while (walker.nextNode()) {
            const n = walker.currentNode;
            if (n.textContent.trim() && n.parentElement && seen(n.parentElement)) texts.push(n.textContent);
        }
        return texts.join(' ');
    }""")


@pytest.mark.parametrize("screen", ["phone", "desktop"])
def test_the_first_screen_carries_the_story_and_one_helpline_line(site, browser, screen):
    context = browser.new_context(**(PHONE if screen == "phone" else DESKTOP))
    page = context.new_page()
    page.goto(f"{site}/index.html", wait_until="load")
    first = _first_screen(page)
    height = page.viewport_size["height"]
    notice = page.locator(".bd-header-announcement").bounding_box()
    headline = page.locator(".vawg-headline").bounding_box()
    chart = page.locator("figure").first.bounding_box()
    title = page.locator("figure figcaption, figure .caption").first
    context.close()
    # One compact notice: at most two lines of its text, one helpline, the full list a tap away.
    assert notice["height"] <= 52, notice
    assert sum(first.count(number) for number in HELPLINES) == 1, first
    assert headline["y"] + headline["height"] <= height * 0.6
    if screen == "desktop":
        assert chart["y"] + 140 <= height, "the lede chart's title and first values show without scrolling"
    else:
        assert chart["y"] < 2 * height, "the lede chart starts within the first two screens"
    assert title


def test_the_full_helpline_list_opens_from_the_notice_on_every_page(site, browser):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    for path in ("index.html", "chapters/critics.html"):
        page.goto(f"{site}/{path}", wait_until="load")
        notice = page.locator(".vawg-support")
        assert not notice.evaluate("d => d.open")
        page.locator(".vawg-support summary").tap()
        shown = page.locator(".vawg-support ul").inner_text()
        assert all(number in shown for number in HELPLINES)
    context.close()
