"""A rebuild after articles changed gives exactly what a fresh build of the changed corpus
gives: every file of the site, and in Chromium the same top 10 as `wic-site search` on the
updated index (issue 12: parity after an incremental rebuild, not only after a fresh one)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from benchmarks import synth
from test_pipeline import seed_config, tree_bytes
from test_search_parity import WORD_QUERIES, browser_results, field_queries, open_search, whoosh_results
from wic_site.cache import cache_dir_for
from wic_site.pipeline import build

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
EDITS = ("a sentence added to a paragraph", "a paragraph added", "an article added and one removed")


def edit(corpus: Path, how: str) -> None:
    articles = sorted(corpus.glob("synth_*.txt"))
    if how == EDITS[2]:
        shutil.copy(articles[3], corpus / "synth_added.txt")
        (corpus / "synth_added.txt").write_text(articles[3].read_text("utf-8").replace("internet", "network", 3))
        articles[5].unlink()
        return
    text = articles[7].read_text("utf-8")
    paragraphs = text.split("\n\n")
    at = len(paragraphs) // 2
    if how == EDITS[0]:
        paragraphs[at] += " Delegates also discussed quantum networks and satellite internet for remote regions."
    else:
        paragraphs.insert(at, "Quantum networks and satellite internet for remote regions were discussed at length.")
    articles[7].write_text("\n\n".join(paragraphs), "utf-8")


@pytest.fixture(scope="module", params=EDITS)
def rebuilt(request, tmp_path_factory):
    """(config of a site built, edited and rebuilt in place; config of a fresh build of the
    edited corpus)."""
    tmp = tmp_path_factory.mktemp("incremental")
    corpus = tmp / "corpus"
    shutil.copytree(SEEDS, corpus)
    synth.write_corpus(corpus, 24, SEEDS)
    config = seed_config(tmp, "kept", corpus=corpus, jobs=2)
    build(config)
    edit(corpus, request.param)
    report = build(config)
    fresh = seed_config(tmp, "fresh", corpus=corpus, jobs=2)
    build(fresh)
    return config, fresh, report.records


def test_a_rebuilt_site_is_the_fresh_build_byte_for_byte(rebuilt):
    config, fresh, _ = rebuilt
    assert tree_bytes(config.out_dir) == tree_bytes(fresh.out_dir)


def test_the_updated_index_answers_as_a_fresh_one(rebuilt):
    config, fresh, records = rebuilt
    for query in WORD_QUERIES + field_queries(records) + ["quantum networks", '"satellite internet"']:
        assert whoosh_results(config.index_dir, query, 20) == whoosh_results(fresh.index_dir, query, 20), query


@pytest.mark.browser
def test_browser_top_ten_after_a_rebuild_is_whooshs(page, rebuilt):
    config, _, records = rebuilt
    open_search(page, (config.out_dir / "search" / "index.html").as_uri())
    found = 0
    for query in WORD_QUERIES + field_queries(records) + ["quantum networks", "satellite internet regions"]:
        expected = whoosh_results(config.index_dir, query, 10)
        assert browser_results(page, query, 10) == expected, query
        found += bool(expected)
    assert found >= len(WORD_QUERIES)


def test_successive_rebuilds_staged_in_the_replaced_site_are_fresh_builds_byte_for_byte(tmp_path):
    """From the second rebuild on, a build stages in the site the one before it replaced
    (writer.staged_site's spare): after each kind of edit in turn, with render workers and
    side processes, the site is a fresh build's, byte for byte."""
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    synth.write_corpus(corpus, 24, SEEDS)
    config = seed_config(tmp_path, "kept", corpus=corpus, jobs=2, parallel_from=2)
    build(config)
    spares = cache_dir_for(config.index_dir) / "spare"
    for n, how in enumerate(EDITS):
        edit(corpus, how)
        build(config)
        assert spares.is_dir() and any(spares.iterdir()), how
        fresh = seed_config(tmp_path, f"fresh-{n}", corpus=corpus, jobs=1)
        build(fresh)
        assert tree_bytes(config.out_dir) == tree_bytes(fresh.out_dir), how
