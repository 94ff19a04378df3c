"""The built seed site in a real browser (Debian's Chromium through pytest-playwright).

Screenshots go to tests/artifacts/. These tests fail, never skip, when Chromium cannot start.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from conftest import node_tool, serve_folder

WIDTHS = (1280, 375)
KINDS = ("home", "year", "speaker", "topic", "article")
SERIOUS = {"serious", "critical"}


def page_paths(records) -> dict[str, str]:
    """One page of each kind, chosen from the records (the busiest, so the screenshots show content)."""
    speaker = max(records.speakers, key=lambda s: (s.claims, s.id))
    topic = max(records.topics, key=lambda t: (t.claims, t.id))
    claims_per_article = {a.id: sum(c.article == a.id for c in records.claims) for a in records.articles}
    article = max(records.articles, key=lambda a: (claims_per_article[a.id], a.id))
    return {
        "home": "index.html",
        "year": f"years/{records.years[0].year}/index.html",
        "speaker": f"speakers/{speaker.id}/index.html",
        "topic": f"topics/{topic.id}/index.html",
        "article": f"articles/{article.id}/index.html",
    }


def open_page(browser, url: str, width: int, scheme: str = "light") -> tuple[Page, list[str]]:
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    origin = re.match(r"[a-z]+://[^/]*", url).group(0) if url.startswith("http") else "file://"
    foreign: list[str] = []
    page.on("request", lambda r: foreign.append(r.url) if not r.url.startswith((origin, "data:")) else None)
    response = page.goto(url)
    assert response is None or response.ok, url
    return page, foreign


def serious_violations(page: Page) -> list[str]:
    page.add_script_tag(path=str(node_tool("axe-core/axe.min.js")))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [f"{v['id']} ({v['impact']}): {v['help']} x{len(v['nodes'])}"
            for v in result["violations"] if v["impact"] in SERIOUS]


@pytest.mark.browser
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("kind", KINDS)
def test_page_is_readable_and_accessible(browser, site_url, seed_records, artifacts_dir, kind, width):
    page, foreign = open_page(browser, site_url + page_paths(seed_records)[kind], width)
    page.screenshot(path=str(artifacts_dir / f"{kind}-{width}.png"), full_page=True)
    assert page.locator("h1").count() == 1
    # responsive: the page itself never scrolls sideways (wide tables scroll inside their box)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert serious_violations(page) == []
    assert foreign == []
    page.context.close()


@pytest.mark.browser
@pytest.mark.parametrize("kind", ("home", "article"))
def test_dark_scheme_is_accessible(browser, site_url, seed_records, artifacts_dir, kind):
    page, _ = open_page(browser, site_url + page_paths(seed_records)[kind], 375, scheme="dark")
    page.screenshot(path=str(artifacts_dir / f"{kind}-375-dark.png"), full_page=True)
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background != "rgb(253, 253, 251)"  # the light background: dark mode did not apply
    assert serious_violations(page) == []
    page.context.close()


def tab_to(page: Page, href_pattern: str, limit: int = 80) -> str:
    """Press Tab until a link whose href matches is focused; return that href."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        href = page.evaluate("document.activeElement && document.activeElement.getAttribute('href')")
        if href and re.search(href_pattern, href):
            return href
    raise AssertionError(f"no link matching {href_pattern!r} within {limit} Tab presses")


@pytest.mark.browser
def test_links_are_followed_by_keyboard(browser, site_url, seed_records):
    page, _ = open_page(browser, site_url + "index.html", 1280)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"index\.html#main$"))

    tab_to(page, r"^speakers/index\.html$")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/speakers/index\.html$"))
    expect(page.locator("h1")).to_have_text("Speakers")

    href = tab_to(page, r"^\.\./speakers/(?!by-)[^/]+/index\.html$")
    page.keyboard.press("Enter")
    speaker_id = href.split("/")[-2]
    expect(page).to_have_url(re.compile(rf"/speakers/{re.escape(speaker_id)}/index\.html$"))
    name = next(s.name for s in seed_records.speakers if s.id == speaker_id)
    expect(page.locator("h1")).to_have_text(name)

    tab_to(page, r"^\.\./\.\./articles/[^/]+/index\.html#c-[0-9a-f]{8}(?:-\d+)?$")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/articles/[^/]+/index\.html#c-[0-9a-f]{8}(?:-\d+)?$"))
    assert page.evaluate("document.querySelector(':target') !== null")
    page.context.close()


@pytest.mark.browser
def test_site_works_from_disk_and_from_a_sub_path(browser, site_dir, seed_records):
    """The same build, opened as file:// and served under /<folder>/, navigates without 404s."""
    year = seed_records.years[0].year
    page, _ = open_page(browser, (site_dir / "index.html").as_uri(), 1280)
    page.get_by_role("link", name=str(year), exact=True).first.click()
    expect(page).to_have_url(re.compile(rf"^file://.*/years/{year}/index\.html$"))
    expect(page.locator("h1")).to_contain_text(str(year))
    page.context.close()

    server, url = serve_folder(site_dir.parent)
    try:
        page, _ = open_page(browser, f"{url}{site_dir.name}/index.html", 1280)
        failed: list[str] = []
        page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
        page.get_by_role("navigation", name="Site").get_by_role("link", name="Topics").click()
        expect(page).to_have_url(f"{url}{site_dir.name}/topics/index.html")
        expect(page.locator("h1")).to_have_text("Topics")
        assert failed == []
        page.context.close()
    finally:
        server.shutdown()
