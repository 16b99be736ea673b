"""Every chart as a reader sees it in Debian's chromium, on a phone (390 px, touch) and a desktop (1366 px),
drawn interactively and without JavaScript: its smallest text at 11 CSS px or more, nothing cut with an
ellipsis, no text drawn over other text, and the layout made for the width the chart is shown at."""

from __future__ import annotations

import pytest

from analysis.charts import LAYOUTS, SMALLEST_TEXT

from .browser import DESKTOP, PHONE, chart_pages
from .chart_metrics import chart_text_problems, chart_texts

pytestmark = pytest.mark.usefixtures("built_book")

SCREENS = {"phone": PHONE, "desktop": DESKTOP}
DRAWN = ("document.querySelectorAll('.vawg-chart--interactive').length === "
         "document.querySelectorAll('.vawg-chart').length")


@pytest.mark.parametrize("javascript", [True, False], ids=["interactive", "static"])
@pytest.mark.parametrize("screen", SCREENS)
def test_every_chart_is_legible_whole_and_uncrowded(book, site, browser, screen, javascript):
    pages = chart_pages(book)
    assert len(pages) >= 6
    problems, smallest, counted = [], [], 0
    context = browser.new_context(java_script_enabled=javascript, **SCREENS[screen])
    for path in pages:
        page = context.new_page()
        page.goto(f"{site}/{path}", wait_until="load")
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
def test_each_chart_is_drawn_in_the_layout_made_for_its_width(site, browser, screen):
    """The phone gets the narrow drawings and the desktop the wide ones, each at its own size (never
    shrunk); turning the phone on its side (844 px) redraws each chart in the wide layout, which now fits."""
    context = browser.new_context(**SCREENS[screen])
    page = context.new_page()
    page.goto(f"{site}/chapters/promises.html", wait_until="load")
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
        page.wait_for_function("[...document.querySelectorAll('.vawg-chart__interactive')].every(c => c.dataset.layout === 'wide')",
                               timeout=10_000)
        widths = page.evaluate("[...document.querySelectorAll('.vawg-chart')].map(c => "
                               "[c.clientWidth, c.querySelector('.vawg-chart__interactive svg').getBoundingClientRect().width])")
        assert all(LAYOUTS["wide"] <= column and shown <= column for column, shown in widths), widths
    context.close()
