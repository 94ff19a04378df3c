"""The built seed site in a real browser (Debian's Chromium through pytest-playwright).

Screenshots go to tests/artifacts/. These tests fail, never skip, when Chromium cannot start.
"""

from __future__ import annotations

import functools
import http.server
import re
import shutil
import threading
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from conftest import SERVER_POLL, node_tool, serve_folder
from test_site_pages import CSP

WIDTHS = (1280, 375)
KINDS = ("home", "year", "speaker", "topic", "article", "articles", "years", "trends", "search", "about")
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
        "articles": "articles/index.html",
        "years": "years/index.html",
        "trends": "trends/index.html",
        "search": "search/index.html?q=internet",
        "about": "about/index.html",
    }


def open_page(browser, url: str, width: int, scheme: str = "light", csp: bool = False) -> tuple[Page, list[str]]:
    """A fresh page; csp=True enforces the pages' Content-Security-Policy, which axe's injected
    script cannot pass, so the accessibility checks open pages without it."""
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme, bypass_csp=not csp)
    page = context.new_page()
    origin = re.match(r"[a-z]+://[^/]*", url).group(0) if url.startswith("http") else "file://"
    foreign: list[str] = []
    page.on("request", lambda r: foreign.append(r.url) if not r.url.startswith((origin, "data:")) else None)
    page.on("console", lambda m: foreign.append(f"console: {m.text}") if "Content Security Policy" in m.text else None)
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
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("kind", ("home", "article", "articles", "years", "trends"))
def test_dark_scheme_is_accessible(browser, site_url, seed_records, artifacts_dir, kind, width):
    page, _ = open_page(browser, site_url + page_paths(seed_records)[kind], width, scheme="dark")
    page.screenshot(path=str(artifacts_dir / f"{kind}-{width}-dark.png"), full_page=True)
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


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two computed rgb() colours."""
    def luminance(rgb: str) -> float:
        channels = [int(v) / 255 for v in re.findall(r"\d+", rgb)[:3]]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ("light", "dark"))
def test_heat_scale_gains_contrast_with_the_page_at_every_step(browser, site_url, scheme):
    """The strongest share stands out most from the background, in light and in dark mode."""
    page, _ = open_page(browser, site_url + "trends/index.html", 1280, scheme=scheme, csp=True)
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    steps = page.evaluate("""() => ['h0', 'h1', 'h2', 'h3', 'h4'].map(c => {
        const el = document.createElement('span'); el.className = c; document.body.append(el);
        const bg = getComputedStyle(el).backgroundColor; el.remove(); return bg; })""")
    ratios = [contrast(step, background) for step in steps]
    assert ratios == sorted(ratios) and len(set(ratios)) == len(ratios), (scheme, steps, ratios)
    assert page.locator("ul.legend .swatch").count() == 4
    page.context.close()


@pytest.mark.browser
def test_heat_map_scrolls_visibly_at_375_px(browser, site_url):
    page, _ = open_page(browser, site_url + "trends/index.html", 375, csp=True)
    wrap = page.locator(".heat-wrap")
    assert wrap.evaluate("el => el.scrollWidth > el.clientWidth")  # it scrolls inside its box...
    assert page.evaluate("document.documentElement.scrollWidth") <= 375  # ...not the page
    expect(page.locator(".scroll-hint")).to_be_visible()
    wrap.evaluate("el => el.scrollLeft = el.scrollWidth")
    topic = page.locator("table.heat tbody th").first.bounding_box()
    assert topic["x"] >= wrap.bounding_box()["x"] - 1  # the topic names stay in view
    last = page.locator("table.heat tbody tr").first.locator("td").last.bounding_box()
    assert last["x"] + last["width"] <= 375  # the last year can be scrolled into view
    page.context.close()
    wide, _ = open_page(browser, site_url + "trends/index.html", 1280)
    expect(wide.locator(".scroll-hint")).to_be_hidden()
    wide.context.close()


@pytest.mark.browser
def test_a_heat_cell_opens_the_passages_behind_it(browser, site_url):
    page, problems = open_page(browser, site_url + "trends/index.html", 1280, csp=True)
    cell = page.locator("table.heat tbody td a").first
    cell.click()
    expect(page).to_have_url(re.compile(r"/search/index\.html\?q=topic%3A[a-z-]+(%20|\+)year%3A\d{4}$"))
    expect(page.locator(".results li").first).to_be_visible()
    assert problems == []
    page.context.close()


@pytest.mark.browser
@pytest.mark.parametrize("origin", ("file", "http"))
def test_search_works_under_the_content_security_policy(browser, site_dir, site_url, origin):
    base = site_dir.as_uri() + "/" if origin == "file" else site_url
    page, problems = open_page(browser, base + "search/index.html?q=internet", 1280, csp=True)
    assert page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content") == CSP
    expect(page.locator(".results li").first).to_be_visible()
    page.locator("#q").fill("cybersecurity")
    expect(page.locator(".results li").first).to_be_visible()
    assert problems == []  # no foreign request and no CSP violation in the console
    page.context.close()


class NotFoundHandler(http.server.SimpleHTTPRequestHandler):
    """A static host that answers every missing path with the site's 404.html."""

    def log_message(self, *args):
        pass

    def send_error(self, code, message=None, explain=None):
        if code != 404:
            return super().send_error(code, message, explain)
        body = (Path(self.directory) / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.mark.browser
def test_404_page_works_at_any_depth(browser, site_dir):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(NotFoundHandler, directory=str(site_dir)))
    threading.Thread(target=server.serve_forever, args=(SERVER_POLL,), daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        failed: list[str] = []
        page.on("response", lambda r: failed.append(r.url) if r.status >= 400 and r.request.resource_type != "document" else None)
        response = page.goto(url + "years/1999/page/7/missing/")
        assert response.status == 404
        expect(page.locator("h1")).to_have_text("Page not found")
        assert page.evaluate("document.styleSheets.length && document.styleSheets[0].cssRules.length") > 0
        page.get_by_role("navigation", name="Site").get_by_role("link", name="Speakers").click()
        expect(page).to_have_url(url + "speakers/index.html")
        expect(page.locator("h1")).to_have_text("Speakers")
        assert failed == []
        context.close()
    finally:
        server.shutdown()


@pytest.mark.browser
def test_the_preview_servers_reload_script_passes_the_policy(browser, site_dir, tmp_path):
    """serve.py adds its reload script as an external same-origin file, which 'self' allows."""
    from wic_site.config import SiteConfig
    from wic_site.serve import RELOAD_PATH, start_preview

    config = SiteConfig(corpus_dir=tmp_path, out_dir=tmp_path / "site", index_dir=tmp_path / "index", quiet=True)
    preview = start_preview(config, port=0, watch=False,
                            build=lambda c: shutil.copytree(site_dir, c.out_dir, dirs_exist_ok=True))
    try:
        host, port = preview.server.server_address[:2]
        opened = [open_page(browser, f"http://{host}:{port}/{path}", 1280, csp=True)
                  for path in ("index.html", "trends/index.html")]
        opened.append(_open_missing(browser, f"http://{host}:{port}/no/such/page/"))
        for page, problems in opened:
            assert page.evaluate(f"!!document.querySelector('script[src=\"{RELOAD_PATH}\"]')"), page.url
            assert problems == [], page.url
            page.context.close()
    finally:
        preview.stop()


def _open_missing(browser, url: str) -> tuple[Page, list[str]]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if "Content Security Policy" in m.text else None)
    page.on("response", lambda r: problems.append(r.url) if r.status >= 400 and r.url != url else None)
    assert page.goto(url).status == 404
    expect(page.locator("h1")).to_have_text("Page not found")
    return page, problems
