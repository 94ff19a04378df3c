"""Postings as Whoosh indexes them, counted from the records, and the statistics BM25F needs.

Per "field:term": the passages holding it (their `num`) and its frequency in each, in num
order; per scorable field: each passage's length. Whoosh scores a posting with BM25F from
its frequency and the passage's field length (stored as one byte, so lengths are rounded as
Whoosh rounds them) and two collection statistics, the term's idf and the field's average
length. The export ships the first two with the postings and the statistics apart (the term
entry's idf, the manifest's average lengths): search.js weighs each posting as BM25F does,
and a passage's postings do not change when another passage does. A test holds every count
and statistic to the Whoosh index's own.
"""

from __future__ import annotations

import math
from array import array
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable

from whoosh.codec.whoosh3 import byte_to_length, length_to_byte

from ..search_index import QUERY_FIELDS, Passage, make_schema, passage_document

TF_LIMIT = 1 << 20  # a posting is stored as num * TF_LIMIT + frequency
B, K1 = 0.75, 1.2  # whoosh.scoring.BM25F's defaults, which searches use
KEYWORDS = tuple(f for f in QUERY_FIELDS if f not in ("text", "title", "name"))
SCORABLE = tuple(f for f in QUERY_FIELDS if make_schema()[f].scorable)
_STORED_LENGTH = [byte_to_length(length_to_byte(n)) for n in range(1024)]

Posting = tuple[int, int, int]  # (num, frequency, stored field length; 0 in fields without lengths)


class Counted:
    """The postings and field lengths of every passage, added in num order."""

    def __init__(self) -> None:
        self.postings: dict[str, array] = {}
        self.lengths: dict[str, array] = {field: array("l") for field in SCORABLE}

    def add(self, field: str, term: str, num: int, frequency: int) -> None:
        key = f"{field}:{term}"
        posts = self.postings.get(key)
        if posts is None:
            posts = self.postings[key] = array("q")
        posts.append(num * TF_LIMIT + frequency)

    def add_keywords(self, numbered: Iterable[tuple[int, Passage]]) -> None:
        """The postings of the fields without positions (year, speaker, topic, kind, article)
        of the passages numbered so, as the schema's own fields index a passage's document."""
        schema, made = make_schema(), {}
        for num, p in numbered:
            doc = passage_document(p)
            for field in KEYWORDS:
                value = doc.get(field)
                if not value:
                    continue
                if (field, value) not in made:
                    made[field, value] = [(t.decode("utf-8"), int(w)) for t, _, w, _ in schema[field].index(value)]
                for term, weight in made[field, value]:
                    self.add(field, term, num, weight)

    @property
    def passages(self) -> int:
        return len(self.lengths[SCORABLE[0]])

    def posts(self, key: str) -> list[Posting]:
        field = key.split(":", 1)[0]
        lengths = self.lengths.get(field)
        out = []
        for code in self.postings[key]:
            num, frequency = divmod(code, TF_LIMIT)
            out.append((num, frequency, stored_length(lengths[num]) if lengths is not None else 0))
        return out

    def average_lengths(self) -> dict[str, float]:
        """What Whoosh's searcher gives a BM25F scorer: total length / passages, or 1."""
        n = self.passages
        return {field: (sum(self.lengths[field]) / (n or 1)) or 1 for field in SCORABLE}


def stored_length(n: int) -> int:
    return _STORED_LENGTH[n] if n < len(_STORED_LENGTH) else byte_to_length(length_to_byte(n))


def idf(passages: int, doc_frequency: int) -> float:
    """whoosh.scoring.WeightingModel.idf."""
    return math.log(passages / (doc_frequency + 1)) + 1


def split_head(posts: list[Posting], head: int) -> tuple[list[Posting], list[Posting]]:
    """(head, tail) of a term's postings (in num order): the head holds every posting that
    fewer than `head` others outrank, whatever the idf and average length, so a one-term
    query's first `head` results are in it. BM25F grows with the frequency and falls with
    the field length, and equal weights rank by num; so a posting is outranked by every
    posting with a frequency at least its own and a length at most its own, and by the
    earlier ones of its own (frequency, length)."""
    if len(posts) <= head:
        return posts, []
    groups: dict[tuple[int, int], int] = defaultdict(int)
    for _, frequency, length in posts:
        groups[frequency, length] += 1
    above = _outranking(groups)
    seen: dict[tuple[int, int], int] = defaultdict(int)
    kept, rest = [], []
    for post in posts:
        pair = post[1:]
        (kept if above[pair] + seen[pair] < head else rest).append(post)
        seen[pair] += 1
    return kept, rest


def _outranking(groups: dict[tuple[int, int], int]) -> dict[tuple[int, int], int]:
    """(frequency, length) -> how many postings of other groups outrank every posting of it."""
    by_frequency: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for (frequency, length), n in groups.items():
        by_frequency[frequency].append((length, n))
    cumulative = {}
    for frequency, rows in by_frequency.items():
        rows.sort()
        total, lengths, sums = 0, [], []
        for length, n in rows:
            total += n
            lengths.append(length)
            sums.append(total)
        cumulative[frequency] = (lengths, sums)
    out = {}
    for frequency, length in groups:
        count = -groups[frequency, length]
        for other, (lengths, sums) in cumulative.items():
            if other >= frequency:
                i = bisect_right(lengths, length)
                count += sums[i - 1] if i else 0
        out[frequency, length] = count
    return out

