"""The book as readers meet it (issue 12): on a phone (390 px, touch), on a desktop (1366 px), on paper
from the browser, and as a notebook to take away. Debian's chromium, served from 127.0.0.1."""

from __future__ import annotations

import io
import json
import re
import statistics
from urllib.parse import urljoin

import nbformat
import pytest
from pypdf import PdfReader

from analysis import toc
from analysis.store import PROJECT_ROOT

from .browser import DESKTOP, PHONE, all_pages, has_chart

pytestmark = pytest.mark.usefixtures("built_book")

# Cold-load weight, uncompressed: every response body a fresh page receives.
MAX_BYTES_WITHOUT_CHARTS = 1_000_000
MAX_BYTES_WITH_CHARTS = 2_000_000
# A4 (210 mm at 96 px an inch) less 10 mm margins: the width a printed page gives the text.
PRINT_WIDTH = 718


def toc_pages() -> list[str]:
    """Every page the table of contents lists (globs expanded), as built paths."""
    return [f"{name}.html" for name in toc.pages()]


def notebook_pages() -> list[str]:
    """The chapters that are notebooks (those with a kernel), as built paths."""
    return [s.relative_to(PROJECT_ROOT).with_suffix(".html").as_posix() for s in toc.chapters() if "kernelspec:" in s.read_text(encoding="utf-8")]


# 1. Navigation --------------------------------------------------------------------------------------

def test_on_a_phone_a_tap_opens_the_navigation_with_every_chapter_and_the_page_contents(site, browser):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.goto(f"{site}/chapters/promises.html", wait_until="load")
    # The cause of the dead buttons: a second, hidden toggle that the theme's scripts bound to.
    assert page.locator(".primary-toggle").count() == 1
    assert page.locator(".secondary-toggle").count() == 1
    page.locator(".primary-toggle").tap()
    dialog = page.locator("#pst-primary-sidebar-modal")
    dialog.wait_for(state="visible", timeout=5000)
    assert dialog.evaluate("d => d.open")
    links = dialog.locator("nav a")
    assert links.first.is_visible()
    listed = {urljoin(page.url, link.get_attribute("href")).split("#")[0].removeprefix(f"{site}/") for link in links.all()}
    missing = [path for path in toc_pages() if path not in listed]
    assert not missing, f"not in the navigation: {missing}"
    assert len(toc_pages()) >= 16
    page.keyboard.press("Escape")
    dialog.wait_for(state="hidden", timeout=5000)
    page.locator(".secondary-toggle").tap()
    contents = page.locator("#pst-secondary-sidebar-modal")
    contents.wait_for(state="visible", timeout=5000)
    assert contents.locator("nav.page-toc a").count() >= 4
    assert contents.locator("nav.page-toc a").first.is_visible()
    # Following a section's link closes the contents, so the reader sees the section, not the list.
    contents.locator("nav.page-toc a").nth(1).tap()
    contents.wait_for(state="hidden", timeout=5000)
    assert "#" in page.url
    context.close()


def test_on_a_phone_every_table_column_is_in_sight_under_its_words(site, browser):
    """A reader's table on a phone is a card per row: every value within the screen, under its column's
    words, the right-of-reply column included."""
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.goto(f"{site}/chapters/critics.html", wait_until="load")
    cells = page.evaluate("""[...document.querySelectorAll('table.vawg-table td')].filter(c => c.textContent.trim())
        .map(c => ({right: c.getBoundingClientRect().right, label: getComputedStyle(c, '::before').content}))""")
    assert len(cells) > 50
    assert all(cell["right"] <= PHONE["viewport"]["width"] for cell in cells), max(c["right"] for c in cells)
    assert all(cell["label"] not in ("none", '""') for cell in cells)
    assert any("Met's words" in cell["label"] for cell in cells)
    context.close()


def test_a_chart_is_introduced_by_its_number_and_title_above_it(site, browser):
    context = browser.new_context(**DESKTOP)
    page = context.new_page()
    page.goto(f"{site}/chapters/promises.html", wait_until="load")
    figures = page.locator("figure:has(.vawg-chart)")
    assert figures.count() >= 2
    for index in range(figures.count()):
        figure = figures.nth(index)
        caption, chart = figure.locator("figcaption").bounding_box(), figure.locator(".vawg-chart").bounding_box()
        assert caption["y"] + caption["height"] <= chart["y"] + 1
        assert figure.locator("figcaption").inner_text().startswith("Figure")
    context.close()


