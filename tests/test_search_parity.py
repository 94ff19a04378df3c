"""The search page answers as Whoosh does: same top-10 passages in the same order for word,
boolean and field queries; the same result sets for phrases and prefixes (Chromium)."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from test_search_index import build_search_site, small_records
from wic_site.search_index import search_passages

WORD_QUERIES = [
    "internet", "digital economy", "china cooperation", "internet OR cyberspace",
    "internet -china", "internet NOT (china OR world)", "NOT internet", "(digital OR cyber) development",
    "countries", "developing", "economies", "cooperating", "the internet of things", "title:internet",
]
SET_QUERIES = ['"digital economy"', '"world internet conference"', "develop*", "cyber*", "internet*", 'title:"internet"']


def browser_results(page, query: str, limit: int) -> list[tuple[str, int]]:
    shown = page.evaluate(
        "([q, n]) => WicSearch.search(q, n).then(r => (r.shown || []).map(p => [p.article, p.paragraph]))",
        [query, limit])
    return [tuple(x) for x in shown]


def whoosh_results(index_dir, query: str, limit: int | None) -> list[tuple[str, int]]:
    return [(h.article, h.paragraph) for h in search_passages(index_dir, query, limit)]


def open_search(page, url: str):
    page.goto(url)
    page.wait_for_function("() => !document.querySelector('#search-app .status').textContent.includes('Loading')")
    return page


def field_queries(records) -> list[str]:
    """Field filters built from the records (no seed values written into the test)."""
    claims = [c for c in records.claims if c.speaker]
    years = sorted({a.year for a in records.articles if a.year})
    topics = sorted({t for a in records.articles for ts in a.paragraph_topics for t in ts})
    return [f"year:{years[0]} internet", f"speaker:{claims[0].speaker}", f"topic:{topics[0]} china",
            f"kind:{claims[0].kind}", f"internet year:{years[-1]} OR year:{years[0]}",
            f"article:{records.articles[0].id} world"]


@pytest.mark.browser
def test_seed_parity(page, site_url, site_dir, seed_records):
    index_dir = site_dir.parent / "index"
    open_search(page, site_url + "search/index.html")
    checked = 0
    for query in WORD_QUERIES + field_queries(seed_records):
        expected = whoosh_results(index_dir, query, 10)
        assert browser_results(page, query, 10) == expected, query
        checked += bool(expected)
    for query in SET_QUERIES:
        expected = set(whoosh_results(index_dir, query, None))
        assert set(browser_results(page, query, 10_000)) == expected, query
        checked += bool(expected)
    assert checked >= len(WORD_QUERIES + SET_QUERIES)  # the queries really find passages


@pytest.mark.browser
def test_small_corpus_parity_including_ties_and_not(page, tmp_path):
    site, index_dir = build_search_site(small_records(), tmp_path)
    open_search(page, (site / "search" / "index.html").as_uri())
    for query in ["economy", "economy -security", "economy OR -security", "internet OR security",
                  "regulations", "(internet OR data) regulation", "year:2019 internet", "title:economy",
                  "topic:economy", "NOT security", "speaker:ada-lin OR speaker:bo-chen",
                  "lin", '"bo chen"', "chen economy", 'speaker:"Ada Lin"', "topic:Cybersecurity security",
                  'topic:"digital economy"', "name:lin", "-lin economy"]:
        assert browser_results(page, query, 10) == whoosh_results(index_dir, query, 10), query
    for query in ['"digital economy"', "regul*", "econom*", 'title:"internet governance"']:
        assert set(browser_results(page, query, 100)) == set(whoosh_results(index_dir, query, None)), query


@pytest.mark.browser
def test_an_and_fetches_only_the_tail_files_it_needs_and_ranks_as_whoosh(page, tmp_path, seed_records, monkeypatch):
    """Long lists cut into many tail files: an AND fetches all of its smallest part's files and,
    of its other parts, only the files covering passages that part found. Results stay
    Whoosh's, from a cold page and from one that loaded other queries' files before; the files
    are those query_cost names."""
    from benchmarks.query_cost import files_for_query
    from wic_site.search_export import fileformat, fnv1a

    monkeypatch.setattr(fileformat, "HEAD", 2)
    monkeypatch.setattr(fileformat, "TAIL", 6)
    site, index_dir = build_search_site(seed_records, tmp_path)
    url = (site / "search" / "index.html").as_uri()
    queries = field_queries(seed_records) + [
        "digital economy", "china cooperation", "internet -china", "internet NOT (china OR world)",
        '"digital economy" china', "(digital OR cyber) development", "develop* internet", "internet OR cyberspace"]
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url.split("/search/", 1)[1]) if "/search/u/" in r.url else None)
    for query in queries:  # the page as a reader opens it: the query, and beside it its facet base
        fetched.clear()
        open_search(page, url + "?q=" + quote(query))
        page.wait_for_function("q => document.querySelector('#search-app').dataset.shown === q", arg=query)
        expected = [name[len("search/"):] for name in files_for_query(site, query, index_dir=index_dir) if "/u/" in name]
        assert sorted(fetched) == expected, query
        shown = page.eval_on_selector_all("#search-app .results li", "ls => ls.map(l => l.dataset.doc)")
        assert shown == [f"{a}#{p}" for a, p in whoosh_results(index_dir, query, 10)], query
    for query in queries:  # one page: files of earlier queries are loaded too
        assert browser_results(page, query, 10) == whoosh_results(index_dir, query, 10), query

    meta = fileformat.load(site, "index")
    internet = fileformat.load(site, f"t/{fnv1a('text:internet') % meta['nt']}")["text:internet"]
    year = field_queries(seed_records)[0].split()[0]
    needed = [n for n in files_for_query(site, f"{year} internet", index_dir=index_dir) if "/u/" in n and internet[4][0] in n]
    assert 0 < len(needed) < len(fileformat.decode_nums(internet[4][1]))  # a year's passages need part of the list
