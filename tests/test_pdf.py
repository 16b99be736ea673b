"""The PDF edition, read back with poppler (pdfinfo, pdffonts, pdftotext, pdfimages) as a printer would."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from analysis.store import PROJECT_ROOT

PDF = PROJECT_ROOT / "_build" / "latex" / "met-vawg-report.pdf"
CHAPTERS = sorted((PROJECT_ROOT / "chapters").glob("*.md"))


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
    printed = re.findall(r"Figure \d+\.\d+: ", text)
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
    from pypdf import PdfReader

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
