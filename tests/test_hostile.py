"""Data is never markup: hostile values from outside, through the ways they come in, into a real book build.

Each case is one file under ``tests/hostile/`` (a new case is a new file): where the value goes in (``via``: an
``add-source`` argument, a cell of the review sheet then ``confirm``ed, a line of the article text, or a value
already in the data, as a hand edit or an argument the intake refuses would leave it), the ``payload``, what a
reader must see literally (``seen``, on ``pages``; ``pdf``: in the PDF's text), what must not be seen, whether it
would create a marker file if executed, and whether it must reach a CSV the book serves, neutralised (``csv``).

One session fixture copies the project (without git), adds a hostile article with the hostile arguments,
confirms a hostile review sheet, injects the data cases, then builds the HTML book and the PDF, once. The tests
then read it back: every page in chromium (no dialog, no injected script ran), the HTML (the payload is text,
no link that is not http(s)), every CSV served (no formula cell), the PDF's text, and the marker files.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from analysis.escape import csv_cell

from .conftest import copy_project, edit_cell

CASES_DIR = Path(__file__).parent / "hostile"
CASES = {path.stem: json.loads(path.read_text(encoding="utf-8")) for path in sorted(CASES_DIR.glob("*.json"))}
ARTICLE = CASES_DIR / "article.txt"
SOURCE_ID = "hostile-courier"
ADD = {"--outlet": "Harbourside Courier", "--title": "Court hears cases", "--published": "2024-05-02", "--kind": "news",
       "--source-id": SOURCE_ID}
# What a reporter confirms in the sheet, before the hostile cells are typed over it.
DECISIONS = {
    "41": dict(confirm="figure", what="Cases heard by the new court", claimant="met", kind="output", topic="vawg", unit="cases"),
    "275": dict(confirm="figure", what="Helpline calls answered", claimant="met", kind="output", topic="vawg", unit="calls"),
    "190": dict(confirm="figure", what="Helpline calls answered the month before", claimant="met", kind="output", topic="vawg",
                unit="calls"),
    "18": dict(confirm="figure", what="Volunteers trained", claimant="met", kind="output", topic="vawg", unit="volunteers"),
    "Tuesday": dict(confirm="event", event="hostile-court-opens", what="The court opens", topic="vawg", date="2024-04-30",
                    date_basis="inferred", date_note="The Tuesday before the article's date"),
    "first": dict(confirm="exclusion", reason="ordinal"),
    "Skip to content": dict(confirm="furniture"), "Back to top": dict(confirm="furniture"),
}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def payload(case: dict, markers: Path) -> str:
    return case["payload"].replace("{MARKER}", str(markers / f"executed-{case['name']}"))


def normal(text: str) -> str:
    """Text as compared: typographic quotes as typed (Sphinx's smart quotes), whitespace runs as one space."""
    text = unicodedata.normalize("NFC", text).translate(str.maketrans("\u2018\u2019\u201c\u201d\u00a0", "''\"\" "))
    return re.sub(r"\s+", " ", text)


def page_text(html: str) -> str:
    return normal(BeautifulSoup(html, "html.parser").get_text(" "))


def formula_cells(text: str) -> list[str]:
    """Cells of a CSV document that a spreadsheet would read as a formula."""
    return [cell for row in csv.reader(io.StringIO(text, newline="")) for cell in row
            if cell.startswith(FORMULA_START) and not NUMBER.fullmatch(cell)]


def foreign_links(html: str) -> list[str]:
    """Links and sources that are neither http(s) nor relative: javascript:, data:, vbscript: and the like."""
    soup = BeautifulSoup(html, "html.parser")
    found = []
    for tag, attribute in (("a", "href"), ("area", "href"), ("iframe", "src"), ("form", "action"), ("img", "src")):
        for element in soup.find_all(tag):
            value = re.sub(r"[\x00-\x20]", "", element.get(attribute) or "").lower()
            scheme = re.match(r"([a-z][a-z0-9+.-]*):", value)
            if scheme and scheme.group(1) not in ("http", "https", "mailto"):
                if not (tag == "img" and value.startswith("data:image/")):
                    found.append(f"<{tag} {attribute}={element.get(attribute)!r}>")
    return found


def injected_markup(html: str) -> list[str]:
    """Elements or handlers that carry a payload's script (the payloads all set window.__pwned)."""
    soup = BeautifulSoup(html, "html.parser")
    # A script the browser runs (a JSON data block, such as a chart's specification, is data it never runs).
    def runs(script) -> bool:
        return (script.get("type") or "text/javascript").lower() in ("text/javascript", "module", "application/javascript")

    found = [str(script)[:120] for script in soup.find_all("script") if runs(script) and "__pwned" in script.get_text()]
    for element in soup.find_all(True):
        found += [f"<{element.name} {name}=…>" for name, value in element.attrs.items()
                  if name.lower().startswith("on") and "__pwned" in str(value)]
    return found


def book_pages(html: Path) -> list[str]:
    return sorted(p.relative_to(html).as_posix() for p in html.rglob("*.html") if "_static" not in p.parts)


@pytest.fixture(scope="session")
def hostile(tmp_path_factory):
    """The project copied, the hostile values put in by every way they come in, and the book built once (HTML + PDF)."""
    root = tmp_path_factory.mktemp("hostile")
    project = copy_project(root / "project")
    markers = root / "markers"
    markers.mkdir()
    cases = {name: {**case, "name": name} for name, case in CASES.items()}
    env = {**{k: v for k, v in os.environ.items() if k != "PYTHONPATH"}, "PYTHONPATH": str(project)}

    def run(*args: str, timeout: int = 600) -> subprocess.CompletedProcess:
        return subprocess.run(list(args), cwd=project, env=env, capture_output=True, text=True, timeout=timeout)

    def analysis(*args: str) -> subprocess.CompletedProcess:
        return run(sys.executable, "-m", "analysis", *args)

    # The article: our own short text, each article case one line of it.
    text = ARTICLE.read_text(encoding="utf-8")
    lines = [payload(case, markers) for case in cases.values() if case["via"] == "article"]
    article = root / "article.txt"
    article.write_text(text.replace("\nBack to top", "\n" + "\n\n".join(lines) + "\n\nBack to top"), encoding="utf-8")

    # add-source with the hostile arguments; an argument the intake refuses is put into the data instead.
    arguments = {**ADD, **{case["field"]: payload(case, markers) for case in cases.values() if case["via"] == "add-source"}}
    added = analysis("add-source", str(article), *[part for item in arguments.items() for part in item])
    refused = {}
    if added.returncode != 0:
        refused = {case["field"]: arguments.pop(case["field"]) for case in cases.values()
                   if case["via"] == "add-source" and case.get("may_be_refused")}
        arguments.update({field: ADD[field] for field in refused if field in ADD})  # a required one, plain
        added = analysis("add-source", str(article), *[part for item in arguments.items() for part in item])
    assert added.returncode == 0, added.stdout + added.stderr

    # The review sheet, filled with the hostile cells, then confirmed.
    sheet = project / "review" / f"{SOURCE_ID}.csv"
    with sheet.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        row["confirm"] = ""
        row.update(DECISIONS.get(row["mention"], {}))
        row.update({case["column"]: payload(case, markers) for case in cases.values()
                    if case["via"] == "sheet" and case["mention"] == row["mention"]})
    with sheet.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    confirmed = analysis("confirm", str(sheet))
    assert confirmed.returncode == 0, confirmed.stdout + confirmed.stderr

    # Values already in the data, as a hand edit (or an argument the intake would refuse) leaves them.
    for field, value in refused.items():
        edit_cell(project / "data", "sources", SOURCE_ID, field.removeprefix("--").replace("-", "_"), value)
    for case in cases.values():
        if case["via"] == "data":
            edit_cell(project / "data", case["table"], case["row"], case["column"], payload(case, markers))

    # validate now refuses these data (a javascript: address, markup in a name), and `pages` and `figures`
    # run it first; the renderers are called directly, so that they are shown safe on their own.
    assert analysis("validate").returncode == 1
    done = run(sys.executable, "-c", "from analysis.export import export_figures; from analysis.pages import "
               "write_source_pages; write_source_pages(); export_figures()")
    assert done.returncode == 0, done.stdout + done.stderr
    builds = {}
    for builder in ("html", "pdflatex"):
        done = run(str(project / ".venv" / "bin" / "jupyter-book"), "build", ".", "--builder", builder, "-W", "-n",
                   "--keep-going", "--quiet", timeout=1500)
        builds[builder] = done
        assert done.returncode == 0, (done.stdout + done.stderr)[-4000:]
    pdf = project / "_build" / "latex" / "met-vawg-report.pdf"
    pdf_text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return {"root": root, "project": project, "html": project / "_build" / "html", "markers": markers, "cases": cases,
            "pdf_text": pdf_text, "builds": builds, "refused": refused}


def test_the_corpus_covers_every_way_in():
    ways = {case["via"] for case in CASES.values()}
    assert ways == {"add-source", "sheet", "article", "data"}
    fields = {case.get("field") for case in CASES.values()}
    assert {"--short-name", "--outlet", "--title", "--url"} <= fields
    for name, case in CASES.items():
        assert case["seen"] and case["pages"], name


def test_the_build_gave_no_warning(hostile):
    for builder, done in hostile["builds"].items():
        warnings = [line for line in done.stderr.splitlines() if re.search(r"(WARNING|ERROR|CRITICAL):", line)]
        assert not warnings, (builder, warnings)


def test_nothing_was_executed(hostile):
    assert not any(hostile["markers"].iterdir()), list(hostile["markers"].iterdir())
    assert [name for name, case in CASES.items() if case["marker"]], "no case would create a marker"


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_payload_is_text_where_it_lands(hostile, name):
    case = CASES[name]
    for page in case["pages"]:
        html = (hostile["html"] / page).read_text(encoding="utf-8")
        text = page_text(html)
        for seen in case["seen"]:
            assert normal(seen) in text, f"{page}: {seen!r} is not in the page's text"
        for unseen in case.get("not_seen", []):
            assert normal(unseen) not in text, f"{page}: {unseen!r} is in the page's text"
        if "{{" in case["payload"]:
            assert "{{" in text


@pytest.mark.parametrize("name", sorted(name for name, case in CASES.items() if case["pdf"]))
def test_the_payload_is_text_in_the_pdf(hostile, name):
    squeezed = re.sub(r"\s+", "", normal(hostile["pdf_text"]))
    for seen in CASES[name]["pdf"]:
        assert re.sub(r"\s+", "", normal(seen)) in squeezed, f"{seen!r} is not in the PDF's text"


def test_no_page_has_a_script_link_or_injected_markup(hostile):
    problems = []
    for page in book_pages(hostile["html"]):
        html = (hostile["html"] / page).read_text(encoding="utf-8")
        problems += [f"{page}: {p}" for p in foreign_links(html) + injected_markup(html)]
        if re.search(r"""href\s*=\s*["']?\s*javascript:""", html, re.I):
            problems.append(f"{page}: href=javascript:")
    assert not problems, "\n".join(problems)


def test_every_csv_served_is_safe_in_a_spreadsheet(hostile):
    files = [*hostile["html"].rglob("*.csv"), *(hostile["project"] / "figures").glob("*.csv")]
    assert any(p.parent.name == "tables" for p in files) and any(p.parent.name == "figures" for p in files)
    cells = {}
    for path in files:
        text = path.read_text(encoding="utf-8")
        bad = formula_cells(text)
        assert not bad, f"{path}: {bad}"
        cells[path] = {cell for row in csv.reader(io.StringIO(text, newline="")) for cell in row}
    for name, case in hostile["cases"].items():
        if case.get("csv"):
            value = payload(case, hostile["markers"])
            assert any(csv_cell(value) in found or csv_cell(value.strip()) in found for found in cells.values()), \
                f"{name}: {value!r} reached no CSV, neutralised"
    # The data files themselves are the source of truth: they keep what was typed.
    figures = (hostile["project"] / "data" / "figures.csv").read_text(encoding="utf-8")
    assert "\n=" in figures or ",=" in figures or '"=' in figures


def test_no_script_runs_in_chromium_on_any_page(hostile, browser):
    from .browser import serve

    pages = book_pages(hostile["html"])
    titles = [payload(case, hostile["markers"]) for case in hostile["cases"].values() if case.get("field") in ("--short-name", "--title")]
    problems = []
    with serve(hostile["html"]) as root:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        dialogs = []
        context.on("page", lambda page: page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss())))
        page = context.new_page()
        # Every page, and the search page on the hostile titles (Sphinx sets each result's title as HTML).
        urls = [f"{root}/{path}" for path in pages] + [f"{root}/search.html?q={title.split()[0]}" for title in titles]
        for url in urls:
            page.goto(url, wait_until="load")
            page.wait_for_timeout(150)
            if page.evaluate("window.__pwned !== undefined"):
                problems.append(f"{url}: an injected script ran")
        assert page.evaluate("document.querySelectorAll('#search-results li, #search-results a').length") >= 0
        if dialogs:
            problems.append(f"dialogs opened: {dialogs}")
        # The hostile source page as a phone shows it, for a person to look at.
        phone = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
        shot = phone.new_page()
        shot.goto(f"{root}/chapters/sources/{SOURCE_ID}.html", wait_until="load")
        shot.screenshot(path=str(hostile["root"] / "hostile-source-390.png"), full_page=True)
        phone.close()
        context.close()
    assert not problems, "\n".join(problems)
    assert len(pages) >= 20


# The checks bite: each, on a page or file that does what the escaping prevents, reports it.

def test_the_checks_catch_what_they_look_for(browser):
    bad = ('<a href=" JavaScript:alert(1)">x</a><a href="data:text/html,x">y</a><img src=x onerror="window.__pwned=1">'
           '<script>window.__pwned=1</script><a href="https://example.org">ok</a><a href="../tables.html">ok</a>')
    assert len(foreign_links(bad)) == 2 and len(injected_markup(bad)) == 2
    assert not injected_markup('<script type="application/json">{"what": "window.__pwned=1"}</script>')
    assert formula_cells('a,b\n"=HYPERLINK(""x"")",-3\n@SUM(1),-0.5\n"\t=1",\'=safe\n') == ['=HYPERLINK("x")', "@SUM(1)", "\t=1"]
    assert normal("{{ 7*7 }}") not in page_text("<p>49</p>")
    page = browser.new_page()
    page.set_content("<p>Gazette<img src=x onerror=window.__pwned=1></p>")
    page.wait_for_timeout(200)
    assert page.evaluate("window.__pwned") == 1
    page.close()