def test_on_a_desktop_the_menu_button_collapses_and_restores_the_sidebar(site, browser):
    context = browser.new_context(**DESKTOP)
    page = context.new_page()
    page.goto(f"{site}/chapters/promises.html", wait_until="load")
    sidebar = page.locator("#pst-primary-sidebar")
    assert sidebar.is_visible() and sidebar.bounding_box()["x"] >= 0
    article_left = page.locator(".bd-article").bounding_box()["x"]
    page.locator(".primary-toggle").click()
    page.wait_for_function("document.getElementById('pst-primary-sidebar').getBoundingClientRect().right <= 0", timeout=5000)
    assert page.locator(".bd-article").bounding_box()["x"] < article_left
    page.locator(".primary-toggle").click()
    page.wait_for_function("document.getElementById('pst-primary-sidebar').getBoundingClientRect().left >= 0", timeout=5000)
    context.close()


# 2. Width -------------------------------------------------------------------------------------------

OPEN_ALL = "document.querySelectorAll('details').forEach(d => d.open = true)"
# Every element that scrolls sideways, and whether a keyboard reaches it and the eye sees it scrolls.
SCROLLERS = """() => [...document.querySelectorAll('.bd-article *')].filter(el => {
    const s = getComputedStyle(el); return ['auto', 'scroll'].includes(s.overflowX) && el.scrollWidth > el.clientWidth + 1; })
  .map(el => ({what: el.tagName + '.' + el.className,
               focusable: el.tabIndex >= 0 || !!el.querySelector('a[href], summary, button, [tabindex]'),
               named: !!(el.getAttribute('aria-label') || el.querySelector('summary')),
               cue: getComputedStyle(el).backgroundImage.includes('gradient')}))"""


def test_no_page_is_wider_than_a_phone_with_every_panel_open(book, site, browser):
    from axe_playwright_python.sync_playwright import Axe

    too_wide, hidden_scrollers, axe = {}, {}, {}
    scrollers_seen = 0
    for path in all_pages(book):
        context = browser.new_context(**PHONE)
        page = context.new_page()
        page.goto(f"{site}/{path}", wait_until="load")
        page.evaluate(OPEN_ALL)
        if has_chart(book, path):
            page.wait_for_selector(".vawg-chart--interactive", timeout=15_000)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 390:
            too_wide[path] = width
        scrollers = page.evaluate(SCROLLERS)
        scrollers_seen += len(scrollers)
        bad = [s for s in scrollers if not (s["focusable"] and s["named"] and s["cue"])]
        if bad:
            hidden_scrollers[path] = bad
        violations = Axe().run(page, options={"runOnly": ["scrollable-region-focusable"]}).response["violations"]
        if violations:
            axe[path] = [node["target"] for v in violations for node in v["nodes"]]
        context.close()
    assert not too_wide, f"pages wider than 390 px: {too_wide}"
    assert not hidden_scrollers, json.dumps(hidden_scrollers, indent=1)
    assert not axe, f"scrollable regions a keyboard cannot reach: {axe}"
    assert scrollers_seen >= 10, "the wide tables no longer scroll: is the check still looking at them?"


def test_tables_have_worded_headers_and_the_sources_appendix_is_a_block_per_source(book, site, browser):
    from analysis.store import Store

    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.goto(f"{site}/chapters/tables.html", wait_until="load")
    headers = page.locator(".vawg-table th").all_inner_texts()
    assert len(headers) > 60
    assert not [h for h in headers if re.fullmatch(r"[a-z0-9]+(_[a-z0-9]+)+", h.strip())], headers
    assert "Figure ID" in headers and "Corroboration URL" in headers
    page.goto(f"{site}/chapters/sources.html", wait_until="load")
    records = page.locator(".bd-article .vawg-record")
    assert records.count() == len(Store().table("sources"))
    assert page.locator(".bd-article table").count() == 0
    for index in range(records.count()):
        box = records.nth(index).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    assert "How the date is known" in records.first.inner_text()
    context.close()


# 3. Measure -----------------------------------------------------------------------------------------

