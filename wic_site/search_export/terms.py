"""The terms half of the browser's index: terms with their postings (t/, u/), the lexicon for
prefixes (x/), facet labels (l/), the vocabulary for "did you mean" (v/) and the manifest
(index.js), made from what from_records counted."""

from __future__ import annotations

import hashlib

from whoosh.analysis import STOP_WORDS

from ..models import Records
from ..search_index import PLAIN_FIELDS, QUERY_FIELDS
from ..search_suggest import shard_key
from . import fileformat as fmt
from .fileformat import COMPACT, POSITIONAL, Emit, b36, chunk, emit_hashed, lexicon, script, shard_count
from .from_records import FromRecords, facet_counts
from .postings import B, K1, SCORABLE, idf, split_head


def export_terms(records: Records, made: FromRecords, hints: dict, emit: Emit) -> None:
    """u/, t/, x/, l/, v/ and the manifest."""
    names = {s.id: s.name for s in records.speakers}
    counts: dict[str, int] = {}
    entries, size = _term_entries(made, names, emit, counts)
    nt = shard_count(size)
    nl = _emit_sized("l", {key: COMPACT.encode(ids) for key, ids in hints["labels"].items()}, emit)
    nv = _emit_sized("v", _vocabulary_shards(made.vocabulary, counts), emit)
    chunks = lexicon(list(entries))  # already in key order
    emit_hashed("t", entries, nt, emit)
    del entries
    for i, part in enumerate(chunks):
        emit(f"x/{i}", script(f"x/{i}", part))
    emit("index", script("index", {
        "n": made.passages, "nt": nt, "nf": made.nf, "np": made.np, "head": fmt.HEAD,
        "d": made.per_display, "g": fmt.FACET_SHARD, "lex": [part[0] for part in chunks],
        "stop": sorted(STOP_WORDS), "minsize": 2, "fields": list(QUERY_FIELDS), "positional": list(POSITIONAL),
        "years": made.years, "topics": [[t.id, t.name] for t in sorted(records.topics, key=lambda t: t.id)],
        "plain": list(PLAIN_FIELDS), "nl": nl, "nv": nv, "syn": hints["synonyms"],
        "avgfl": made.counted.average_lengths(), "B": B, "K1": K1, "scorable": list(SCORABLE),
    }))


def _emit_sized(prefix: str, encoded: dict[str, str], emit: Emit) -> int:
    """Hashed shards of `encoded` (values as compact JSON); returns their count."""
    count = shard_count(sum(len(k) + len(v) + 4 for k, v in encoded.items()))
    emit_hashed(prefix, encoded, count, emit, every=True)
    return count


def _vocabulary_shards(vocabulary: dict[str, str], counts: dict[str, int]) -> dict[str, str]:
    """{"<first letter><length>": compact JSON of {word: passage count of its term}}."""
    shards: dict[str, dict[str, int]] = {}
    for form, term in vocabulary.items():
        n = sum(counts.get(f"{field}:{term}", 0) for field in PLAIN_FIELDS)
        if n:
            shards.setdefault(shard_key(form), {})[form] = n
    return {key: COMPACT.encode(forms) for key, forms in shards.items()}


def tail_name(key: str) -> str:
    """The u/ files of a term are named by a hash of the term, not by its place among the
    terms: a term added or removed elsewhere renames no other term's files."""
    return b36(int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest(), "big"))


def _term_entries(made: FromRecords, names, emit: Emit, counts: dict[str, int]) -> tuple[dict[str, str], int]:
    """({"field:term": compact JSON of [doc freq, head chunk, corpus forms, facet counts, tail,
    idf]}, their size as the shard count is reckoned). Tail files are emitted as their term
    is read; the doc freq of each plain field's term goes into `counts`."""
    entries, size = {}, 0
    counted, passages = made.counted, made.passages
    for key in sorted(counted.postings):
        field, text = key.split(":", 1)
        posts = counted.posts(key)
        if field in PLAIN_FIELDS:
            counts[key] = len(posts)
        head, tail = split_head(posts, fmt.HEAD)
        entry = [len(posts), chunk(head), made.surface.get(text, []) if field in POSITIONAL else [],
                 facet_counts([p[0] for p in posts], made.columns, names), None, idf(passages, len(posts))]
        if tail:
            name, parts = tail_name(key), range(0, len(tail), fmt.TAIL)
            entry[4] = [name, len(parts)]
            for j, at in enumerate(parts):
                emit(f"u/{name}-{j}", script(f"u/{name}-{j}", chunk(tail[at:at + fmt.TAIL])))
        entries[key] = encoded = COMPACT.encode(entry)
        size += len(key) + len(encoded)
    return entries, size
