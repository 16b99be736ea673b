"""The book's chapters, read from its table of contents (``_toc.yml``): the one list of them."""

from __future__ import annotations

from pathlib import Path

import yaml

from .store import PROJECT_ROOT

TOC = PROJECT_ROOT / "_toc.yml"


def _entries() -> list[dict]:
    """The root page and every entry under the parts, in reading order: ``{"file": …}`` or ``{"glob": …}``."""
    toc = yaml.safe_load(TOC.read_text(encoding="utf-8"))

    def under(entry: dict):
        yield entry
        for key in ("parts", "chapters", "sections"):
            for child in entry.get(key, []):
                yield from under(child)

    return [{"file": toc["root"]}, *(entry for entry in under(toc) if "file" in entry or "glob" in entry)]


def chapters() -> list[Path]:
    """The pages written by hand, in reading order: the root page and every file the table of contents names
    (not the pages its globs gather, which ``python -m analysis pages`` writes)."""
    return [PROJECT_ROOT / f"{entry['file']}.md" for entry in _entries() if "file" in entry]


def pages() -> list[str]:
    """Every page of the book in reading order, the globs' pages included, by name (``chapters/numbers``)."""
    names = []
    for entry in _entries():
        if "file" in entry:
            names.append(entry["file"])
        else:
            names += sorted(path.relative_to(PROJECT_ROOT).with_suffix("").as_posix() for path in PROJECT_ROOT.glob(entry["glob"] + ".md"))
    return names
