"""Equal scores rank by passage number in `wic-site search` and in the browser, whatever the
Whoosh segments (issue 12: ties break by score, then a stable passage key)."""

from __future__ import annotations

import pytest

from test_search_index import _index_in_two_segments, article, build_search_site, small_records
from test_search_parity import browser_results, open_search, whoosh_results
from wic_site.models import Records
from wic_site.search_index import answer_query, iter_passages

WIRE = "Delegates agreed that internet cooperation and digital trade need common rules."


def tied_records() -> Records:
    """Wire copy: the same paragraph in many articles, so many passages score exactly alike."""
    base = small_records()
    copies = tuple(article(f"wire-{i:02d}", f"Wire report {i}", 2018 + i % 3,
                           [WIRE, f"Local note {i} on the internet economy.", WIRE]) for i in range(14))
    articles = sorted(base.articles + copies, key=lambda a: (a.year or 9999, a.date or "", a.id))  # as records.assemble orders them
    return Records(articles=tuple(articles), speakers=base.speakers, claims=base.claims,
                   topics=base.topics, years=base.years)


@pytest.fixture(scope="module")
def two_segment_site(tmp_path_factory):
    return build_search_site(tied_records(), tmp_path_factory.mktemp("ties"), index_with=_index_in_two_segments)


QUERIES = ["cooperation", "internet", "digital trade", "internet OR economy", "rules -local", "year:2019 internet"]


def test_cli_ranks_ties_by_passage_number_across_segments(two_segment_site):
    index_dir = two_segment_site[1]
    number = {(p.article, p.paragraph): n for n, p in enumerate(iter_passages(tied_records()))}
    for query in QUERIES:
        hits = answer_query(index_dir, query, 1000).hits
        keys = [(-h.score, number[(h.article, h.paragraph)]) for h in hits]
        assert len(hits) > 10 and keys == sorted(keys), query
        assert len({h.score for h in hits}) < len(hits), query  # there are ties to break


def test_exported_weights_are_whooshs_scores_across_segments(two_segment_site):
    """The export is made from the records, not from the index: whatever Whoosh's segments,
    every term weighs each passage exactly as Whoosh scores it."""
    from whoosh import index, scoring
    from whoosh.query import Term

    from benchmarks.query_cost import passage_numbers
    from test_search_index import exported_weights

    site, index_dir = two_segment_site
    with index.open_dir(str(index_dir)).searcher(weighting=scoring.BM25F()) as s:
        assert len(s.reader().leaf_readers()) == 2
        num = passage_numbers(s)
        for field in ("text", "title", "name", "year"):
            for term in s.reader().field_terms(field):
                whoosh = {num[h.docnum]: h.score for h in s.search(Term(field, term), limit=None)}
                assert exported_weights(site, f"{field}:{term}") == whoosh, (field, term)


@pytest.mark.browser
def test_browser_top_ten_equals_cli_across_segments(page, two_segment_site):
    site, index_dir = two_segment_site
    open_search(page, (site / "search" / "index.html").as_uri())
    for query in QUERIES:
        assert browser_results(page, query, 10) == whoosh_results(index_dir, query, 10), query
