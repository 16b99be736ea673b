"""The book as a reader gets it: built for real with the README's build command, then read back.

The build runs once per test session (the ``book`` fixture in conftest.py).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from analysis import toc
from analysis.store import PROJECT_ROOT, Store

from .test_chapter_names import CHART

HTML = PROJECT_ROOT / "_build" / "html"
CHAPTER_FILES = toc.chapters()
NAMESPACES = ("http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink", "http://www.w3.org/1999/xhtml")


def page_of(chapter: Path) -> Path:
    relative = chapter.relative_to(PROJECT_ROOT).with_suffix(".html")
    return HTML / relative


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def pages(book: Path) -> list[Path]:
    return sorted(p for p in book.rglob("*.html") if "_static" not in p.parts)


@pytest.mark.parametrize("chapter", CHAPTER_FILES, ids=lambda p: p.stem)
def test_every_chapter_is_built_and_executed_without_error(book, chapter):
    page = page_of(chapter)
    assert page.exists(), f"{page} was not built"
    text = page.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" not in text
    assert "output traceback" not in text and "output stderr" not in text
    assert not (book / "reports").exists() or not any((book / "reports").iterdir())


@pytest.mark.parametrize("chapter", CHAPTER_FILES, ids=lambda p: p.stem)
def test_every_chart_is_a_numbered_figure_with_caption_source_line_alt_text_and_data(book, chapter):
    # A chart's figure is fig-<id>, or the name its directive gives it (the lede chart on the home page).
    text = chapter.read_text(encoding="utf-8")
    named = dict(re.findall(r"\{chart\}[ \t]+(\S+)[ \t]*\n:name:[ \t]+(\S+)", text))
    expected = [(chart_id, named.get(chart_id, "fig-" + chart_id)) for chart_id in CHART.findall(text)]
    page = soup(page_of(chapter))
    charts = page.select("div.vawg-chart")
    assert len(charts) == len(expected)
    for chart_id, figure_id in expected:
        figure = page.find("figure", id=figure_id)
        assert figure is not None, f"{figure_id} is not a figure"
        chart = figure.select_one("div.vawg-chart")
        assert chart is not None and chart["id"] == "chart-" + chart_id
        caption = figure.find("figcaption")
        assert re.match(r"Figure \d+(\.\d+)?", caption.get_text(" ", strip=True)), caption.get_text()
        assert len(caption.get_text(strip=True)) > len("Figure 1.1") + 5, "caption has no title"
        assert "Source:" in figure.select_one(".legend").get_text(), "no source line"
        view = chart.select_one(".vawg-chart__view")
        assert view["role"] == "img" and len(view["aria-label"]) > 60, "no text alternative"
        assert view.find("svg") is not None, "no static drawing for readers without JavaScript"
        assert chart.select_one("script.vawg-chart__spec[type='application/json']") is not None
        assert chart.select_one("table.vawg-chart__table") is not None, "data table missing"
        download = chart.select_one("a.vawg-chart__download")
        assert download["href"].endswith(f"figures/{chart_id}.csv")
        for link in chart.select(".vawg-chart__downloads a"):
            assert (page_of(chapter).parent / link["href"]).resolve().is_file(), link["href"]


def mark_types(spec) -> set[str]:
    """Every mark type in a Vega-Lite spec, however deeply layered, faceted or concatenated."""
    if isinstance(spec, dict):
        found = set()
        if "mark" in spec:
            mark = spec["mark"]
            found.add(mark["type"] if isinstance(mark, dict) else mark)
        for value in spec.values():
            found |= mark_types(value)
        return found
    if isinstance(spec, list):
        return set().union(*map(mark_types, spec)) if spec else set()
    return set()


def test_the_book_has_at_least_eight_charts_of_several_kinds(book):
    import json

    specs = [json.loads(tag.string) for page in pages(book) for tag in soup(page).select("script.vawg-chart__spec")]
    assert len({tag["data-layout"] for page in pages(book) for tag in soup(page).select("script.vawg-chart__spec")}) == 2
    assert len(specs) >= 16, "each chart in two layouts"
    # No line: the accounts of the Met's plans differ in kind and are never joined into a trend.
    assert {"point", "bar", "circle", "rect", "text"} <= set().union(*map(mark_types, specs))
    assert "line" not in set().union(*map(mark_types, specs))


def external_urls_in_data() -> set[str]:
    store = Store()
    urls = set()
    for table, columns in {"sources": ("url", "corroboration_url"), "events": ("corroboration_url",)}.items():
        frame = store.table(table)
        for column in columns:
            urls |= set(frame[column].dropna())
    for table in ("events", "figures", "measures", "critiques", "replies"):  # public reporting a row's notes cite
        for note in store.table(table)["notes"].dropna():
            urls |= {url.rstrip(".,;") for url in re.findall(r"https?://[^\s\"'<>)]+", note)}
    for source_id in store.table("sources")["source_id"]:  # addresses the source texts themselves print
        urls |= set(re.findall(r"https?://[^\s\"'<>)\u00a0]+", store.source_text(source_id)))
    return urls


def test_no_page_loads_anything_from_a_third_party(book):
    cited = external_urls_in_data()
    for page in pages(book):
        html_text = page.read_text(encoding="utf-8")
        document = BeautifulSoup(html_text, "html.parser")
        for tag in document.find_all(src=True):
            assert not re.match(r"(https?:)?//", tag["src"]), f"{page.name}: {tag.name} loads {tag['src']}"
        for tag in document.find_all("link", href=True):
            assert not re.match(r"(https?:)?//", tag["href"]), f"{page.name}: link to {tag['href']}"
        assert "url(http" not in html_text and "@import" not in html_text
        # Any other address in the page must be a citation from the data (a link a reader may follow).
        for url in re.findall(r"https?://[^\s\"'<>)]+", html_text):
            url = url.rstrip(".,;")
            assert url in cited or url.startswith(NAMESPACES) or any(url in c for c in cited), f"{page.name}: {url}"
    for css in (book / "_static").rglob("*.css"):
        assert not re.search(r"url\((['\"]?)(https?:)?//", css.read_text(encoding="utf-8", errors="replace")), css


def test_the_vega_bundle_is_served_locally_and_only_to_chart_pages(book):
    assert (book / "_static" / "vega-bundle.js").stat().st_size > 500_000
    for page in pages(book):
        document = soup(page)
        has_chart = document.select_one("div.vawg-chart") is not None
        scripts = [tag["src"] for tag in document.find_all("script", src=True)]
        assert any("vega-bundle.js" in s for s in scripts) == has_chart, page.name
        assert "thebe" not in page.read_text(encoding="utf-8").lower(), page.name


def test_no_inline_script_appears_twice_on_a_page(book):
    for page in pages(book):
        bodies = [tag.string for tag in soup(page).find_all("script", src=False) if tag.string and tag.get("type") != "application/json"]
        assert len(bodies) == len(set(bodies)), page.name


def test_the_edition_date_is_the_data_package_s_not_the_build_clock(book):
    text = (book / "index.html").read_text(encoding="utf-8")
    assert "Last updated" not in text
