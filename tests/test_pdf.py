"""The PDF edition, read back with poppler (pdfinfo, pdffonts, pdftotext, pdfimages) and pypdf as a printer would."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from analysis import toc
from analysis.facts import SUPPORT_LINES
from analysis.outputs import print_widths
from analysis.store import PROJECT_ROOT, Store

from .pdfread import chart_text, filled_rectangles

PDF = PROJECT_ROOT / "_build" / "latex" / "met-vawg-report.pdf"
TEX = PDF.with_suffix(".tex")
CHAPTERS = toc.chapters()[1:]  # the root page is the book's title page, not a chapter
QUOTE_BAND = (252, 228, 150)  # \vawgmark in _ext/vawg_print.py
A4_WIDTH, MARGIN = 595.28, 2.2 / 2.54 * 72  # points; the side margins of _config.yml's sphinxsetup


def run(*command: str) -> str:
    tool = shutil.which(command[0])
    assert tool, f"{command[0]} is not installed: run scripts/setup.sh as root (it installs poppler-utils and TeX)"
    return subprocess.run([tool, *command[1:]], capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="session")
def pdf(built_book) -> Path:
    assert PDF.exists(), ("the PDF edition was not built: TeX is missing. " + built_book.stdout[-600:])
    return PDF


@pytest.fixture(scope="session")
def pdf_text(pdf) -> str:
    return run("pdftotext", "-layout", str(pdf), "-")


@pytest.fixture(scope="session")
def pages(pdf) -> list[str]:
    return run("pdftotext", str(pdf), "-").split("\f")


def test_metadata_and_paper(pdf):
    info = run("pdfinfo", str(pdf))
    package = json.loads((PROJECT_ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
    assert re.search(r"^Title:\s+The Met and violence against women and girls", info, re.M)
    assert re.search(r"^Author:\s+\S", info, re.M)
    assert re.search(r"^Subject:\s+" + re.escape(package["description"][:40]), info, re.M)
    assert "(A4)" in info
    # Dated by the edition, not the build clock (so that two builds give the same bytes: tests/test_figures.py).
    created = dt.datetime.fromisoformat(package["created"].replace("Z", "+00:00"))
    assert PdfReader(pdf).metadata.creation_date == created


def test_every_font_is_embedded(pdf):
    rows = run("pdffonts", str(pdf)).splitlines()[2:]
    assert rows
    for row in rows:
        assert re.search(r"\s(yes)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$", row), f"not embedded: {row}"


def test_title_page_carries_the_edition_from_the_data_not_a_release_line(pages):
    package = json.loads((PROJECT_ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
    title_page = pages[0]
    assert f"Edition {package['version']}" in title_page
    assert "Release" not in title_page


def test_the_title_page_is_a_report_s(pages):
    """Title, subtitle, author, edition and its date (from the data package), the data's licence and the
    content note with every support line, on the first page."""
    import datetime as dt

    import yaml

    config = yaml.safe_load((PROJECT_ROOT / "_config.yml").read_text(encoding="utf-8"))
    package = json.loads((PROJECT_ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
    created = dt.date.fromisoformat(package["created"][:10])
    title_page = re.sub(r"\s+", " ", pages[0])
    for words in (config["title"], config["sphinx"]["config"]["vawg_subtitle"], config["author"],
                  f"Edition {package['version']}, {created.day} {created:%B %Y}", package["licenses"][0]["title"],
                  "Content note", *(name for name, _, _ in SUPPORT_LINES), *(number for _, number, _ in SUPPORT_LINES)):
        assert words in title_page, words


def test_chapter_openings_carry_no_manual_chrome(pages):
    """No fncychap "CHAPTER / ONE": each chapter opens with its number and its title."""
    for chapter in CHAPTERS:
        title = re.search(r"^# (.+)$", chapter.read_text(encoding="utf-8"), re.M).group(1)
        assert any(re.search(r"^\d+\n+" + re.escape(title) + r"\n", page, re.M) for page in pages), title
    assert not any(re.search(r"\bCHAPTER\b", page) for page in pages)


def test_the_fonts_are_the_report_s(pdf):
    """Charis SIL for the text, Lato for headings and tables, DejaVu Sans Mono for code, DejaVu Sans in the
    charts: nothing else (no FreeSerif, no Lato Heavy standing in for its bold, no Computer Modern)."""
    names = {row.split()[0].split("+")[-1] for row in run("pdffonts", str(pdf)).splitlines()[2:]}
    assert {"CharisSIL", "CharisSIL-Bold", "CharisSIL-Italic", "Lato-Regular", "Lato-Bold", "DejaVuSansMono"} <= names
    assert names <= {"CharisSIL", "CharisSIL-Bold", "CharisSIL-Italic", "CharisSIL-BoldItalic", "Lato-Regular",
                     "Lato-Bold", "Lato-Italic", "Lato-BoldItalic", "DejaVuSansMono", "DejaVuSansMono-Bold",
                     "DejaVuSansMono-Oblique", "DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique"}, names


def test_the_content_note_and_support_lines_are_near_the_front(pages):
    front = "\n".join(pages[:5])
    for line in ("Samaritans", "116 123", "0808 500 2222", "0808 2000 247"):
        assert line in front


def test_no_contents_running_head_after_the_contents(pages):
    starts = [i for i, page in enumerate(pages) if "CONTENTS" in page.upper().split("\n", 3)[0:3] or
              page.lstrip().upper().startswith("CONTENTS")]
    assert starts, "no contents"
    contents_end = max(i for i, page in enumerate(pages) if len(re.findall(r"(\. ){5}", page)) >= 5)
    lines = [line for line in pages[contents_end + 1].splitlines() if line.strip()]
    running = "\n".join(lines[:2] + lines[-2:]).upper()  # running head and foot
    assert "CONTENTS" not in running, "the contents' running head carries over"
    assert "THE REPORT" not in running, "a toctree caption leaks into the running head"


def test_every_chapter_title_and_figure_caption_is_in_the_text(book, pdf_text):
    text = re.sub(r"\s+", " ", pdf_text)
    for chapter in CHAPTERS:
        title = re.search(r"^# (.+)$", chapter.read_text(encoding="utf-8"), re.M).group(1)
        assert title.upper() in text.upper(), title
    captions = []
    for page in sorted(book.rglob("*.html")):
        for figure in BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select("figure"):
            if figure.select_one("div.vawg-chart"):
                captions.append(figure.select_one("figcaption .caption-text").get_text(" ", strip=True))
    assert len(captions) >= 8
    for caption in captions:
        assert caption in text, caption
    # The chapters' figures are numbered by chapter; the home page's lede chart, before them, by itself.
    printed = re.findall(r"Figure \d+(?:\.\d+)?: ", text)
    assert len(printed) == len(captions), "the PDF has a different number of figures from the HTML"


def test_no_unresolved_reference_no_latex_error_nothing_html_only(pdf_text):
    assert "??" not in pdf_text
    for marker in ("LaTeX Error", "Undefined control sequence", "Missing $ inserted"):
        assert marker not in pdf_text
    for html_only in ("Describe this chart", "Data behind this chart", "Download the data", "hover",
                      "Click to show", "Show code cell", "Hide code cell", "application/json", "<svg"):
        assert html_only not in pdf_text, html_only


def test_charts_are_vector_graphics_not_images(pdf):
    listing = run("pdfimages", "-list", str(pdf)).splitlines()[2:]
    assert listing == [], "raster images in the PDF:\n" + "\n".join(listing)


def test_links_work_inside_the_pdf_and_out(pdf):
    internal = external = 0
    for page in PdfReader(pdf).pages:
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            if annotation.get("/Subtype") != "/Link":
                continue
            action = annotation.get("/A")
            if action is not None and action.get_object().get("/S") == "/URI":
                external += 1
            elif "/Dest" in annotation or (action is not None and action.get_object().get("/S") == "/GoTo"):
                internal += 1
    assert internal > 20, "figure and chapter references should be links"
    assert external > 0, "cited addresses should be links"


def test_tables_are_set_as_tables(pdf_text):
    # The ten-point plan, the sources and the exclusions are real tables (continued across pages where long),
    # not monospaced dumps of DataFrames.
    assert "continued from previous page" in pdf_text or "Point" in pdf_text
    assert "dtype" not in pdf_text and "NaN" not in pdf_text and "<NA>" not in pdf_text


def source_pages(pages: list[str]) -> dict[str, list[int]]:
    """Source id -> the indexes of its pages: from the page its chapter opens on to the next chapter's."""
    sources = Store().table("sources")
    openings = {}
    for source_id, short_name in zip(sources["source_id"], sources["short_name"]):
        opening = [i for i, page in enumerate(pages) if re.search(r"^\d+\n+" + re.escape(f"{short_name}: the text") + r"\n+Content note", page, re.M)]
        assert len(opening) == 1, f"{short_name}: the text"
        openings[source_id] = opening[0]
    starts = sorted(i for i, page in enumerate(pages) if re.match(r"\s*\d+\n+[^\n]+\n+Content note", page))
    return {source_id: list(range(start, next((s for s in starts if s > start), len(pages))))
            for source_id, start in openings.items()}


