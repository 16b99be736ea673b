"""Running a chapter as a notebook, as a reader rerunning it would: jupytext reads the MyST-Markdown
chapter as a notebook, nbclient executes it top to bottom in its own folder (so relative paths behave as
in the build), and the executed notebook can be saved to open in JupyterLab."""

from __future__ import annotations

from pathlib import Path

import jupytext
import nbformat
from nbclient import NotebookClient


def run_chapter(chapter: Path, output: Path | None = None, timeout: int = 600) -> nbformat.NotebookNode:
    """Execute a chapter top to bottom in its own folder; save the executed notebook to ``output`` if given."""
    notebook = jupytext.read(chapter)
    NotebookClient(notebook, timeout=timeout, kernel_name="python3",
                   resources={"metadata": {"path": str(Path(chapter).resolve().parent)}}).execute()
    if output is not None:
        output.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(notebook, output)
    return notebook
