"""Every chart as a reader sees it in Debian's chromium, on a phone (390 px, touch) and a desktop (1366 px),
drawn interactively and without JavaScript: its smallest text at 11 CSS px or more, nothing cut with an
ellipsis, no text drawn over other text, and the layout made for the width the chart is shown at."""

from __future__ import annotations

import pytest
from playwright.sync_api import sync_playwright

from analysis.charts import LAYOUTS, SMALLEST_TEXT
from .browser import launch, serve
from .chart_metrics import chart_text_problems, chart_texts

pytestmark = pytest.mark.usefixtures("built_book")

SCREENS = {"phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
           "desktop": {"viewport": {"width": 1366, "height": 900}}}
DRAWN = ("document.querySelectorAll('.vawg-chart--interactive').length === "
         "document.querySelectorAll('.vawg-chart').length")


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()


def chart_pages(book) -> list[str]:
    return sorted(p.relative_to(book).as_posix() for p in book.rglob("*.html")
                  if "_static" not in p.parts and 'class="vawg-chart"' in p.read_text(encoding="utf-8"))


@pytest.mark.parametrize("javascript", [True, False], ids=["interactive", "static"])
@pytest.mark.parametrize("screen", SCREENS)
def test_every_chart_is_legible_whole_and_uncrowded(book, browser, screen, javascript):
    pages = chart_pages(book)
    assert len(pages) >= 6
    problems, smallest, counted = [], [], 0
    with serve(book) as root:
        context = browser.new_context(java_script_enabled=javascript, **SCREENS[screen])
        for path in pages:
            page = context.new_page()
            page.goto(f"{root}/{path}", wait_until="load")
            if javascript:
                page.wait_for_function(DRAWN, timeout=20_000)
            texts = chart_texts(page)
            counted += len(texts)
            smallest += [t["px"] for t in texts]
            problems += [f"{path}: {problem}" for problem in chart_text_problems(page, SMALLEST_TEXT)]
            page.close()
        context.close()
    assert counted > 200, f"only {counted} chart texts found"
    assert not problems, "\n".join(problems[:40])
    assert min(smallest) >= SMALLEST_TEXT


@pytest.mark.parametrize("screen", SCREENS)
def test_each_chart_is_drawn_in_the_layout_made_for_its_width(book, browser, screen):
    """The phone gets the narrow drawings and the desktop the wide ones, each at its own size (never
    shrunk), interactive or not; turning the phone to 844 px wide redraws nothing wider than fits."""
    with serve(book) as root:
        context = browser.new_context(**SCREENS[screen])
        page = context.new_page()
        page.goto(f"{root}/chapters/promises.html", wait_until="load")
        page.wait_for_function(DRAWN, timeout=20_000)
        drawn = page.evaluate("""[...document.querySelectorAll('.vawg-chart')].map((chart) => {
            const svg = chart.querySelector('.vawg-chart__interactive svg');
            return {layout: chart.querySelector('.vawg-chart__interactive').dataset.layout, column: chart.clientWidth,
                    shown: svg.getBoundingClientRect().width, drawn: Number(svg.getAttribute('width'))};
        })""")
        expected = "narrow" if screen == "phone" else "wide"
        for chart in drawn:
            assert chart["layout"] == expected, drawn
            assert chart["drawn"] <= LAYOUTS[expected] <= chart["column"] or expected == "narrow", drawn
            assert abs(chart["shown"] - chart["drawn"]) < 1, f"the drawing is scaled: {drawn}"
        if screen == "phone":
            page.set_viewport_size({"width": 844, "height": 390})
            page.wait_for_timeout(500)
            widths = page.evaluate("[...document.querySelectorAll('.vawg-chart')].map(c => "
                                   "[c.clientWidth, c.querySelector('.vawg-chart__interactive svg').getBoundingClientRect().width])")
            assert all(shown <= column for column, shown in widths), widths
        context.close()