def test_every_quote_is_marked_on_its_source_page(pdf, pages):
    """Each mark of a source page (the quote role, written by `python -m analysis pages`) prints highlighted,
    followed by its rows: the rows appear in the page's text in the order of the marks, and the page draws
    at least one highlight band per mark."""
    bands = filled_rectangles(pdf, QUOTE_BAND)
    for source_id, indexes in source_pages(pages).items():
        page = (PROJECT_ROOT / "chapters" / "sources" / f"{source_id}.md").read_text(encoding="utf-8")
        marks = [" ".join(re.findall(r"(\S+) \(\w+\)", title)) for title in re.findall(r"\{quote\}`([^|`]+)\|", page)]
        assert marks, source_id
        text = re.sub(r"\s+", " ", " ".join(pages[i] for i in indexes)).replace("\u2010", "-")  # the hyphen prints as U+2010
        position = 0
        for rows in marks:
            found = re.search(r"(?<![\w-])" + re.escape(rows) + r"(?![\w-])", text[position:])
            assert found, f"{source_id}: no printed mark for {rows} after …{text[max(0, position - 80):position]}"
            position += found.end()
        drawn = sum(bands.get(i + 1, 0) for i in indexes)
        assert drawn >= len(marks), f"{source_id}: {len(marks)} marks but {drawn} highlight bands"
    assert set(bands) <= {i + 1 for indexes in source_pages(pages).values() for i in indexes}, "a band outside the source pages"


