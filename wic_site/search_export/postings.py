"""Postings read from the Whoosh index, scored as a search scores them.

The only module that touches Whoosh's private API (a leaf matcher's decoded blocks, a
scorer's `_score`), for speed; each use has a public fallback, taken when the private name is
missing (whoosh-reloaded is pinned to 2.7.* in pyproject.toml)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from operator import itemgetter
from pathlib import Path

from whoosh import scoring
from whoosh.filedb.filestore import FileStorage
from whoosh.reading import TermNotFound

from ..search_index import QUERY_FIELDS, open_index

try:
    from whoosh.codec.whoosh3 import W3LeafMatcher
except ImportError:  # another codec: every matcher goes posting by posting
    W3LeafMatcher = None

_BLOCK_API = ("_read_ids", "_read_weights", "_next_block", "_ids", "_weights")


def open_unmapped(index_dir: Path):
    """The index read with plain file reads: memory-mapped, every page the export touches
    would count in its resident memory (+250 MB at 10,000 articles), for ~5% less time."""
    open_index(index_dir)  # its one-line error when there is no index
    return FileStorage(str(index_dir), supports_mmap=False).open_index()


def renumbering(searcher) -> list[int]:
    """Whoosh docnum -> the stored `num` (writer processes pick up passages in any order)."""
    renumber = [0] * searcher.doc_count_all()
    for leaf, offset in searcher.leaf_searchers():
        for docnum, fields in leaf.reader().iter_docs():
            renumber[offset + docnum] = fields["num"]
    return renumber


def impact_postings(searcher, renumber: list[int]) -> Iterator[tuple[str, list[tuple[int, float]]]]:
    """("field:term", [(num, weight)] in impact order) for every term, in key order.

    Weights are what a search gets: the BM25F score of (weight, field length) from the term's
    scorer (a top-level searcher's scorer computes the same as a leaf's: idf and average length
    are global) or, for fields without lengths, the posting's weight. Whoosh docnums are renumbered
    to the stored `num`. Postings are read a block at a time (see _blocks), and each distinct
    (weight, length) is scored once per term."""
    reader = searcher.reader()
    leaves = [(leaf.reader(), renumber[offset:offset + leaf.doc_count_all()]) for leaf, offset in searcher.leaf_searchers()]
    scorable = [f for f in QUERY_FIELDS if searcher.schema[f].scorable]
    lengths = {(i, f): [leaf.doc_field_length(d, f, 1) for d in range(leaf.doc_count_all())]
               for i, (leaf, _) in enumerate(searcher.leaf_searchers()) for f in scorable}
    keys = sorted((f"{field}:{text}", field, text) for field in QUERY_FIELDS for text in reader.field_terms(field))
    for key, field, text in keys:
        # BM25F gives fields without lengths a WeightScorer (score = weight): not worth making.
        scorer = searcher.weighting.scorer(searcher, field, text) if field in scorable else None
        bm25f = isinstance(scorer, scoring.BM25FScorer)
        posts: list[tuple[int, float]] = []
        scores = _Scores(scorer)
        for i, (leaf, nums) in enumerate(leaves):
            try:
                matcher = leaf.postings(field, text)
            except TermNotFound:
                continue
            dfl = lengths[(i, field)] if bm25f else None
            for ids, weights in _blocks(matcher):
                if dfl is not None:
                    weights = map(scores.__getitem__, zip(weights, map(dfl.__getitem__, ids)))
                posts += zip(map(nums.__getitem__, ids), weights)
        # Impact order: weight descending, then num (a reverse sort keeps ties in num order).
        posts.sort()
        posts.sort(key=itemgetter(1), reverse=True)
        yield key, posts


class _Scores(dict):
    """(weight, field length) -> the scorer's score, each pair computed once: a term's
    postings share a few pairs, and a lookup by map() runs in C."""

    def __init__(self, scorer) -> None:
        super().__init__()
        self.scorer = scorer

    def __missing__(self, pair: tuple[float, int]) -> float:
        score = self[pair] = _bm25f(self.scorer, *pair)
        return score


def _bm25f(scorer, weight: float, length: int) -> float:
    """What BM25FScorer.score() gives a posting of this weight in a field of this length."""
    try:
        return scorer._score(weight, length)
    except (AttributeError, NotImplementedError):
        return scoring.bm25(scorer.idf, weight, length, scorer.avgfl, scorer.B, scorer.K1)


def _blocks(matcher) -> Iterator[tuple[Sequence[int], Sequence[float]]]:
    """(docnums, weights) of a fresh leaf matcher. A W3LeafMatcher hands over each block's
    decoded arrays (the ones its id() and weight() index): per-posting calls cost 5x more.
    Inlined postings (ListMatcher), filtered ones and any other matcher go posting by posting
    through the public id(), weight() and next()."""
    if W3LeafMatcher is not None and type(matcher) is W3LeafMatcher and all(hasattr(matcher, n) for n in _BLOCK_API):
        while matcher.is_active():
            matcher._read_ids()
            matcher._read_weights()
            yield matcher._ids, matcher._weights
            matcher._next_block()
        return
    yield from public_blocks(matcher)


def public_blocks(matcher) -> Iterator[tuple[list[int], list[float]]]:
    ids, weights = [], []
    while matcher.is_active():
        ids.append(matcher.id())
        weights.append(matcher.weight())
        matcher.next()
    yield ids, weights
