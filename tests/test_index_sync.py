"""sync_index updates the Whoosh index in place and leaves it answering exactly as a fresh
build_index of the same records: same scores, same order, no deleted document left."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from whoosh import index, scoring

from benchmarks import synth
from benchmarks.index_sync import corpus_records
from wic_site import index_sync
from wic_site.index_sync import sync_index
from wic_site.search_index import build_index, hit_score, iter_passages, open_index, parse_query, ranked

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SYNTHETIC = 10
NOTE = """---
title: A quixotic harbour for data
year: 2017
---

Engineers from several countries met in Wuzhen to discuss a quixotic harbour for data centres.

The harbour would hold cloud computing servers cooled by canal water, the engineers said.

Cybersecurity and network security were the first questions from the audience.
"""


def change_paragraph(folder: Path) -> None:
    _edit_paragraphs(folder / "synth_00003.txt",
                     lambda ps: ps[:4] + [ps[4] + " The quixotic harbour was mentioned."] + ps[5:])


def add_paragraph(folder: Path) -> None:
    _edit_paragraphs(folder / "synth_00005.txt",
                     lambda ps: ps[:4] + ["Cloud computing delegates toured the quixotic harbour."] + ps[4:])


def add_article(folder: Path) -> None:
    synth.write_corpus(folder, SYNTHETIC + 1, SEEDS)  # writes one more; the others keep their bytes


def remove_article(folder: Path) -> None:
    (folder / "synth_00002.txt").unlink()


def change_year(folder: Path) -> None:
    path = folder / "note.md"
    path.write_text(path.read_text(encoding="utf-8").replace("year: 2017", "year: 2021"), encoding="utf-8")


def _edit_paragraphs(path: Path, edit) -> None:
    paragraphs = path.read_text(encoding="utf-8").split("\n\n")
    path.write_text("\n\n".join(edit(paragraphs)), encoding="utf-8")


CHANGES = [change_paragraph, add_paragraph, add_article, remove_article, change_year]


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("sync") / "corpus"
    shutil.copytree(SEEDS, folder)
    synth.write_corpus(folder, SYNTHETIC, SEEDS)
    (folder / "note.md").write_text(NOTE, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def cache(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("cache")  # extraction results shared by the tests: only edits are extracted


@pytest.fixture
def small_segments(monkeypatch):
    monkeypatch.setattr(index_sync, "SEGMENT_PASSAGES", 40)  # several segments at this corpus size


def queries(records) -> list[str]:
    some = records.speakers[0].id
    return ["internet", "internet cooperation", "digital economy governance", '"cloud computing"',
            '"network security"', "year:2017", f"year:{records.articles[0].year} internet", "topic:cybersecurity",
            f"speaker:{some}", "internet NOT cooperation", "security -cybersecurity", "quixotic OR harbour",
            "(data OR cloud) AND year:2021", "title:wuzhen"]


def results(index_dir: Path, query: str) -> list[tuple[str, int, float]]:
    ix = open_index(index_dir)
    with ix.searcher(weighting=scoring.BM25F()) as searcher:
        return [(h["article"], h["paragraph"], hit_score(h)) for h in ranked(searcher, parse_query(ix, query), None)]


def counts(index_dir: Path) -> tuple[int, int, dict[str, int]]:
    with index.open_dir(str(index_dir)).reader() as reader:
        return reader.doc_count(), reader.doc_count_all(), {f: reader.field_length(f) for f in ("text", "title", "name")}


def segment_files(index_dir: Path) -> dict[str, tuple[int, int]]:
    return {p.name: (p.stat().st_ino, p.stat().st_mtime_ns) for p in index_dir.glob("*.seg")}


@pytest.mark.parametrize("change", CHANGES, ids=lambda c: c.__name__)
def test_a_synced_index_answers_as_a_fresh_one(base, cache, tmp_path, small_segments, change):
    folder = shutil.copytree(base, tmp_path / "corpus")
    assert sync_index(corpus_records(folder, cache), tmp_path / "ix") == "fresh"
    before = segment_files(tmp_path / "ix")
    assert len(before) > 3
    change(folder)
    records = corpus_records(folder, cache)
    assert sync_index(records, tmp_path / "ix") == "updated 1 articles"
    build_index(records, tmp_path / "fresh")
    tied = 0
    for query in queries(records):
        synced = results(tmp_path / "ix", query)
        assert synced, query
        assert synced == results(tmp_path / "fresh", query), query
        tied += len({score for _, _, score in synced}) < len(synced)
    assert tied > 3  # exact ties, broken by passage order
    assert counts(tmp_path / "ix") == counts(tmp_path / "fresh")
    for name in ("hints.json", index_sync.DIGESTS_FILE):  # labels and synonyms, and the digests
        assert (tmp_path / "ix" / name).read_bytes() == (tmp_path / "fresh" / name).read_bytes(), name
    done, kept = segment_files(tmp_path / "ix"), before.keys() & segment_files(tmp_path / "ix").keys()
    assert {name: before[name] for name in kept} == {name: done[name] for name in kept}  # untouched: the same files
    assert len(before) - len(kept) <= 2  # its run, and at most one next to it (a moved cut or a moved article)


def test_the_tie_key_sorts_as_records_order(base, cache):
    """article_order sorts as records.articles do (year or 9999, date or "", id), for
    undated and yearless articles too, and ids that begin with another id."""
    from dataclasses import replace

    records = corpus_records(base, cache)
    first = records.articles[0]
    odd = [replace(first, id=first.id + suffix, year=year, date=date) for suffix, year, date in
           [("", None, None), ("-2", None, "2019-01-02"), ("x", 2016, None), ("-1", 2016, None), ("y", 2016, "2016-11-16")]]
    articles = sorted(records.articles[1:] + tuple(odd), key=lambda a: (a.year or 9999, a.date or "", a.id))
    passages = list(iter_passages(replace(records, articles=tuple(articles))))
    assert len({p.article for p in passages}) == len(articles)
    assert sorted(passages, key=lambda p: (p.article_order, p.paragraph)) == passages


def test_no_change_rewrites_nothing_and_a_lost_digest_means_fresh(base, cache, tmp_path, small_segments):
    records = corpus_records(base, cache)
    assert sync_index(records, tmp_path / "ix") == "fresh"
    before = segment_files(tmp_path / "ix")
    assert sync_index(records, tmp_path / "ix") == "updated 0 articles"
    assert segment_files(tmp_path / "ix") == before
    (tmp_path / "ix" / index_sync.DIGESTS_FILE).write_text("{not json", encoding="utf-8")
    assert sync_index(records, tmp_path / "ix") == "fresh"
    (tmp_path / "ix" / index_sync.DIGESTS_FILE).unlink()
    assert sync_index(records, tmp_path / "ix") == "fresh"


def test_an_index_of_another_schema_is_built_afresh(base, cache, tmp_path):
    from whoosh import fields

    records = corpus_records(base, cache)
    assert sync_index(records, tmp_path / "ix") == "fresh"
    digests = (tmp_path / "ix" / index_sync.DIGESTS_FILE).read_bytes()
    shutil.rmtree(tmp_path / "ix")
    (tmp_path / "ix").mkdir()
    index.create_in(str(tmp_path / "ix"), fields.Schema(text=fields.TEXT(stored=True), num=fields.STORED))
    (tmp_path / "ix" / index_sync.DIGESTS_FILE).write_bytes(digests)
    assert sync_index(records, tmp_path / "ix") == "fresh"
    assert results(tmp_path / "ix", "internet")


def test_many_changes_mean_a_fresh_build(base, cache, tmp_path):
    folder = shutil.copytree(base, tmp_path / "corpus")
    assert sync_index(corpus_records(folder, cache), tmp_path / "ix") == "fresh"
    for path in sorted(folder.glob("synth_*.txt"))[:5]:
        path.unlink()
    assert sync_index(corpus_records(folder, cache), tmp_path / "ix") == "fresh"


def test_writer_processes_give_the_same_segments_and_scores(base, cache, tmp_path, small_segments, monkeypatch):
    """Segments are runs of articles whatever the number of writer processes, so scores match bit for bit."""
    monkeypatch.setattr(index_sync, "LARGE_INDEX", 0)
    records = corpus_records(base, cache)
    build_index(records, tmp_path / "one", jobs=1)
    build_index(records, tmp_path / "two", jobs=2)
    assert segment_articles(tmp_path / "one") == segment_articles(tmp_path / "two")
    assert len(segment_articles(tmp_path / "one")) > 3
    for query in queries(records):
        assert results(tmp_path / "one", query) == results(tmp_path / "two", query), query


def segment_articles(index_dir: Path) -> list[list[str]]:
    with index.open_dir(str(index_dir)).reader() as reader:
        return [sorted(leaf.field_terms("article")) for leaf, _ in reader.leaf_readers()]


def test_a_sync_cut_short_leaves_an_index_the_next_sync_builds_afresh(base, cache, tmp_path, monkeypatch):
    folder = shutil.copytree(base, tmp_path / "corpus")
    assert sync_index(corpus_records(folder, cache), tmp_path / "ix") == "fresh"
    change_paragraph(folder)
    records = corpus_records(folder, cache)

    def fail(folder, docs):
        raise OSError("disk full")

    with monkeypatch.context() as m:
        m.setattr(index_sync, "_write_segment", fail)
        with pytest.raises(OSError):
            sync_index(records, tmp_path / "ix")
    assert sync_index(records, tmp_path / "ix") == "fresh"
    build_index(records, tmp_path / "fresh")
    assert results(tmp_path / "ix", "quixotic harbour") == results(tmp_path / "fresh", "quixotic harbour") != []
