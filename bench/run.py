"""Build benchmark: how long the book takes to build, rebuild and execute, and how heavy it is.

Run from the project root after `bash scripts/build.sh` has set things up:

    .venv/bin/python bench/run.py            # three runs of each measurement (medians reported)
    .venv/bin/python bench/run.py --runs 5

It writes BENCHMARKS.md. It deletes and rebuilds _build/ and temporarily edits a chapter (always
restored). Not part of the test suite: timings on a shared machine are noisy, so they are reported as
medians with the spread, not asserted.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
from contextlib import contextmanager
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv" / "bin"
BUILD = ROOT / "_build"
EDITED = ROOT / "chapters" / "critics.md"
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
TARGETS = {"cold / pure execution": 1.5, "no-change rebuild / cold": 0.10, "prose edit rebuild / cold": 0.15}


def run(*command: str) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, env=ENV, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"failed: {' '.join(command)}\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
    return elapsed, done.stdout + done.stderr


def html_build() -> tuple[float, str]:
    return run(str(VENV / "jupyter-book"), "build", ".", "-W", "-n", "--keep-going")


def prepare() -> float:
    """What the build writes before reading any page: source pages and figure files (timed once, reported apart)."""
    start = time.perf_counter()
    run(str(VENV / "python"), "-m", "analysis", "pages")
    run(str(VENV / "python"), "-m", "analysis", "figures")
    return time.perf_counter() - start


def pure_execution() -> float:
    """Every chapter notebook executed with nbclient, no Sphinx: the floor for a build."""
    code = (
        "import jupytext, time\n"
        "from nbclient import NotebookClient\n"
        "from analysis import toc\n"
        "chapters = toc.chapters()\n"
        "start = time.perf_counter()\n"
        "for chapter in chapters:\n"
        "    notebook = jupytext.read(chapter)\n"
        "    NotebookClient(notebook, timeout=600, kernel_name='python3',\n"
        "                   resources={'metadata': {'path': str(chapter.parent)}}).execute()\n"
        "print(f'ELAPSED={time.perf_counter() - start}')\n"
    )
    _, output = run(str(VENV / "python"), "-c", code)
    return float(re.search(r"ELAPSED=([\d.]+)", output).group(1))


@contextmanager
def edited(path: Path, change):
    original = path.read_text(encoding="utf-8")
    try:
        path.write_text(change(original), encoding="utf-8")
        yield
    finally:
        path.write_text(original, encoding="utf-8")


def prose_edit(text: str) -> str:
    return text.rstrip("\n") + "\n\nA sentence added by the benchmark, and removed after it.\n"


def code_edit(text: str) -> str:
    return text.replace("```{code-cell} ipython3\n:tags: [remove-cell]\n\n", "```{code-cell} ipython3\n:tags: [remove-cell]\n\n# benchmark edit\n", 1)


def executed(output: str) -> list[str]:
    return [str(Path(path).resolve().relative_to(ROOT)) for path in re.findall(r"(\S+\.md): Executing notebook", output)]


def page_weight(html: Path) -> tuple[int, int]:
    """(JavaScript bytes, all bytes) a page loads from the book's own files."""
    text = html.read_text(encoding="utf-8")
    total, js = html.stat().st_size, 0
    for reference in re.findall(r'<(?:script[^>]+src|link[^>]+href)="([^"#?]+)', text):
        target = (html.parent / reference).resolve()
        if target.is_file() and target.suffix in (".js", ".css"):
            total += target.stat().st_size
            if target.suffix == ".js":
                js += target.stat().st_size
    return js, total