def test_print_columns_leave_room_for_every_header_word_and_number():
    """The cause of "Poir" for "Point": a column given a share of the page by its longest cell, not by the
    words that cannot break. Widths are points with 8 pt of padding, on a 470 pt line."""
    widths, size = print_widths(["Point", "Measure", "Counted under"], [["1", "10"], ["A long measure " * 6] * 2, ["M030", ""]])
    assert size == 9 and sum(widths) <= 470
    # As the PDF prints them (pdftotext -bbox), 9 pt Lato Bold: "Point" is 21.1 pt wide, "Counted" 34.3 pt.
    assert widths[0] - 8 >= 21.1
    assert widths[2] - 8 >= 34.3  # a header wraps between its words, never inside one
    many, size = print_widths([f"column {i}" for i in range(10)], [["police-misconduct", "2000000.0"]] * 10)
    assert size == 8 and sum(many) <= 471  # ten such columns only fit at 8 pt


def header_cells() -> list[list[str]]:
    """The header cells of every table the LaTeX writer set, as plain words."""
    tex = TEX.read_text(encoding="utf-8")
    tables = []
    for start in re.finditer(r"\\begin\{(longtable|tabulary|tabular)\}", tex):
        head = tex[start.end():tex.index(r"\sphinxmidrule", start.end())]
        cells = []
        for cell in re.split(r"(?<!\\)&", head[head.index(r"\sphinxtoprule"):]):
            text = cell.replace(r"\sphinxhyphen{}", "-").replace(r"\_", "_").replace(r"\&", "&")
            text = re.sub(r"\\[A-Za-z]+", " ", text).replace("{", " ").replace("}", " ").replace("\\", " ")
            cells.append(text.split())
        tables.append(cells)
    return tables


