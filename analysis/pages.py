"""The source pages: each source's article text with every extracted quote highlighted and anchored.

They are generated from the data (``python -m analysis pages``, run by the build), one MyST page per
row of ``sources.csv``, so a new source gets its page with no code change. On each page:

* every quote of the tables the package declares ``marked`` or ``cited`` (:mod:`analysis.schema`) is marked with the
  book's ``quote`` role (``{quote}`F003 (figure); M010 (measure)|words```), overlapping quotes sharing one
  mark; the web shows it as ``<mark data-rows="F003 M010">``, the PDF as a highlighted passage;
* every quote has a Sphinx label, ``quote-f003``, placed on its paragraph: the book's prose links each
  number, date and quotation to it (``{ref}`over 2,500 <quote-f003>```), on the web and in the PDF;
* after each paragraph, links back to what cites its quotes: the chapters whose prose pastes the row,
  and the row in the data appendix.

Web furniture is left out. Offsets are the file's: what is marked is exactly ``text[start:end]``.
A paragraph holding a graphic first-hand account (``warnings.csv``) is shown only behind a warning the
reader opens; names withheld under the naming policy are replaced (:mod:`analysis.naming`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from . import toc
from .dates import format_range
from .escape import html_attr, html_text, myst_text, myst_url, role_words
from .naming import WITHHELD, WITHHELD_DETAIL, redact, spans, withheld
from .schema import marked_tables
from .store import PROJECT_ROOT, Store

PAGES_DIR = PROJECT_ROOT / "chapters" / "sources"
CHAPTERS = toc.chapters()
# A row a chapter cites: a pasted fact (``{glue:md}`F003```, ``{glue:md}`C044-quote:myst```) or a pull quote.
_GLUE_NAME = re.compile(r"\{glue:md\}`([A-Z]\d{3})(?:-quote)?(?::myst)?`|^```\{pullquote\}\s+([A-Z]\d{3})\s*$", re.M)


@dataclass(frozen=True)
class Quote:
    """One row's quote in its source: the row, its kind and its offsets."""
    row_id: str
    table: str
    kind: str
    start: int
    end: int


def quote_label(row_id: str) -> str:
    """The Sphinx label of a row's quote on its source page (``quote-f003``): what the prose refers to."""
    return f"quote-{row_id.lower()}"


def quote_href(source_id: str, row_id: str) -> str:
    """The address of a row's quote on its source page, from a chapter page."""
    return f"sources/{source_id}.html#{quote_label(row_id)}"


def quotes_by_source(store: Store) -> dict[str, list[Quote]]:
    """Every marked quote, by the source it is in."""
    found: dict[str, list[Quote]] = {}
    for name, table in marked_tables(store).items():
        frame = store.table(name).dropna(subset=["quote"])
        for row_id, source_id, start, end in zip(frame[table.key], frame["source_id"], frame["start"], frame["end"]):
            found.setdefault(source_id, []).append(Quote(row_id, name, table.row, int(start), int(end)))
    return found


def citing_chapters(chapters: list[Path] = CHAPTERS) -> dict[str, list[tuple[str, str]]]:
    """For each row id, the chapters whose prose pastes it: (page path without suffix, chapter title)."""
    cited: dict[str, list[tuple[str, str]]] = {}
    for chapter in chapters:
        text = chapter.read_text(encoding="utf-8")
        title = re.search(r"^# (.+)$", text, re.M).group(1)
        page = chapter.relative_to(PROJECT_ROOT).with_suffix("").as_posix()
        for row_id in dict.fromkeys(pasted or quoted for pasted, quoted in _GLUE_NAME.findall(text)):
            cited.setdefault(row_id, []).append((page, title))
    return cited


def _paragraphs(store: Store, source_id: str) -> list[tuple[int, int]]:
    """Article text split into paragraphs (one per non-blank line), as file offsets, leading spaces left out."""
    spans = []
    for offset, segment in store.article_segments(source_id):
        position = 0
        for line in segment.split("\n"):
            stripped = line.strip()
            if stripped:
                start = offset + position + (len(line) - len(line.lstrip()))
                spans.append((start, start + len(stripped)))
            position += len(line) + 1
    return spans