def machine() -> list[str]:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    memory = next(line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal"))
    os_name = next((line.split("=", 1)[1].strip('"') for line in Path("/etc/os-release").read_text().splitlines()
                    if line.startswith("PRETTY_NAME")), platform.platform())
    return [f"- CPU: {cpu}, {os.cpu_count()} cores available", f"- Memory: {int(memory) / 1024 / 1024:.1f} GiB",
            f"- OS: {os_name}; Python {platform.python_version()}",
            f"- jupyter-book {version('jupyter-book')}, Sphinx {version('sphinx')}, myst-nb {version('myst-nb')}, "
            f"vl-convert-python {version('vl-convert-python')}"]


def seconds(values: list[float]) -> str:
    spread = f" ({min(values):.1f}–{max(values):.1f})" if len(values) > 1 else ""
    return f"{statistics.median(values):.1f} s{spread}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    results: dict[str, list[float]] = {key: [] for key in
                                       ("pure", "cold", "nochange", "prose", "code", "pdf", "prepare")}
    code_executed: list[str] = []
    for index in range(args.runs):
        print(f"run {index + 1} of {args.runs}", flush=True)
        results["pure"].append(pure_execution())
        shutil.rmtree(BUILD, ignore_errors=True)
        results["prepare"].append(prepare())
        results["cold"].append(html_build()[0])
        results["nochange"].append(html_build()[0])
        with edited(EDITED, prose_edit):
            elapsed, output = html_build()
            results["prose"].append(elapsed)
            assert not executed(output), f"a prose edit re-executed {executed(output)}"
        html_build()
        with edited(EDITED, code_edit):
            elapsed, output = html_build()
            results["code"].append(elapsed)
            code_executed = executed(output)
        html_build()
        results["pdf"].append(run(str(VENV / "jupyter-book"), "build", ".", "--builder", "pdflatex", "-W", "-n",
                                  "--keep-going")[0] if shutil.which("xelatex") else float("nan"))

    median = {key: statistics.median(values) for key, values in results.items()}
    ratios = {"cold / pure execution": median["cold"] / median["pure"],
              "no-change rebuild / cold": median["nochange"] / median["cold"],
              "prose edit rebuild / cold": median["prose"] / median["cold"]}
    html = BUILD / "html"
    pages = sorted(p for p in html.rglob("*.html") if "_static" not in p.parts)
    chart_pages = [p for p in pages if 'class="vawg-chart"' in p.read_text(encoding="utf-8")]
    bundle_elsewhere = [p for p in pages if p not in chart_pages and "vega-bundle.js" in p.read_text(encoding="utf-8")]
    weights = {p: page_weight(p) for p in pages}
    heaviest_chart = max(chart_pages, key=lambda p: weights[p][1])
    lightest_text = min((p for p in pages if p not in chart_pages), key=lambda p: weights[p][1])
    largest = max(pages, key=lambda p: p.stat().st_size)
    pdf = BUILD / "latex" / "met-vawg-report.pdf"

    def verdict(name: str) -> str:
        return "met" if ratios[name] <= TARGETS[name] else "**missed**"

    lines = [
        "# Build benchmark", "",
        f"Written by `bench/run.py` ({args.runs} runs of each measurement; medians, with the range in brackets). "
        "Rerun it after changes that could affect build time: `.venv/bin/python bench/run.py`.", "",
        "## Machine", "", *machine(), "",
        "## Times", "",
        "| measurement | time |", "|---|---|",
        f"| pure execution: every chapter notebook run with nbclient, no Sphinx (the floor) | {seconds(results['pure'])} |",
        "| source pages and figure files alone (`analysis pages`, `analysis figures`; a cold build writes them first) | "
        f"{seconds(results['prepare'])} |",
        f"| cold HTML build from clean (`jupyter-book build`, executing every chapter) | {seconds(results['cold'])} |",
        f"| rebuild, nothing changed | {seconds(results['nochange'])} |",
        f"| rebuild after a prose-only edit of one chapter | {seconds(results['prose'])} |",
        f"| rebuild after a code edit of one chapter | {seconds(results['code'])} |",
        f"| PDF build after the HTML build | {seconds(results['pdf'])} |", "",
        "## Ratios against the targets", "",
        "| ratio | value | target | |", "|---|---|---|---|",
        *[f"| {name} | {value:.2f} | ≤ {TARGETS[name]:.2f} | {verdict(name)} |" for name, value in ratios.items()],
        f"| chapters re-executed after a code edit of `{EDITED.relative_to(ROOT)}` | {', '.join(code_executed) or 'none'} | that chapter only | "
        f"{'met' if code_executed == [str(EDITED.relative_to(ROOT))] else '**missed**'} |",
        f"| pages loading the Vega bundle without a chart | {len(bundle_elsewhere)} | none | {'met' if not bundle_elsewhere else '**missed**'} |",
        "",
        "## Weight", "",
        "| | bytes |", "|---|---|",
        f"| JavaScript a chart page loads ({heaviest_chart.relative_to(html)}) | {weights[heaviest_chart][0]:,} |",
        f"| everything that chart page loads (HTML, JS, CSS) | {weights[heaviest_chart][1]:,} |",
        f"| everything a page without charts loads ({lightest_text.relative_to(html)}) | {weights[lightest_text][1]:,} |",
        f"| largest page ({largest.relative_to(html)}) | {largest.stat().st_size:,} |",
        f"| PDF edition | {pdf.stat().st_size:,} |" if pdf.exists() else "| PDF edition | not built |",
        "",
        "## Where the time and the bytes go", "",
        "- A cold build is pure execution plus the figure files: almost all of it is running the chapters, each in "
        "its own kernel (start-up, then importing pandas, Altair and vl-convert, then loading and checking the "
        "data), and, before any page is read, drawing every chart once more for its figure files (the row above), "
        "which a build from clean cannot know are current. Sphinx's own reading and writing adds little on top.",
        "- A rebuild with nothing changed, or after a prose edit, executes nothing: jupyter-cache matches each "
        "chapter's code, and Sphinx re-reads only the edited page. A code edit re-executes only its chapter.",
        "- A change to `data/` or `analysis/` (or the table of contents, configuration or extension) makes "
        "the book's extension (`_ext/vawg_stale.py`) drop the execution cache and re-read every page, since neither "
        "Sphinx nor jupyter-cache can see those files: such a rebuild costs a cold build. This is deliberate: a stale "
        "figure must never be shown. Every chapter pastes facts from across the data, so a finer-grained "
        "dependency map would rarely save a chapter.",
        "- Weight: the Vega bundle (about 0.9 MB) is served from the book's own `_static/` and loaded only by "
        "chart pages, which carry each chart twice (a wide and a narrow drawing, with their specifications). "
        "The theme's Font Awesome script (1.5 MB, which only redraws the icons its web font already draws) and "
        "the search index are left out of the pages (`_templates/layout.html`); `tests/test_reading.py` holds "
        "every page under 1 MB cold, or 2 MB with charts.",
        "- Charts: each drawing is fitted to its width by measuring it with vl-convert, a few renders per "
        "drawing, which is part of the execution time.",
        "",
    ]
    (ROOT / "BENCHMARKS.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
