"""How readable the book's main text is: sentence and paragraph lengths and Flesch reading ease.

The measure is taken on a built page as a reader meets it: the paragraphs and list items of the main
column, without tables, figures and their captions, code, disclosures, boxes (the content note), side
notes, footnotes and pull quotes. Quotations inside sentences count. ``tests/test_prose.py`` holds the
home page and the six chapters to the limits below; ``python -m analysis readability`` prints the measure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import textstat
from bs4 import BeautifulSoup

# The story standard's limits (issue 22): a general reader follows prose within them.
MEAN_SENTENCE_WORDS = 20
LONGEST_SENTENCE_WORDS = 40
LONGEST_PARAGRAPH_WORDS = 100
FLESCH_AT_LEAST = 50

# What is not running prose: tables, charts and captions, code, disclosures and boxes, notes, pull quotes.
LEFT_OUT = ("table", "figure", "figcaption", "pre", "details", "aside", "blockquote", "script", "style",
            ".admonition", ".sidenote", ".marginnote", ".margin-toggle", ".footnote", ".footnote-list",
            "aside.footnote-list", ".vawg-pullquote", ".cell_output", ".vawg-chart", ".vawg-byline",
            ".headerlink", ".vawg-inferred__why", ".rubric")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])")
_WORD = re.compile(r"[A-Za-z0-9À-ž][A-Za-z0-9À-ž’'.,%£&/-]*")


@dataclass(frozen=True)
class Measure:
    """The readability of one page's main text."""

    blocks: list[str]
    sentences: list[str]

    @property
    def mean_sentence_words(self) -> float:
        return sum(map(words, self.sentences)) / max(1, len(self.sentences))

    def long_sentences(self, limit: int = LONGEST_SENTENCE_WORDS) -> list[str]:
        return [sentence for sentence in self.sentences if words(sentence) > limit]

    def long_paragraphs(self, limit: int = LONGEST_PARAGRAPH_WORDS) -> list[str]:
        return [block for block in self.blocks if words(block) > limit]

    @property
    def flesch(self) -> float:
        return textstat.flesch_reading_ease(" ".join(self.blocks))

    def problems(self) -> list[str]:
        """What breaks the limits, each said in words."""
        found = []
        if self.mean_sentence_words > MEAN_SENTENCE_WORDS:
            found.append(f"mean sentence {self.mean_sentence_words:.1f} words (at most {MEAN_SENTENCE_WORDS})")
        found += [f"sentence of {words(s)} words: {s}" for s in self.long_sentences()]
        found += [f"paragraph of {words(p)} words: {p[:90]}…" for p in self.long_paragraphs()]
        if self.flesch < FLESCH_AT_LEAST:
            found.append(f"Flesch reading ease {self.flesch:.1f} (at least {FLESCH_AT_LEAST})")
        return found


def words(text: str) -> int:
    """Words in a text, as a reader counts them (a number or a hyphenated word is one)."""
    return len(_WORD.findall(text))


def sentences(block: str) -> list[str]:
    """A paragraph split into sentences at a full stop, question or exclamation mark before a capital."""
    return [part.strip() for part in _SENTENCE_END.split(block) if words(part)]


def main_blocks(html: str) -> list[str]:
    """The paragraphs and list items of a built page's main column, as text, without what is left out."""
    soup = BeautifulSoup(html, "html.parser")
    article = soup.select_one("article.bd-article") or soup
    for node in article.select(", ".join(LEFT_OUT)):
        node.decompose()
    blocks = []
    for node in article.find_all(["p", "li"]):
        if node.name == "p" and node.find_parent("li"):
            continue  # a list item's paragraph is measured with its item
        if node.find(["p", "li"]) and node.name == "li" and node.find("ul"):
            continue  # an item that holds a list: its items are measured
        text = re.sub(r"\s+", " ", node.get_text(" ")).strip()
        text = re.sub(r"\s+([,.;:!?)’”])", r"\1", text)
        if words(text):
            blocks.append(text)
    return blocks


def measure(html: str) -> Measure:
    """The readability of a built page's main text."""
    blocks = main_blocks(html)
    return Measure(blocks, [sentence for block in blocks for sentence in sentences(block)])
