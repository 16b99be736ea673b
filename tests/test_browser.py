"""The reader's book in a real browser (Debian's chromium, Playwright, axe-core), served from 127.0.0.1."""

from __future__ import annotations

import json
import re
import shutil

import pytest

from .browser import accessibility_problems, all_pages, chart_pages, page_problems, serve, visit

pytestmark = pytest.mark.usefixtures("built_book")


def test_every_page_loads_cleanly_draws_its_charts_and_passes_axe(book, site, browser):
    problems = {}
    for path in all_pages(book):
        page, events = visit(browser, f"{site}/{path}")
        found = page_problems(page, events) + accessibility_problems(page)
        if found:
            problems[path] = found
        page.context.close()
    assert not problems, json.dumps(problems, indent=1)


def test_hovering_a_mark_shows_its_tooltip_on_every_chart_page(book, site, browser):
    assert len(chart_pages(book)) >= 6
    for path in chart_pages(book):
        page, _ = visit(browser, f"{site}/{path}")
        page.wait_for_selector(".vawg-chart--interactive")
        mark = page.locator(".vawg-chart--interactive g.role-mark > *").first
        mark.scroll_into_view_if_needed()
        mark.hover(force=True)
        tooltip = page.locator("#vg-tooltip-element")
        tooltip.wait_for(state="visible", timeout=5000)
        assert tooltip.inner_text().strip(), path
        page.context.close()


def test_a_number_in_the_prose_leads_to_its_quote_highlighted_and_in_view(site, browser):
    page, _ = visit(browser, f"{site}/chapters/numbers.html")
    link = page.locator("a[href*='#quote-f003']").first
    number = link.inner_text()
    link.click()
    page.wait_for_url(re.compile(r"sources/met-cpie-messages\.html#quote-f003$"))
    target = page.locator("mark.vawg-quote.is-target").first
    target.wait_for(state="visible")
    assert "F003" in target.get_attribute("data-rows")
    box, viewport = target.bounding_box(), page.viewport_size
    assert 0 <= box["y"] <= viewport["height"] - box["height"], "the quote is not in view"
    assert number.replace(" ", "").replace("\u202f", "") in page.locator("mark.is-target").all_inner_texts()[0].replace(" ", "").replace("\u202f", "")
    # ...and the quote links back to what cites it.
    assert page.locator(".vawg-cites a[href$='chapters/numbers.html']").count() >= 1
    page.context.close()


def test_without_javascript_every_chart_keeps_its_drawing_and_text_alternative(book, site, browser):
    for path in chart_pages(book):
        page, _ = visit(browser, f"{site}/{path}", javascript=False)
        charts = page.locator(".vawg-chart")
        assert charts.count() >= 1
        for index in range(charts.count()):
            view = charts.nth(index).locator(".vawg-chart__view")
            assert view.locator("svg").first.is_visible(), path
            assert len(view.get_attribute("aria-label")) > 60
        page.context.close()


def test_printing_a_page_keeps_text_and_charts_and_drops_the_navigation(site, browser):
    page, _ = visit(browser, f"{site}/chapters/promises.html")
    page.emulate_media(media="print")
    assert not page.locator(".bd-sidebar-primary").first.is_visible()
    assert not page.locator(".bd-header").first.is_visible()
    # The theme prints the page title in its own print header (and hides the article's first h1).
    assert "What the Met promised" in page.locator("#jb-print-docs-body h1").first.inner_text()
    assert page.locator("#jb-print-docs-body h1").first.is_visible()
    assert page.locator(".bd-article p").first.is_visible()
    assert page.locator(".vawg-chart svg").first.is_visible()
    page.context.close()


def test_the_checks_bite_on_a_broken_page(book, tmp_path, browser):
    """A chart whose data come from a CDN and a chart with no data must both be caught."""
    broken = tmp_path / "html"
    shutil.copytree(book, broken)
    page_path = broken / "chapters" / "critics.html"
    html = page_path.read_text(encoding="utf-8")
    spec_tag = r'(<script type="application/json" class="vawg-chart__spec"[^>]*>)(.*?)(</script>)'

    def break_chart(chart_html: str, breaking) -> str:
        """Every layout of the chart's specification broken the same way."""
        def rewrite(found):
            spec = json.loads(found.group(2))
            breaking(spec)
            return found.group(1) + json.dumps(spec) + found.group(3)
        return re.sub(spec_tag, rewrite, chart_html, flags=re.S)

    def from_a_cdn(spec):
        """Every view's data fetched from a CDN instead of the data inlined in the page."""
        if isinstance(spec, dict):
            for key, value in spec.items():
                if key == "data" and isinstance(value, dict) and "name" in value:
                    spec[key] = {"url": "https://cdn.jsdelivr.net/npm/vega-datasets@2/data/cars.json"}
                else:
                    from_a_cdn(value)
        elif isinstance(spec, list):
            for item in spec:
                from_a_cdn(item)

    def without_data(spec):
        for dataset in spec.get("datasets", {}):
            spec["datasets"][dataset] = []

    blocks = re.findall(r'<div class="vawg-chart" id="chart-[\w-]+".*?</details></div>', html, re.S)
    assert len(blocks) >= 2
    html = html.replace(blocks[0], break_chart(blocks[0], from_a_cdn), 1).replace(blocks[1], break_chart(blocks[1], without_data), 1)
    page_path.write_text(html, encoding="utf-8")
    with serve(broken) as root:
        page, events = visit(browser, f"{root}/chapters/critics.html")
        problems = page_problems(page, events)
        page.context.close()
    text = "\n".join(problems)
    assert "request leaves the machine: https://cdn.jsdelivr.net" in text or "cdn.jsdelivr.net" in text, text
    assert "no data marks" in text or "not drawn" in text, text
