"""Names and labels in queries, typos and synonyms: `wic-site search` and the search page in
Chromium answer the same (issue 11, Findable)."""

from __future__ import annotations

from collections import Counter
from urllib.parse import quote

import pytest

from test_search_parity import browser_results, open_search, whoosh_results
from wic_site.search_index import answer_query, print_search


def most_quoted(records):
    """The speaker with claims in the most passages, and those passages."""
    by = Counter(c.speaker for c in records.claims if c.speaker)
    sid = max(by, key=lambda s: (len({(c.article, c.paragraph) for c in records.claims if c.speaker == s}), s))
    speaker = next(s for s in records.speakers if s.id == sid)
    return speaker, {(c.article, c.paragraph) for c in records.claims if c.speaker == sid}


def label_pairs(records) -> list[tuple[str, str]]:
    """(what a reader sees, the id form) for each facet field, from the records."""
    speaker = next(s for s in sorted(records.speakers, key=lambda s: s.id) if " " in s.name)
    topic = next(t for t in sorted(records.topics, key=lambda t: t.id) if t.name != t.id)
    article = records.articles[0]
    year = str(sorted(a.year for a in records.articles if a.year)[0])
    kind = sorted({c.kind for c in records.claims})[0]
    return [(f'speaker:"{speaker.name}"', f"speaker:{speaker.id}"), (f'topic:"{topic.name}"', f"topic:{topic.id}"),
            (f'article:"{article.title}"', f"article:{article.id}"), (f"year:{year}", f"year:{year}"),
            (f"kind:{kind.upper()}", f"kind:{kind}"), (f"SPEAKER:{speaker.id.upper()}", f"speaker:{speaker.id}")]


def test_a_name_finds_what_the_person_said(seed_records, site_dir):
    speaker, said = most_quoted(seed_records)
    surname = speaker.name.split()[-1]
    found = set(whoosh_results(site_dir.parent / "index", surname, None))
    assert said <= found and len(said) > 1


def test_labels_as_shown_give_the_ids_results(seed_records, site_dir):
    index_dir = site_dir.parent / "index"
    for shown, as_id in label_pairs(seed_records):
        if shown.startswith("SPEAKER"):
            continue  # field names stay lower-case, as Whoosh's parser reads them
        expected = whoosh_results(index_dir, as_id, None)
        assert expected and whoosh_results(index_dir, shown, None) == expected, shown


def test_a_filter_naming_nothing_says_so(seed_records, site_dir, capsys):
    missing = max(a.year for a in seed_records.articles if a.year) + 1
    assert print_search(f"year:{missing} internet", index_dir=site_dir.parent / "index") == 0
    out = capsys.readouterr()
    assert f"no year {missing} in this corpus" in out.err and "No passages match" in out.out
    assert answer_query(site_dir.parent / "index", 'speaker:"Nobody Atall"').notes == ('no speaker "Nobody Atall" in this corpus',)


def test_cli_suggests_nearest_words_and_synonyms(site_dir, capsys):
    index_dir = site_dir.parent / "index"
    typo = answer_query(index_dir, "cybersecurty")
    assert typo.hits == () and typo.did_you_mean[0] == "cybersecurity"
    assert "artificial intelligence" in answer_query(index_dir, "AI").also_try
    assert answer_query(index_dir, "cybersecurity").did_you_mean == ()  # only when nothing matched
    print_search("cybersecurty", index_dir=index_dir)
    assert "Did you mean: cybersecurity" in capsys.readouterr().out


@pytest.mark.browser
def test_names_and_labels_in_the_browser_agree_with_whoosh(page, site_url, site_dir, seed_records):
    index_dir = site_dir.parent / "index"
    open_search(page, site_url + "search/index.html")
    speaker, said = most_quoted(seed_records)
    queries = [speaker.name.split()[-1], f'"{speaker.name}"', f"{speaker.name.split()[-1]} internet"]
    queries += [q for pair in label_pairs(seed_records) for q in pair if not q.startswith("SPEAKER")]
    for query in queries:
        expected = whoosh_results(index_dir, query, 10)
        assert expected and browser_results(page, query, 10) == expected, query
    shown, as_id = label_pairs(seed_records)[0]
    assert set(browser_results(page, shown, 1000)) == set(browser_results(page, as_id, 1000))


@pytest.mark.browser
def test_browser_says_a_filter_names_nothing(page, site_url, seed_records):
    missing = max(a.year for a in seed_records.articles if a.year) + 1
    open_search(page, site_url + "search/index.html?q=" + quote(f"year:{missing} internet"))
    page.wait_for_function("m => document.querySelector('#search-app .status').textContent.includes(m)",
                           arg=f"No year {missing} in this corpus")


@pytest.mark.browser
def test_browser_offers_the_same_suggestions_as_the_cli(page, site_url, site_dir):
    index_dir = site_dir.parent / "index"
    for query in ["cybersecurty", "digitl economy", "internat cooperaton"]:
        expected = list(answer_query(index_dir, query).did_you_mean)
        open_search(page, site_url + "search/index.html?q=" + quote(query))
        page.wait_for_selector("#search-app .status a")
        links = page.locator("#search-app .status p", has_text="Did you mean").locator("a")
        assert expected and links.all_inner_texts() == expected, query
    page.locator("#search-app .status a").first.click()  # a suggestion is a link to its query
    page.wait_for_function("q => document.querySelector('#q').value === q", arg=expected[0])
    page.wait_for_selector("#search-app .results li")


@pytest.mark.browser
def test_browser_offers_taxonomy_synonyms(page, site_url, site_dir):
    expected = list(answer_query(site_dir.parent / "index", "AI").also_try)
    open_search(page, site_url + "search/index.html?q=AI")
    page.wait_for_selector("#search-app .status a")
    links = page.locator("#search-app .status p", has_text="Also try").locator("a")
    assert links.all_inner_texts() == expected == ["artificial intelligence"]
    assert 'q=%22artificial%20intelligence%22' in links.first.get_attribute("href")