def words_of(pdf: Path) -> list[tuple[int, float, str]]:
    """Every word the PDF prints: (page, right edge in pt, text)."""
    bbox = run("pdftotext", "-bbox", str(pdf), "-")
    words = []
    for number, page in enumerate(bbox.split("<page ")[1:], start=1):
        for x_max, word in re.findall(r'<word xMin="[\d.]+" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>', page):
            words.append((number, float(x_max), html.unescape(word)))
    return words


def test_no_table_header_is_cut_and_no_text_runs_into_the_margin(pdf):
    """Every header cell of every table prints whole: some page shows each of its words as a word of its own
    (a cut or overflowing header prints as "Poir" or runs into the next cell as "PointMeasure"). And no
    word, in a table or anywhere, runs past the right edge of the text."""
    words = words_of(pdf)
    by_page: dict[int, set[str]] = {}
    for number, _, word in words:
        by_page.setdefault(number, set()).add(word)
    tables = header_cells()
    assert len(tables) >= 15
    for cells in tables:
        header = [word for cell in cells for word in cell]
        assert any(set(header) <= printed for printed in by_page.values()), f"header cut or run together: {cells}"
    edge = A4_WIDTH - MARGIN + 1
    beyond = [(number, round(x_max), word) for number, x_max, word in words if x_max > edge]
    assert not beyond, f"past the right edge of the text ({edge:.0f} pt): {beyond[:10]}"


def test_the_chart_text_measure_reads_a_known_case(tmp_path):
    """The measure behind the next test: a chart with 10-unit text, drawn at half size and at 0.8 turned a
    quarter, prints at 5 pt and 8 pt."""
    import vl_convert

    spec = {"width": 300, "height": 100, "data": {"values": [{"a": "x", "b": 1}, {"a": "y", "b": 2}]}, "mark": "bar",
            "encoding": {"x": {"field": "a", "type": "nominal"}, "y": {"field": "b", "type": "quantitative"}},
            "config": {"font": "DejaVu Sans", "axis": {"labelFontSize": 10, "titleFontSize": 10}}}
    (tmp_path / "chart.pdf").write_bytes(vl_convert.vegalite_to_pdf(spec))
    (tmp_path / "known.tex").write_text("\\documentclass{article}\\usepackage{graphicx}\\begin{document}Text.\\par"
                                        "\\includegraphics[scale=0.5]{chart.pdf}\\par"
                                        "\\rotatebox{90}{\\includegraphics[scale=0.8]{chart.pdf}}\\end{document}\n", encoding="utf-8")
    subprocess.run([shutil.which("xelatex") or "xelatex", "-interaction=nonstopmode", "known.tex"], cwd=tmp_path,
                   capture_output=True, check=True, timeout=120)
    charts = chart_text(tmp_path / "known.pdf")
    assert [sorted({round(size, 3) for size in chart.sizes}) for chart in charts] == [[5.0], [8.0]]


def test_chart_text_prints_at_7_pt_or_more(pdf, pages):
    """Every text of every chart, at the size it prints: 7 pt at the least (below that is hard to read on paper)."""
    charts = chart_text(pdf)
    report = []
    seen: dict[int, int] = {}
    for chart in charts:
        on_page = re.findall(r"Figure (\d+(?:\.\d+)?):", pages[chart.page - 1])
        index = seen.get(chart.page, 0)
        seen[chart.page] = index + 1
        name = f"Figure {on_page[index]}" if index < len(on_page) else "a chart"
        report.append(f"{name} (page {chart.page}): smallest text {chart.smallest:.1f} pt, largest {max(chart.sizes):.1f} pt")
    print("\n".join(report))
    assert len(charts) == len(re.findall(r"Figure \d+(?:\.\d+)?: ", "".join(pages))) >= 8
    small = [line for line, chart in zip(report, charts) if chart.smallest < 7]
    assert not small, "chart text below 7 pt in print:\n" + "\n".join(small)
