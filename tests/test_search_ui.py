"""The search page in Chromium: works from file://, shows untrusted text as text, explains bad
queries without console errors, highlights, filters by facets, fetches what bytes_for_query says."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import pytest

from test_search_parity import open_search
from benchmarks.query_cost import bytes_for_query, files_for_query
from wic_site.config import load_config
from wic_site.pipeline import build


def watch(page) -> list[str]:
    """Collect console errors and uncaught exceptions."""
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    return errors


def status(page) -> str:
    return page.inner_text("#search-app .status")


@pytest.mark.browser
def test_works_from_file_url_with_shareable_query(page, site_dir):
    errors = watch(page)
    open_search(page, (site_dir / "search" / "index.html").as_uri() + "?q=" + quote("internet"))
    page.wait_for_selector("#search-app .results li")
    assert page.input_value("#q") == "internet"
    assert "passage" in status(page)
    marks = page.locator("#search-app .results mark").all_inner_texts()
    assert marks and all(m.lower() == "internet" for m in marks)
    href = page.locator("#search-app .results li h3 a").first.get_attribute("href")
    target = (site_dir / "search" / href.split("#")[0]).resolve()
    assert target.is_file() and "#p-" in href
    assert errors == []


def facet_count(label: str) -> int:
    return int(label.rsplit("(", 1)[1].rstrip(")"))


def passages_shown(page) -> int:
    page.wait_for_function("() => /passage/.test(document.querySelector('#search-app .status').textContent)")
    return int(status(page).split()[0])


@pytest.mark.browser
def test_results_as_you_type_and_facets_filter(page, site_url):
    """Two values of one facet are OR, facets AND; a pressed value shows aria-pressed and a
    second click removes it; focus stays on the clicked value; the facet counts are those of
    the words typed, so other values of a facet stay offered."""
    errors = watch(page)
    open_search(page, site_url + "search/index.html")
    page.fill("#q", "internet")
    page.wait_for_selector("#search-app .facets button[data-filter^='year:']")
    total = passages_shown(page)
    years = page.locator("#search-app .facets button[data-filter^='year:']")
    first, second = years.nth(0), years.nth(1)
    (f1, l1), (f2, l2) = [(b.get_attribute("data-filter"), b.inner_text()) for b in (first, second)]
    assert first.get_attribute("aria-pressed") == "false"
    first.click()
    page.wait_for_function("f => document.querySelector('#q').value === 'internet ' + f", arg=f1)
    page.wait_for_function("n => document.querySelector('#search-app .status').textContent.startsWith(n + ' passage')",
                           arg=str(facet_count(l1)))
    pressed = f"#search-app .facets button[data-filter='{f1}'][aria-pressed='true']"
    page.wait_for_selector(pressed)
    assert page.evaluate("() => document.activeElement.dataset.filter") == f1  # focus stays on the value
    assert f"q=internet+{f1.replace(':', '%3A')}" in page.url
    page.locator(f"#search-app .facets button[data-filter='{f2}']").click()  # a second year: OR
    both = facet_count(l1) + facet_count(l2)
    page.wait_for_function("n => document.querySelector('#search-app .status').textContent.startsWith(n + ' passage')",
                           arg=str(both))
    assert page.input_value("#q") == f"internet ({f1} OR {f2})"
    topic = page.locator("#search-app .facets button[data-filter^='topic:']").first
    topic.click()  # another facet: AND
    page.wait_for_function("() => /\\) topic:/.test(document.querySelector('#q').value)")
    assert passages_shown(page) <= both
    page.locator(f"#search-app .facets button[data-filter='{f1}']").click()  # a second click removes it
    page.wait_for_function("f => !document.querySelector('#q').value.includes(f)", arg=f1)
    page.wait_for_selector(f"#search-app .facets button[data-filter='{f1}'][aria-pressed='false']")
    assert page.evaluate("() => document.activeElement.dataset.filter") == f1
    assert total >= both and errors == []


@pytest.mark.browser
@pytest.mark.parametrize("query, message", [
    ("", "Type words"),
    ("zzzzqx", "No passage matches"),
    ("the of and", "Only common words"),
    ("colour:red internet", "colour: is not a field"),
    ('"internet governance', "Unbalanced quote"),
    ("NOT NOT internet", "NOT cannot follow NOT"),
])
def test_helpful_messages_without_console_errors(page, site_url, query, message):
    errors = watch(page)
    open_search(page, site_url + "search/index.html?q=" + quote(query))
    page.wait_for_function("m => document.querySelector('#search-app .status').textContent.includes(m)", arg=message)
    assert errors == []


# one term (alone or with facet filters): counts from its entry; none found: no counts
COUNTED_AT_ONCE = {"cybersecurity", "cybersecurty", "digital economy cooperation", "internet (year:2015 OR year:2016) topic:cybersecurity"}


@pytest.mark.browser
def test_bytes_for_query_is_what_the_browser_fetches(browser, site_url, site_dir):
    for query in ["cybersecurity", "digital economy cooperation", "digital economy", '"digital economy"', "develop*", "Kaspersky",
                  'speaker:"Xi Jinping" internet', "cybersecurty", "internet (year:2015 OR year:2016) topic:cybersecurity"]:
        context = browser.new_context()  # a cold cache, as a first visit
        page = context.new_page()
        fetched: dict[str, int] = {}
        page.on("response", lambda r: fetched.__setitem__(r.url, len(r.body()))
                if r.url.endswith(".js") and r.status == 200 else None)
        open_search(page, site_url + "search/index.html?q=" + quote(query))
        page.wait_for_function("() => /passage/.test(document.querySelector('#search-app .status').textContent)")
        page.wait_for_function("() => document.querySelector('#search-app .facet-list').children.length"
                               " || /No passage/.test(document.querySelector('#search-app .status').textContent)")
        page.wait_for_timeout(300)  # facet counts may load after the results
        assert sorted(u[len(site_url):] for u in fetched) == files_for_query(site_dir, query), query
        assert sum(fetched.values()) == bytes_for_query(site_dir, query)
        compound = page.locator("#search-app .facet-list .count")
        if query not in COUNTED_AT_ONCE:
            assert compound.count() == 1, query
            compound.click()  # the counts of a compound query load when the reader asks
            page.wait_for_function("() => !document.querySelector('#search-app .facet-list .count')")
            page.wait_for_timeout(300)
            assert sorted(u[len(site_url):] for u in fetched) == files_for_query(site_dir, query, counted=True), query
            assert any("/g/" in u for u in fetched), query
        else:
            assert compound.count() == 0, query
        context.close()


@pytest.mark.browser
def test_untrusted_passages_show_as_text(page, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "evil.txt").write_text(
        "Hostile markup in a conference report\n\n2018-11-08\n\n"
        "Speakers said <script>alert('xss')</script> the internet needs rules.\n\n"
        'A quoted "><img src=x onerror=alert(1)> payload about the internet too.\n',
        encoding="utf-8")
    config = load_config(corpus, tmp_path / "site", tmp_path / "index", jobs=1, quiet=True)
    build(config)
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    errors = watch(page)
    open_search(page, (tmp_path / "site" / "search" / "index.html").as_uri() + "?q=internet")
    page.wait_for_selector("#search-app .results li")
    text = page.inner_text("#search-app .results")
    assert "<script>alert('xss')</script>" in text
    assert "onerror=alert(1)>" in text
    assert page.locator("#search-app .results img, #search-app .results script").count() == 0
    page.wait_for_timeout(300)
    assert dialogs == [] and errors == []


def test_script_tags_only_no_fetch(site_dir):
    """file:// refuses fetch(): the page must load its index with <script> tags only."""
    script = (Path(__file__).resolve().parent.parent / "static" / "search.js").read_text("utf-8")
    assert "fetch(" not in script and "XMLHttpRequest" not in script and "innerHTML" not in script
