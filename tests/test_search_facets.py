"""The facet counts the search page shows for a compound query, once the reader asks for them,
are exact: those of every passage Whoosh finds for it, counted from the g/ files (several
shards here) (Chromium)."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from test_search_index import build_search_site
from test_search_parity import open_search, whoosh_results
from wic_site.search_export import fileformat
from wic_site.search_index import iter_passages

QUERIES = ["digital economy", "internet china", "internet OR cyberspace", "internet -china"]


def expected_counts(records, index_dir, query: str) -> dict[str, int]:
    passages = {(p.article, p.paragraph): p for p in iter_passages(records)}
    found = [passages[key] for key in whoosh_results(index_dir, query, None)]
    topics = {t.id for t in records.topics}
    years = Counter(f"year:{p.year}" for p in found if p.year)
    in_topics = Counter(f"topic:{t}" for p in found for t in p.topics if t in topics)
    speakers = Counter(s for p in found for s in p.speakers)
    top = sorted(speakers.items(), key=lambda kv: (-kv[1], kv[0]))[:12]
    return {**years, **in_topics, **{f"speaker:{s}": n for s, n in top}}


def shown_counts(page) -> dict[str, int]:
    buttons = page.eval_on_selector_all("#search-app .facet-list button", "bs => bs.map(b => [b.dataset.filter, b.textContent])")
    return {key: int(re.search(r"\((\d+)\)$", text).group(1)) for key, text in buttons}


@pytest.mark.browser
def test_compound_query_facets_count_every_result(page, tmp_path, seed_records, monkeypatch):
    monkeypatch.setattr(fileformat, "FACET_SHARD", 16)  # many g/ shards, runs cut at their edges
    site, index_dir = build_search_site(seed_records, tmp_path)
    assert len(list((site / "search" / "g").glob("*.js"))) > 5
    for query in QUERIES:
        open_search(page, (site / "search" / "index.html").as_uri() + "?q=" + query.replace(" ", "+"))
        page.wait_for_function("q => document.querySelector('#search-app').dataset.shown === q", arg=query)
        page.locator("#search-app .facet-list .count").click()
        page.wait_for_selector("#search-app .facet-list button[data-filter]")
        assert page.evaluate("document.activeElement.dataset.filter").startswith("year:")  # focus: the first count
        expected = expected_counts(seed_records, index_dir, query)
        assert len(expected) > 5 and shown_counts(page) == expected, query
    page.fill("#search-app input[name=q]", "digital economy")  # asked once, the page keeps counting
    page.wait_for_function("q => document.querySelector('#search-app').dataset.shown === q", arg="digital economy")
    assert page.locator("#search-app .facet-list .count").count() == 0
    assert shown_counts(page) == expected_counts(seed_records, index_dir, "digital economy")