# Characters on each full line of the body paragraphs (a paragraph's last line is short by nature).
LINE_LENGTHS = """() => { const lines = [];
  for (const p of document.querySelectorAll('.bd-article section > p')) {
    const perLine = []; let last = null; const range = document.createRange();
    const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (let i = 0; i < node.length; i++) {
        range.setStart(node, i); range.setEnd(node, i + 1);
        const rect = range.getClientRects()[0]; if (!rect || rect.width === 0) continue;
        // Text runs left to right: a character left of the one before it, and lower, starts a new line.
        if (!last || (rect.left < last.left - 1 && rect.top > last.top + 1)) perLine.push(0);
        perLine[perLine.length - 1]++; last = rect; } }
    lines.push(...perLine.slice(0, -1)); }
  return lines; }"""


def test_body_text_runs_60_to_75_characters_a_line_on_a_desktop(book, site, browser):
    context = browser.new_context(**DESKTOP)
    page = context.new_page()
    measured = {}
    for path in notebook_pages() + ["chapters/sources/evaw-action-plan-response.html"]:
        page.goto(f"{site}/{path}", wait_until="load")
        lines = page.evaluate(LINE_LENGTHS)
        if len(lines) >= 10:
            measured[path] = round(statistics.mean(lines), 1)
    context.close()
    assert len(measured) >= 8, measured
    assert all(60 <= mean <= 75 for mean in measured.values()), measured


# 4. Weight, icons, search ---------------------------------------------------------------------------

def cold_load(browser, url: str):
    """A fresh context (empty cache) loads the page: the bytes of every response body, and the page."""
    context = browser.new_context(**DESKTOP)
    page = context.new_page()
    bodies = {}
    page.on("requestfinished", lambda request: bodies.__setitem__(request.url, request.sizes()["responseBodySize"]))
    page.goto(url, wait_until="networkidle")
    return sum(bodies.values()), bodies, page


def test_every_page_is_light_and_still_draws_every_icon(book, site, browser):
    heavy, icons_missing = {}, {}
    chart_pages = 0
    for path in all_pages(book):
        total, bodies, page = cold_load(browser, f"{site}/{path}")
        limit = MAX_BYTES_WITH_CHARTS if has_chart(book, path) else MAX_BYTES_WITHOUT_CHARTS
        chart_pages += has_chart(book, path)
        if total > limit:
            heavy[path] = (total, sorted(bodies.items(), key=lambda item: -item[1])[:3])
        assert not [url for url in bodies if "fontawesome.js" in url]
        # Every icon in the page's chrome is a glyph of the Font Awesome web font, drawn at a real width.
        glyphs = page.evaluate("""() => [...document.querySelectorAll('.bd-header-article [class*="fa-"], .bd-sidebar-primary [class*="fa-"]')]
            .filter(el => el.offsetParent !== null).map(el => { const before = getComputedStyle(el, '::before');
              return {icon: el.className, font: before.fontFamily, content: before.content, width: el.getBoundingClientRect().width}; })""")
        drawn = [g for g in glyphs if "Font Awesome" in g["font"] and g["content"] not in ("none", "normal", '""') and g["width"] > 0]
        if len(glyphs) < 3 or len(drawn) != len(glyphs):
            icons_missing[path] = glyphs
        page.context.close()
    assert chart_pages >= 6
    assert not heavy, heavy
    assert not icons_missing, json.dumps(icons_missing, indent=1)


def test_the_icon_font_is_loaded_and_its_glyphs_have_width(site, browser):
    context = browser.new_context(**DESKTOP)
    page = context.new_page()
    page.goto(f"{site}/chapters/promises.html", wait_until="networkidle")
    assert page.evaluate("document.fonts.check('900 16px \"Font Awesome 6 Free\"')")
    # The menu icon measured with the icon font and with a fallback: a real glyph differs.
    width = page.evaluate("""() => { const c = document.createElement('canvas').getContext('2d');
        c.font = '900 32px "Font Awesome 6 Free"'; const icon = c.measureText('\\uf0c9').width;
        c.font = '900 32px monospace'; return [icon, c.measureText('\\uf0c9').width]; }""")
    assert width[0] > 20 and width[0] != width[1], width
    context.close()


def test_search_still_finds_words_from_any_page(site, browser):
    context = browser.new_context(**DESKTOP)
    page = context.new_page()
    page.goto(f"{site}/chapters/corrections.html", wait_until="load")
    page.keyboard.press("Control+k")
    search = page.locator("#pst-search-dialog input[name=q]")
    search.wait_for(state="visible", timeout=5000)
    search.fill("Casey")
    search.press("Enter")
    page.wait_for_url(re.compile(r"search\.html\?q=Casey"))
    page.wait_for_selector("#search-results li a", timeout=15_000)
    assert page.locator("#search-results li").count() >= 3
    context.close()


