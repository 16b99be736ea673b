"""A real browser on the built book: Debian's chromium driven by Playwright (no browser download), and
axe-core for accessibility. The checks are functions returning problems, so that the tests can also run
them on a deliberately broken page and see them bite."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Any host but the test server fails to resolve: the page listener does not see every request, the
# resolver does.
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--disable-features=MediaRouter",
               "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"]
DATA_MARKS = ".vawg-chart__interactive g.role-mark > *"
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1366, "height": 900}}


def all_pages(book: Path) -> list[str]:
    """Every page of the built book, as a path from its root."""
    return sorted(p.relative_to(book).as_posix() for p in book.rglob("*.html") if "_static" not in p.parts)


def has_chart(book: Path, path: str) -> bool:
    return 'class="vawg-chart"' in (book / path).read_text(encoding="utf-8")


def chart_pages(book: Path) -> list[str]:
    return [path for path in all_pages(book) if has_chart(book, path)]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextmanager
def serve(directory: Path):
    """The built book on 127.0.0.1, on a free port."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


def launch(playwright):
    """Debian's chromium, never a browser Playwright downloads."""
    assert Path(CHROMIUM).exists(), "Debian's chromium is not installed: run scripts/setup.sh as root"
    return playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS, headless=True)


def visit(browser, url: str, javascript: bool = True):
    """Open a page, recording every console message, page error, failed or foreign request."""
    context = browser.new_context(java_script_enabled=javascript, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    events = {"console": [], "errors": [], "requests": [], "failed": [], "bad_status": []}
    page.on("console", lambda m: events["console"].append((m.type, m.text)))
    page.on("pageerror", lambda e: events["errors"].append(str(e)))
    page.on("request", lambda r: events["requests"].append(r.url))
    page.on("requestfailed", lambda r: events["failed"].append(f"{r.url} ({r.failure})"))
    page.on("response", lambda r: r.status >= 400 and events["bad_status"].append(f"{r.url} ({r.status})"))
    page.goto(url, wait_until="load")
    return page, events


def page_problems(page, events) -> list[str]:
    """Everything wrong with a loaded page: errors, foreign requests, charts without data marks."""
    problems = [f"console {kind}: {text}" for kind, text in events["console"] if kind in ("error", "warning")]
    problems += [f"page error: {error}" for error in events["errors"]]
    problems += [f"request failed: {failure}" for failure in events["failed"]]
    problems += [f"HTTP error: {status}" for status in events["bad_status"]]
    for url in events["requests"]:
        host = urlparse(url).hostname
        if url.startswith("http") and host not in ("127.0.0.1",):
            problems.append(f"request leaves the machine: {url}")
    charts = page.locator(".vawg-chart")
    if charts.count():
        try:
            page.wait_for_function(
                "document.querySelectorAll('.vawg-chart--interactive').length === document.querySelectorAll('.vawg-chart').length",
                timeout=15_000)
        except Exception:  # noqa: BLE001 - a chart that never draws is the problem reported below
            pass
        for index in range(charts.count()):
            chart = charts.nth(index)
            chart_id = chart.get_attribute("id")
            if "vawg-chart--interactive" not in (chart.get_attribute("class") or ""):
                problems.append(f"{chart_id}: not drawn interactively")
            elif chart.locator(DATA_MARKS).count() == 0:
                problems.append(f"{chart_id}: no data marks (axes only)")
    return problems


def accessibility_problems(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [f"axe {v['impact']}: {v['id']}: {v['help']} ({len(v['nodes'])} nodes)"
            for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
