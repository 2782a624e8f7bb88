"""The built website, in a real browser: offline, typeset, clickable, searchable, readable on a phone.

Run with `make test-site` (it builds the site first). Screenshots land in _build/screenshots/.
"""
import re

import pytest

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SITE, SHOTS = ROOT / "_build" / "html", ROOT / "_build" / "screenshots"

PAGES = sorted(str(p.relative_to(SITE)) for p in SITE.rglob("*.html")
               if not p.relative_to(SITE).parts[0].startswith("_"))
CHAPTERS = [p for p in PAGES if p.startswith("notebooks/")]
REPO = re.search(r"url:\s*https://github.com/(\S+)", (ROOT / "_config.yml").read_text()).group(1)


def test_site_has_the_chapters():
    notebooks = sorted(p.stem for p in (ROOT / "notebooks").glob("*.ipynb"))
    assert [p.removeprefix("notebooks/").removesuffix(".html") for p in CHAPTERS] == notebooks


@pytest.mark.parametrize("path", PAGES)
def test_page_loads_offline_without_errors(visit, path):
    page, problems = visit(path)
    assert page.title(), path
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("path", CHAPTERS)
def test_math_is_typeset(visit, path):
    page, problems = visit(path)
    page.wait_for_function("document.querySelectorAll('mjx-container').length > 0", timeout=60000)
    assert page.locator("mjx-container").count() >= 5
    assert not page.locator(".math:not(:has(mjx-container))").count(), "math left untypeset"
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("path", CHAPTERS)
def test_solutions_are_hidden_and_open_on_click(visit, path):
    page, _ = visit(path)
    toggles = page.locator("details.hide")
    assert toggles.count() >= 4, "at least four hidden solutions"
    first = toggles.first
    assert first.get_attribute("open") is None
    assert not first.locator(".cell_input").is_visible()
    first.locator("summary").click()
    assert first.get_attribute("open") is not None
    assert first.locator(".cell_input").is_visible()


@pytest.mark.parametrize("path", CHAPTERS)
def test_colab_badge_and_launch_button(visit, path):
    page, _ = visit(path)
    name = path.removeprefix("notebooks/").removesuffix(".html")
    colab = f"https://colab.research.google.com/github/{REPO}/blob/main/notebooks/{name}.ipynb"
    badge = page.locator(f'article a[href="{colab}"] img[alt="Open In Colab"]')
    assert badge.count() == 1, "the badge links to this notebook on Colab"
    assert badge.evaluate("img => img.complete && img.naturalWidth > 0"), "the badge image loads (locally)"
    assert page.locator(f'.dropdown-launch-buttons a[href="{colab}"]').count() == 1, "launch button"
    binder = f"https://mybinder.org/v2/gh/{REPO}/main?urlpath=lab/tree/notebooks/{name}.ipynb"
    assert page.locator(f'.dropdown-launch-buttons a[href="{binder}"]').count() == 1


@pytest.mark.parametrize("path", CHAPTERS)
def test_every_figure_has_alt_text(visit, path):
    page, _ = visit(path)
    images = page.locator("article img")
    assert images.count() >= 2
    for i in range(images.count()):
        alt = images.nth(i).get_attribute("alt") or ""
        assert len(alt) > 10 and not alt.endswith(".png"), f"image {i} alt={alt!r}"


def test_search_finds_a_chapter(visit):
    page, problems = visit("search.html?q=cross-entropy")
    page.wait_for_selector("ul.search li a", timeout=20000)
    links = page.locator("ul.search li a").evaluate_all("as => as.map(a => a.getAttribute('href'))")
    assert any("02_softmax_cross_entropy" in link for link in links), links
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("width", [1280, 390])
def test_screenshots_and_phone_width(visit, width):
    SHOTS.mkdir(parents=True, exist_ok=True)
    for name, path in [("home", "book/intro.html"), ("chapter", CHAPTERS[0])]:
        page, problems = visit(path, width=width, height=844 if width < 500 else 900)
        if path in CHAPTERS:
            page.wait_for_function("document.querySelectorAll('mjx-container').length > 0", timeout=60000)
        page.screenshot(path=str(SHOTS / f"{name}-{width}px.png"))
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, f"{path} scrolls sideways by {overflow}px at {width}px"
        assert not problems, "\n".join(problems)


@pytest.mark.parametrize("path", CHAPTERS)
def test_code_fits_a_desktop_screen_and_setup_is_collapsed(visit, path):
    page, _ = visit(path, width=1280)
    wide = page.evaluate("""() => [...document.querySelectorAll('article div.cell_input div.highlight pre')]
        .filter(pre => pre.offsetParent !== null && pre.scrollWidth > pre.clientWidth + 1)
        .map(pre => pre.textContent.split('\\n').sort((a, b) => b.length - a.length)[0])""")
    assert not wide, f"{len(wide)} code blocks scroll sideways at 1280 px, e.g. {wide[0]!r}"
    standard = page.locator("article div.cell.tag_hide-input")
    assert standard.count() >= 2, "the setup and check cells are tagged hide-input"
    for i in range(2):
        cell = standard.nth(i)
        assert cell.locator("details").count() and cell.locator("details").first.get_attribute(
            "open") is None, "the setup and check cells are collapsed"
        assert not cell.locator(".cell_input").is_visible()


@pytest.mark.parametrize("width", [1280, 390])
def test_errata_fit_the_page(visit, width):
    page, problems = visit("book/errata.html", width=width)
    page.wait_for_function("document.querySelectorAll('mjx-container').length > 0", timeout=60000)
    entries = page.locator("article p strong").evaluate_all("ss => ss.map(s => s.textContent)")
    numbers = [int(m.group(1)) for m in map(re.compile(r"^(\d+)\. ").match, entries) if m]
    assert numbers == list(range(1, len(numbers) + 1)) and len(numbers) >= 20, numbers
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"the errata page scrolls sideways by {overflow}px at {width}px"
    assert not problems, "\n".join(problems)
