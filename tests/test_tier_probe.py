"""benchmarks/tier_probe.py: its exact top 10, read from the exported postings, is Whoosh's, and
its bounds prove that top 10 after reading tiers of the lists (the figures are the benchmark's)."""

from __future__ import annotations

from pathlib import Path

import pytest
from whoosh import scoring

from benchmarks import synth
from benchmarks.tier_probe import QUERIES, Site, main, probe
from wic_site.config import load_config
from wic_site.pipeline import build
from wic_site.search_index import make_parser, open_index, ranked

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def whoosh_top(index_dir, query: str) -> list[int]:
    ix = open_index(index_dir)
    with ix.searcher(weighting=scoring.BM25F()) as searcher:
        return [hit["num"] for hit in ranked(searcher, make_parser(ix.schema).parse(query), 10)]


@pytest.fixture(scope="module")
def site_dir(tmp_path_factory) -> Path:
    """80 synthetic articles: lists long enough for several tiers, and many equal weights."""
    work = tmp_path_factory.mktemp("tiers")
    synth.write_corpus(work / "corpus", 80, SEEDS)
    build(load_config(work / "corpus", work / "site", work / "index", jobs=1, quiet=True))
    return work / "site"


@pytest.mark.parametrize("members", [False, True])
def test_the_bound_proves_whooshs_top_ten(site_dir, members):
    for query in QUERIES:
        found = probe(Site(site_dir), query, first=8, growth=2, members=members)
        assert found.results >= 10, query  # more than one page of results
        assert found.top == found.exact == whoosh_top(site_dir.parent / "index", query), query
        assert 0 < found.read <= found.every and found.sets > 0, query


def test_a_one_word_query_reads_the_head_of_its_list(site_dir):
    found = probe(Site(site_dir), "internet", first=10, growth=2, members=False)
    assert all(read <= 40 < n for read, n in found.depth.values())  # ties at the 10th weight cost a tier or two
    assert found.read < found.every


def test_prints_a_line_per_bound(site_dir, capsys):
    assert main([str(site_dir), "--query", "digital economy", "--first", "16"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "'digital economy', tiers of 16 x4:"
    assert out[1].lstrip().startswith("no membership") and out[2].lstrip().startswith("membership")
    assert "WRONG" not in "".join(out)