def source_page(store: Store, source_id: str, cited: dict[str, list[tuple[str, str]]]) -> str:
    """The MyST page for one source."""
    source = store.table("sources").set_index("source_id").loc[source_id]
    names = withheld(Store(store.root))
    text = store.source_text(source_id)
    quotes = quotes_by_source(store).get(source_id, [])
    published = format_range(source["published_earliest"].date(), source["published_latest"].date())
    if source["date_basis"] == "inferred":
        date_line = f"- Date: {{inferred}}`{published} <{source_id}>`. {myst_text(redact(source['date_note'], names))}"
    else:
        date_line = f"- Date: {published} (stated in the text). {myst_text(redact(source['date_note'], names))}"
    lines = [
        f"# {myst_text(redact(source['short_name'], names))}: the text", "",
        f"**{myst_text(redact(source['title'], names))}**", "",
        f"- Published by: {myst_text(redact(source['outlet'], names))}",
        date_line,
    ]
    if isinstance(source["url"], str):
        lines.append(f"- Address: {myst_url(source['url'])}")
    if isinstance(source["corroboration_url"], str):
        lines.append(f"- Date corroborated by: {myst_url(source['corroboration_url'])}")
    lines += [f"- File: `data/sources/{source['file']}` (SHA-256 `{source['sha256'][:16]}…`)", "",
              '<div class="vawg-source" data-source="' + html_attr(source_id) + '"></div>', "",
              "The article text follows, without the page's web furniture. Each marked passage is a quote the "
              "data rests on.", "", "```{only} html", "The links after a paragraph lead to where the book uses it.", "```", ""]
    if names:
        lines += [f"Under the book's naming policy, a withheld name is shown as \u201c{myst_text(WITHHELD)}\u201d and the "
                  f"detail of an unverified allegation as \u201c{myst_text(WITHHELD_DETAIL)}\u201d.", ""]
    warnings = store.table("warnings")
    warnings = warnings[warnings["source_id"] == source_id]
    labelled = set()
    for start, end in _paragraphs(store, source_id):
        inside = [q for q in quotes if q.start < end and start < q.end]
        for quote in inside:
            if quote.row_id not in labelled:  # the label sits on the paragraph where the quote begins
                labelled.add(quote.row_id)
                lines.append(f"({quote_label(quote.row_id)})=")
        paragraph = _marked(text, start, end, inside, names)
        warned = warnings[(warnings["start"] < end) & (warnings["end"] > start)]
        if len(warned):
            # Behind a warning the reader opens: a dropdown on the web, the warning first in print.
            what = "; ".join(warned["warning"])
            lines += ["::::{dropdown} Content warning: " + myst_text(what) + ".",
                      ":class-container: vawg-warning", "", paragraph, "::::"]
        else:
            lines.append(paragraph)
        lines.append("")
        if inside:
            lines.append(_backlinks(inside, cited, source_id))
            lines.append("")
    return "\n".join(lines)


def _marked(text: str, start: int, end: int, quotes: list[Quote], names: tuple[tuple[str, str], ...] = ()) -> str:
    """A paragraph with each stretch covered by quotes in a quote role naming them, and withheld names
    replaced (a name is never cut in two, so it is always replaced whole)."""
    inner = {edge for left, right in spans(text[start:end], names) for edge in range(left + start + 1, right + start)}
    cuts = sorted({start, end, *(max(start, q.start) for q in quotes), *(min(end, q.end) for q in quotes)} - inner)
    pieces = []
    for left, right in zip(cuts, cuts[1:]):
        covering = [q for q in quotes if q.start <= left and right <= q.end]
        words = redact(text[left:right], names)
        if covering:
            # The book's quote role (_ext/vawg_quotes.py), which the web and the print writers both mark.
            title = "; ".join(f"{q.row_id} ({q.kind})" for q in covering)
            pieces.append(f"{{quote}}`{title}|{role_words(words)}`")
        else:
            pieces.append(myst_text(words))
    return "".join(pieces)


def _backlinks(quotes: list[Quote], cited: dict[str, list[tuple[str, str]]], source_id: str) -> str:
    """HTML-only links from a paragraph's quotes to the chapters that use them and to their data rows."""
    items = []
    for quote in quotes:
        links = [f'<a href="../../{html_attr(page)}.html">{html_text(title)}</a>' for page, title in cited.get(quote.row_id, [])]
        links.append(f'<a href="../tables.html#row-{html_attr(quote.row_id)}">data row</a>')
        items.append(f'<span class="vawg-cites__item"><b>{html_text(quote.row_id)}</b> {html_text(quote.kind)}: '
                     + ", ".join(links) + "</span>")
    return '<p class="vawg-cites">Cited: ' + " · ".join(items) + "</p>"


def write_source_pages(store: Store | None = None, directory: Path = PAGES_DIR) -> list[Path]:
    """Write one page per source; rewrite only what changed (so Sphinx rebuilds only those) and remove
    pages of sources no longer in the data."""
    store = store or Store()
    directory.mkdir(parents=True, exist_ok=True)
    cited = citing_chapters()
    written = []
    wanted = set()
    for source_id in store.table("sources")["source_id"]:
        path = directory / f"{source_id}.md"
        wanted.add(path)
        content = source_page(store, source_id, cited)
        if not path.exists() or path.read_text(encoding="utf-8") != content:
            path.write_text(content, encoding="utf-8")
            written.append(path)
    for stale in directory.glob("*.md"):
        if stale not in wanted:
            stale.unlink()
    return written