# 5. Print -------------------------------------------------------------------------------------------

# Elements that print beyond the paper's width, or are clipped by a box that scrolls (cut in print).
CUT_IN_PRINT = """() => { const width = document.documentElement.clientWidth; const cut = [];
  for (const el of document.querySelectorAll('.bd-article *')) {
    if (el.getClientRects().length === 0) continue;
    const s = getComputedStyle(el);
    if (el.getBoundingClientRect().right > width + 1) cut.push('beyond the page: ' + el.tagName + '.' + el.className);
    else if (s.overflowX !== 'visible' && el.scrollWidth > el.clientWidth + 1) cut.push('clipped: ' + el.tagName + '.' + el.className); }
  return cut; }"""


def test_printing_any_page_from_the_browser_cuts_no_column(book, site, browser):
    context = browser.new_context(**DESKTOP)
    page = context.new_page()
    cut = {}
    for path in all_pages(book):
        page.goto(f"{site}/{path}", wait_until="load")
        page.emulate_media(media="print")
        page.set_viewport_size({"width": PRINT_WIDTH, "height": 1000})
        found = page.evaluate(CUT_IN_PRINT)
        if found:
            cut[path] = found[:5]
        if path == "chapters/tables.html":
            tables = page.locator(".vawg-table")
            assert tables.count() >= 10
            assert all(tables.nth(i).bounding_box()["width"] <= PRINT_WIDTH for i in range(tables.count()))
            # Only the columns the page promises print: the figures table keeps its ten of fifteen.
            assert page.locator(".vawg-table").first.locator("thead th:visible").count() == 10
        page.emulate_media(media="screen")
        page.set_viewport_size(DESKTOP["viewport"])
    assert not cut, json.dumps(cut, indent=1)
    page.goto(f"{site}/chapters/tables.html", wait_until="load")
    page.emulate_media(media="print")  # as printing does (an emulated screen would print with screen styles)
    pages = len(PdfReader(io.BytesIO(page.pdf(format="A4"))).pages)
    assert 5 <= pages <= 20, f"tables.html prints as {pages} pages (47 before)"
    context.close()


# 6. Favicon, 7. Notebooks ---------------------------------------------------------------------------

def test_a_first_visit_has_a_favicon_and_no_failed_request(site, browser):
    context = browser.new_context(**DESKTOP)
    page = context.new_page()
    failures = []
    page.on("response", lambda r: r.status >= 400 and failures.append(f"{r.url} ({r.status})"))
    page.on("requestfailed", lambda r: failures.append(f"{r.url} ({r.failure})"))
    page.goto(f"{site}/index.html", wait_until="networkidle")
    icon = page.locator("link[rel='icon']")
    assert icon.count() == 1
    href = icon.get_attribute("href")
    assert href.endswith(".svg") and not href.startswith("http")
    response = context.request.get(f"{site}/{href}")
    assert response.status == 200 and "<svg" in response.text()
    assert not failures, failures
    context.close()


@pytest.mark.parametrize("path", notebook_pages())
def test_each_chapter_offers_its_executed_notebook(site, browser, path):
    context = browser.new_context(**DESKTOP)
    page = context.new_page()
    page.goto(f"{site}/{path}", wait_until="load")
    page.locator(".dropdown-download-buttons > button").click()
    link = page.locator("a.btn-download-notebook-button")
    link.wait_for(state="visible", timeout=5000)
    href = link.get_attribute("href")
    assert href.endswith(".ipynb") and not href.startswith("http")
    response = context.request.get(page.url.rsplit("/", 1)[0] + "/" + href)
    assert response.status == 200
    notebook = nbformat.reads(response.text(), as_version=4)
    nbformat.validate(notebook)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert code and sum(len(cell.outputs) for cell in code) >= 1, "the notebook has no outputs"
    # Its outputs are the build's: the facts glued for the prose, as myst-nb records them.
    assert any(output.get("metadata", {}).get("scrapbook") for cell in code for output in cell.outputs)
    assert not any(output.output_type == "error" for cell in code for output in cell.outputs)
    # Every chart the page shows is drawn in the notebook too, where Jupyter displays it.
    drawn = [output for cell in code for output in cell.outputs if "image/svg+xml" in output.get("data", {})]
    assert len(drawn) == page.locator(".vawg-chart").count()
    context.close()
