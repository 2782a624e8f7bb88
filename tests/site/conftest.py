"""Serve the built website on loopback and drive Debian's Chromium headless through Playwright."""
import functools
import http.server
import shutil
import threading
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[2]
SITE = ROOT / "_build" / "html"
SHOTS = ROOT / "_build" / "screenshots"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def chromium_path():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if shutil.which(name):
            return shutil.which(name)
    pytest.fail("no Chromium found: install Debian's chromium (apt-get install chromium)")


@pytest.fixture(scope="session")
def base_url():
    assert (SITE / "index.html").exists(), "build the site first: make book"
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(Quiet, directory=str(SITE))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def visit(browser, base_url):
    """Open a page of the site; return (page, problems) where problems lists console errors,
    page errors, failed requests and every request that tried to leave the site (blocked)."""
    contexts = []

    def _visit(path, width=1280, height=900):
        context = browser.new_context(viewport={"width": width, "height": height})
        contexts.append(context)
        page = context.new_page()
        problems = []
        page.on("console", lambda m: m.type == "error" and problems.append(f"console: {m.text}"))
        page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
        page.on("requestfailed", lambda r: r.url.startswith(base_url)
                and problems.append(f"failed: {r.url} {r.failure}"))

        def guard(route):
            if route.request.url.startswith(base_url) or route.request.url.startswith("data:"):
                route.continue_()
            else:
                problems.append(f"left the site: {route.request.url}")
                route.abort()

        page.route("**/*", guard)
        page.goto(base_url + path, wait_until="load")
        page.wait_for_load_state("networkidle")
        return page, problems

    yield _visit
    for context in contexts:
        context.close()
