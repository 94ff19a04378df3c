"""The search page as a reader meets it in Chromium: valid and accessible with results and
facets shown, facets above the results at 375 px, Back and Forward, focus after "More
results", and a way on without JavaScript."""

from __future__ import annotations

import json
import subprocess
from urllib.parse import quote

import pytest

from conftest import nu_checker
from test_site_browser import serious_violations


def open_at(browser, url: str, width: int, **options):
    context = browser.new_context(viewport={"width": width, "height": 900}, **options)
    page = context.new_page()
    page.goto(url)
    return page


def shown(page, query: str | None = None) -> None:
    """Wait until the page shows the results and facets of `query` (default: the input's)."""
    page.wait_for_function("q => document.getElementById('search-app').dataset.shown === (q ?? document.querySelector('#q').value)",
                           arg=query)


def nu_errors(html: str, tmp_path) -> list[str]:
    page = tmp_path / "search.html"
    page.write_text(html, "utf-8")
    result = subprocess.run([*nu_checker(), "--errors-only", "--format", "json", str(page)],
                            capture_output=True, text=True, timeout=300)
    return [f"{m.get('lastLine')}: {m['message']}" for m in json.loads(result.stderr or '{"messages": []}')["messages"]]


@pytest.mark.browser
@pytest.mark.parametrize("width", (1280, 375))
def test_search_page_with_results_is_valid_and_accessible(browser, site_url, artifacts_dir, tmp_path, width):
    # axe is injected as an inline script, which the pages' Content-Security-Policy forbids
    page = open_at(browser, site_url + "search/index.html?q=" + quote("internet year:2015"), width, bypass_csp=True)
    shown(page)
    if width == 375:
        page.click("#search-app .facets summary")
    page.screenshot(path=str(artifacts_dir / f"search-results-{width}.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert nu_errors(page.content(), tmp_path) == []  # the markup the script built, too
    assert serious_violations(page) == []
    page.context.close()


@pytest.mark.browser
def test_facets_are_one_step_away_at_375px(browser, site_url):
    page = open_at(browser, site_url + "search/index.html?q=internet", 375)
    shown(page)
    summary = page.locator("#search-app .facets summary").bounding_box()
    first = page.locator("#search-app .results li").first.bounding_box()
    assert summary["y"] + summary["height"] <= first["y"] and summary["y"] < 900  # above the results, on screen
    assert not page.locator("#search-app .facet-list button").first.is_visible()  # folded: results stay near
    page.locator("#search-app .facets summary").focus()
    page.keyboard.press("Enter")
    page.locator("#search-app .facet-list button[data-filter^='year:']").first.click()
    page.wait_for_selector("#search-app .facet-list button[aria-pressed='true']")
    page.context.close()


@pytest.mark.browser
def test_back_and_forward_restore_earlier_queries(browser, site_url):
    page = open_at(browser, site_url + "search/index.html", 1280)
    results = {}
    for query in ("internet", "cybersecurity", "Kaspersky"):
        page.fill("#q", query)
        page.press("#q", "Enter")
        shown(page, query)
        assert query in page.title()
        results[query] = page.locator("#search-app .results li").evaluate_all("ls => ls.map(l => l.dataset.doc)")
    for query, move in (("cybersecurity", page.go_back), ("internet", page.go_back), ("cybersecurity", page.go_forward)):
        move()
        shown(page, query)
        assert page.input_value("#q") == query and query in page.title()
        assert page.locator("#search-app .results li").evaluate_all("ls => ls.map(l => l.dataset.doc)") == results[query]
    page.context.close()


@pytest.mark.browser
def test_focus_stays_after_more_results(browser, site_url):
    page = open_at(browser, site_url + "search/index.html?q=internet", 1280)
    shown(page)
    page.locator("#search-app .more").focus()
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelectorAll('#search-app .results li').length > 10")
    focused = page.evaluate("() => document.activeElement.className || document.activeElement.closest('li').dataset.doc")
    eleventh = page.locator("#search-app .results li").nth(10).get_attribute("data-doc")
    assert focused in ("more", eleventh)
    page.context.close()


@pytest.mark.browser
def test_without_javascript_the_page_offers_the_browse_pages(browser, site_url, site_dir):
    page = open_at(browser, site_url + "search/index.html", 375, java_script_enabled=False)
    block = page.locator(".no-script")
    assert block.is_visible()
    hrefs = block.locator("a").evaluate_all("as => as.map(a => a.getAttribute('href'))")
    assert {"../speakers/index.html", "../topics/index.html", "../index.html"} <= set(hrefs)
    assert all((site_dir / "search" / h).resolve().is_file() for h in hrefs)
    page.context.close()
    page = open_at(browser, site_url + "search/index.html", 375)
    page.wait_for_function("() => document.querySelector('.no-script').hidden")
    page.context.close()


@pytest.mark.browser
def test_no_empty_facet_bar_without_results(browser, site_url):
    page = open_at(browser, site_url + "search/index.html?q=zzzzqx", 1280)
    shown(page, "zzzzqx")
    assert not page.locator("#search-app .facets").is_visible()
    page.fill("#q", "internet")
    shown(page, "internet")
    assert page.locator("#search-app .facets").is_visible()
    page.context.close()
