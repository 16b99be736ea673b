"""Sphinx extension for this book: no stale number or figure, whatever command builds it.

Sphinx re-reads a chapter, and jupyter-cache re-executes it, only when the chapter's own file changes; neither
can see the data, the analysis code or the libraries the chapters' code runs. So every build starts by taking
one digest of everything executed code depends on (:func:`inputs_digest`) and comparing it with three
records, each kept beside what it describes and deleted as soon as that starts to change:

* the execution cache's (in the cache folder, so it goes when the cache goes): when it differs, the cache is
  cleared before any chapter is read, and every chapter runs again;
* the pages' (``<doctrees>/vawg-inputs.pages``), the inputs the shared doctrees were last read from;
* this builder's (``<doctrees>/vawg-inputs.<builder>``), the inputs its output was last written from: the
  HTML builder rewrites only the pages it re-reads, so after the PDF build has re-read everything it would
  otherwise keep serving pages from older inputs.

When either of the last two differs, every page is re-read (through the cache: the PDF build after an HTML
build of the same inputs executes nothing). The records are written only after a build that succeeded, so a
failed build leaves the next one to start again.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
import shutil
import stat
from pathlib import Path

from sphinx.util import logging

logger = logging.getLogger(__name__)

# What the chapters' executed code depends on, relative to the book's root (why each: inputs_digest).
INPUT_FOLDERS = ("data", "analysis", "_ext")
INPUT_FILES = ("_toc.yml", "_config.yml", "requirements.txt")
# analysis/transaction.py stages a change to the data in these and removes them: they are never read as data.
TRANSIENT_FOLDERS = {Path("data", ".pending"), Path("data", ".done")}
RECORD = "vawg-inputs.{}"


def inputs_digest(root: Path) -> str:
    """The sha256 of the relative name and content of every file the executed chapters depend on.

    * ``data/`` (every folder in it): every number, date and chart is computed from it; names too, because
      tables and source texts are found by name, so a renamed or a new (even empty) file is a change;
    * ``analysis/`` (every folder in it): the code the chapters import, nested modules included;
    * ``_ext/``: these extensions shape every page, and Sphinx does not re-read pages when they change;
    * ``_toc.yml``: the chapter list, which numbers and links every page;
    * ``_config.yml``: how chapters are executed and rendered;
    * ``requirements.txt`` and the name and version of every installed distribution: the libraries (pandas,
      Altair, vl-convert and what they use) that compute and draw; an upgrade, direct or indirect, must not
      keep outputs the old versions made.

    A file that is not a regular file is hashed by what it is, never opened (a FIFO would block the build).
    """
    paths = [root / name for name in INPUT_FILES if os.path.lexists(root / name)]
    for folder in INPUT_FOLDERS:
        for parent, subfolders, files in os.walk(root / folder):
            subfolders[:] = [name for name in subfolders if name != "__pycache__"
                             and Path(parent, name).relative_to(root) not in TRANSIENT_FOLDERS]
            # os.walk lists a link to a folder among the folders and does not follow it: hash it as a link.
            linked = [name for name in subfolders if Path(parent, name).is_symlink()]
            paths += [Path(parent, name) for name in files + linked if not name.endswith(".pyc")]
    digest = hashlib.sha256()
    installed = sorted(f"{dist.metadata['Name']}=={dist.version}".lower() for dist in importlib.metadata.distributions())
    digest.update(("\n".join(installed) + "\0").encode())
    for name, path in sorted((path.relative_to(root).as_posix(), path) for path in paths):
        mode = path.lstat().st_mode
        if stat.S_ISREG(mode):
            content = path.read_bytes()
        elif stat.S_ISLNK(mode):
            content = b"symlink to " + os.fsencode(os.readlink(path))
        else:
            content = f"special file {stat.S_IFMT(mode):o}".encode()
        digest.update(f"{name}\0{len(content)}\0".encode() + content)
    return digest.hexdigest()


def _recorded(path: Path) -> str | None:
    return path.read_text(encoding="utf-8") if path.is_file() else None


class StaleInputs:
    """One build's inputs digest, checked against the records before reading and recorded after success."""

    def __init__(self, app) -> None:
        self.digest = ""
        self.reread_all = False
        app.connect("builder-inited", self.check, priority=600)  # after myst-nb resolves its cache path (500)
        app.connect("env-get-outdated", self.outdated)
        app.connect("build-finished", self.record)

    def records(self, app) -> tuple[Path, Path, Path]:
        """Where the execution cache's, the pages' and this builder's digests are recorded."""
        cache = Path(app.env.mystnb_config.execution_cache_path).resolve()  # as jupyter-cache resolves it
        doctrees = Path(app.doctreedir)
        return cache / RECORD.format("sha256"), doctrees / RECORD.format("pages"), doctrees / RECORD.format(app.builder.name)

    def check(self, app) -> None:
        """Clear a stale execution cache before any chapter runs, and decide whether every page is re-read."""
        self.digest = app.vawg_inputs_digest = inputs_digest(Path(app.srcdir))  # vawg_book reads it too
        cache_record, pages_record, builder_record = self.records(app)
        if _recorded(cache_record) != self.digest and cache_record.parent.exists():
            logger.info("[vawg_stale] data, code or libraries changed: clearing the execution cache")
            shutil.rmtree(cache_record.parent)
        self.reread_all = self.digest != _recorded(pages_record) or self.digest != _recorded(builder_record)
        if self.reread_all:
            pages_record.unlink(missing_ok=True)
            builder_record.unlink(missing_ok=True)

    def outdated(self, app, env, added, changed, removed) -> set[str]:
        """Every page, when the inputs changed since the pages were read or this builder last wrote."""
        if self.reread_all:
            logger.info("[vawg_stale] inputs changed since the last %s build: re-reading every page", app.builder.name)
            return set(env.found_docs)
        return set()

    def record(self, app, exception) -> None:
        """Record the digest this build used, if it succeeded."""
        # Sphinx sets a failed status from these, but only after this event (--keep-going with -W).
        if exception is not None or (app.keep_going and app._warncount):
            return
        for path in self.records(app):
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(self.digest, encoding="utf-8")


def setup(app):
    StaleInputs(app)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
