"""Crawl the built seed site as a reader's browser would: structure, links, anchors, weight,
no third-party requests, and the W3C Nu HTML checker (npm vnu-jar) with zero errors."""

from __future__ import annotations

import json
import subprocess
from functools import lru_cache
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

from conftest import nu_checker

# Attributes that make the browser fetch something by itself (links only navigate when followed).
RESOURCE_ATTRS = (("link", "href"), ("script", "src"), ("img", "src"), ("img", "srcset"), ("iframe", "src"),
                  ("source", "src"), ("video", "src"), ("audio", "src"), ("embed", "src"), ("object", "data"))
MAX_WEIGHT = 50_000  # bytes of HTML plus its stylesheet


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


@lru_cache(maxsize=None)
def parse(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def ids_of(path: Path) -> set[str]:
    return {el["id"] for el in parse(path).find_all(id=True)}


def is_external(url: str) -> bool:
    """True for anything the browser would fetch from another origin (data: URIs fetch nothing)."""
    parts = urlsplit(url)
    return (bool(parts.scheme or parts.netloc) or url.startswith("//")) and parts.scheme != "data"


def resolve(site: Path, page: Path, href: str) -> tuple[Path, str]:
    """The file a relative link from `page` opens (as from file://, so no folder index magic
    beyond a trailing slash), and its fragment."""
    parts = urlsplit(href)
    base = site if parts.path.startswith("/") else page.parent  # root-relative: 404.html without --base-url
    target = page if not parts.path else base / unquote(parts.path).lstrip("/")
    if parts.path.endswith("/"):
        target = target / "index.html"
    return Path(*PurePosixPath(target.resolve().as_posix()).parts), parts.fragment


def internal_links(site: Path, page: Path):
    doc = parse(page)
    for tag, attr in (("a", "href"), ("link", "href"), ("form", "action"), ("script", "src"), ("img", "src")):
        for el in doc.find_all(tag, attrs={attr: True}):
            if not is_external(el[attr]) and not el[attr].startswith("data:"):
                yield el[attr]


def test_the_seed_site_has_the_expected_page_kinds(site_dir, seed_records):
    rels = {p.relative_to(site_dir).as_posix() for p in html_pages(site_dir)}
    expected = {"index.html", "404.html", "speakers/index.html", "topics/index.html", "trends/index.html",
                "data/index.html", "about/index.html", "search/index.html", "articles/index.html",
                "articles/by-outlet/index.html", "articles/by-year/index.html", "years/index.html"}
    expected |= {f"articles/{a.id}/index.html" for a in seed_records.articles}
    expected |= {f"speakers/{s.id}/index.html" for s in seed_records.speakers}
    expected |= {f"topics/{t.id}/index.html" for t in seed_records.topics}
    expected |= {f"years/{y.year}/index.html" for y in seed_records.years}
    assert expected <= rels
    assert seed_records.articles and seed_records.speakers and seed_records.years


def test_every_page_has_lang_title_and_one_h1(site_dir):
    for page in html_pages(site_dir):
        doc = parse(page)
        assert doc.html.get("lang"), page
        assert doc.title and doc.title.get_text().strip(), page
        assert len(doc.find_all("h1")) == 1, page


def test_no_broken_internal_link_or_anchor(site_dir):
    broken = []
    for page in html_pages(site_dir):
        if page.name == "404.html":
            continue  # served at any depth; checked against the site root below
        for href in internal_links(site_dir, page):
            target, fragment = resolve(site_dir, page, href)
            if not target.is_file() or site_dir.resolve() not in target.parents:
                broken.append(f"{page.relative_to(site_dir)} -> {href}")
            elif fragment and target.suffix == ".html" and fragment not in ids_of(target):
                broken.append(f"{page.relative_to(site_dir)} -> {href} (no #{fragment})")
    assert broken == []


def test_404_page_links_resolve_from_the_site_root(site_dir):
    """Without --base-url, 404.html links from the host's root, so it works at any depth."""
    page = site_dir / "404.html"
    hrefs = [href for href in internal_links(site_dir, page) if not href.startswith("#")]
    assert hrefs
    for href in hrefs:
        assert href.startswith("/") and not href.startswith("//"), href
        target, _ = resolve(site_dir, page, href)
        assert target.is_file(), href


def test_no_external_resources(site_dir):
    for page in html_pages(site_dir):
        doc = parse(page)
        for tag, attr in RESOURCE_ATTRS:
            for el in doc.find_all(tag, attrs={attr: True}):
                assert not is_external(el[attr]), f"{page}: <{tag} {attr}={el[attr]!r}>"
        assert "@import" not in "".join(s.get_text() for s in doc.find_all("style")), page
    for css in site_dir.rglob("*.css"):
        text = css.read_text(encoding="utf-8")
        assert "@import" not in text and "url(" not in text, css


def test_page_weight_html_plus_css_under_50_kb(site_dir):
    for page in html_pages(site_dir):
        css = sum(resolve(site_dir, page, link["href"])[0].stat().st_size
                  for link in parse(page).find_all("link", rel="stylesheet"))
        assert page.stat().st_size + css <= MAX_WEIGHT, page


def test_claim_urls_in_the_records_resolve_to_claim_anchors(site_dir, seed_records):
    assert seed_records.claims
    for claim in seed_records.claims:
        article = site_dir / "articles" / claim.article / "index.html"
        assert claim.url == f"articles/{claim.article}/#{claim.anchor}", claim.url
        assert claim.anchor in ids_of(article), claim.url


def test_no_sitemap_or_feed_without_a_base_url(site_dir):
    """Both formats require absolute addresses, which only --base-url gives (see test_site_pages.py)."""
    assert not (site_dir / "sitemap.xml").exists() and not (site_dir / "feed.xml").exists()
    assert (site_dir / "index.html").is_file()


def test_every_page_has_the_csp_and_no_inline_script_or_style(site_dir):
    for page in html_pages(site_dir):
        doc = parse(page)
        csp = doc.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
        assert csp and csp["content"] == "default-src 'self'; object-src 'none'; base-uri 'none'", page
        assert not doc.find("style") and not doc.find(style=True), page
        assert all(s.get("src") and not s.get_text().strip() for s in doc.find_all("script")), page
        assert doc.find("meta", attrs={"name": "description"})["content"].strip(), page


def test_nu_html_checker_reports_no_errors(site_dir):
    files = [str(p) for p in html_pages(site_dir)] + [str(p) for p in sorted(site_dir.rglob("*.css"))]
    result = subprocess.run(
        [*nu_checker(), "--errors-only", "--also-check-css", "--format", "json", *files],
        capture_output=True, text=True, timeout=300,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    errors = [f"{Path(urlsplit(m.get('url', '')).path).relative_to(site_dir.resolve()) if m.get('url') else '?'}:"
              f"{m.get('lastLine', '?')}: {m['message']}" for m in messages]
    assert errors == []
    assert result.returncode == 0
