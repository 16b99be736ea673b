"""Finding numbers typed into a chapter's prose.

The book's rule is that prose does not type numbers: it pastes them from the data with glue. This module
strips from a MyST chapter everything that is not prose a reader sees as typed text (front matter, code
cells, directive options, glue and cross-reference roles, link targets) and lists the numeric mentions
left, with their line numbers. The test suite holds every chapter to zero.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .number_words import find_mentions
from .store import as_typed

_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
_DIRECTIVE_OPTION = re.compile(r"^:[\w-]+:.*$", re.M)
_DIRECTIVE_OPENING = re.compile(r"^(```|:::)\{[\w:-]+\}.*$", re.M)
_ROLE = re.compile(r"\{[\w:-]+\}`[^`]*`")
_LINK_TARGET = re.compile(r"\]\([^)]*\)")
_COMMENT = re.compile(r"<!--.*?-->", re.S)


@dataclass(frozen=True)
class TypedNumber:
    """A number typed into a chapter's prose, where it stands."""
    file: str
    line: int
    text: str
    context: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.text!r} typed in prose: …{self.context}…"


def _blank(match: re.Match) -> str:
    """Replace a match by spaces, keeping its newlines so line numbers survive."""
    return re.sub(r"[^\n]", " ", match.group())


def _blank_code(markdown: str) -> str:
    """Blank code cells and code blocks; keep directive bodies (captions are prose)."""
    lines, fence_is_code, out = markdown.split("\n"), None, []
    for line in lines:
        stripped = line.strip()
        if stripped.startswith("```"):
            if fence_is_code is None:  # an opening fence
                info = stripped[3:].strip()
                fence_is_code = info.startswith("{code-cell}") or not info.startswith("{")
                out.append(" " * len(line))
                continue
            if stripped == "```":  # the closing fence
                fence_is_code = None
                out.append(" " * len(line))
                continue
        out.append(" " * len(line) if fence_is_code else line)
    return "\n".join(out)


def prose_of(markdown: str) -> str:
    """The chapter with everything but typed prose blanked out (same length, same lines)."""
    markdown = _FRONT_MATTER.sub(_blank, markdown)
    markdown = _blank_code(markdown)
    for pattern in (_COMMENT, _DIRECTIVE_OPTION, _DIRECTIVE_OPENING, _ROLE, _LINK_TARGET):
        markdown = pattern.sub(_blank, markdown)
    return markdown


def typed_numbers(path: Path, allowed: tuple[str, ...] = ()) -> list[TypedNumber]:
    """Numeric mentions in a chapter's prose; ``allowed`` lines (such as the book's title) are skipped."""
    text = path.read_text(encoding="utf-8")
    prose = prose_of(text)
    found = []
    for mention in find_mentions(prose):
        line_start = prose.rfind("\n", 0, mention.start) + 1
        line_end = prose.find("\n", mention.end)
        line = text[line_start: line_end if line_end >= 0 else None]
        if line.strip() in allowed:
            continue
        found.append(TypedNumber(path.name, prose.count("\n", 0, mention.start) + 1, mention.text,
                                 text[max(0, mention.start - 40): mention.end + 40].replace("\n", " ")))
    return found


_QUOTATION = re.compile(r"[\"\u201c]([^\"\u201c\u201d]{3,}?)[\"\u201d]")


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", as_typed(text)).strip().lower()


def typed_quotations(path: Path, source_texts: list[str]) -> list[TypedNumber]:
    """Quotations typed into the prose that no source contains word for word (a misquote, or a paraphrase
    in quotation marks). Quotes pasted from the data are glued, so they are not checked here."""
    text = path.read_text(encoding="utf-8")
    prose = prose_of(text)
    haystack = [_normal(source) for source in source_texts]
    misquoted = []
    for match in _QUOTATION.finditer(prose):
        words = _normal(match.group(1)).rstrip(".,;:")
        if words and not any(words in source for source in haystack):
            misquoted.append(TypedNumber(path.name, prose.count("\n", 0, match.start()) + 1, match.group(1),
                                         "not found in any source"))
    return misquoted
