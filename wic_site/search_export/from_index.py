"""The half of the browser's index read from the Whoosh index: terms with their postings
(t/, u/), the lexicon for prefixes (x/) and the manifest (index.js)."""

from __future__ import annotations

import json
from pathlib import Path

from whoosh import scoring
from whoosh.analysis import STOP_WORDS

from ..models import Records
from ..search_index import PLAIN_FIELDS, QUERY_FIELDS
from ..search_labels import read_hints
from ..search_suggest import shard_key
from . import fileformat as fmt
from .fileformat import COMPACT, POSITIONAL, Emit, chunk, emit_hashed, lexicon, script, shard_count
from .from_records import FromRecords, facet_counts
from .postings import impact_postings, open_unmapped, renumbering


def export_from_index(index_dir: Path, records: Records, from_records: FromRecords, emit: Emit) -> None:
    """u/, t/, x/ and the manifest, read from the Whoosh index at index_dir."""
    ix = open_unmapped(index_dir)
    names = {s.id: s.name for s in records.speakers}
    with ix.searcher(weighting=scoring.BM25F()) as searcher:
        postings = impact_postings(searcher, renumbering(searcher))
        counts: dict[str, int] = {}
        entries, size = _term_entries(postings, from_records, names, emit, counts)
    nt = shard_count(size)
    hints = read_hints(index_dir)
    nl = _emit_sized("l", {key: COMPACT.encode(ids) for key, ids in hints["labels"].items()}, emit)
    nv = _emit_sized("v", _vocabulary_shards(from_records.vocabulary, counts), emit)
    chunks = lexicon(list(entries))  # already in key order
    emit_hashed("t", entries, nt, emit)
    del entries
    for i, part in enumerate(chunks):
        emit(f"x/{i}", script(f"x/{i}", part))
    emit("index", script("index", {
        "n": from_records.passages, "nt": nt, "nf": from_records.nf, "np": from_records.np, "head": fmt.HEAD,
        "d": from_records.per_display, "g": fmt.FACET_SHARD, "lex": [part[0] for part in chunks],
        "stop": sorted(STOP_WORDS), "minsize": 2, "fields": list(QUERY_FIELDS), "positional": list(POSITIONAL),
        "years": from_records.years, "topics": [[t.id, t.name] for t in sorted(records.topics, key=lambda t: t.id)],
        "plain": list(PLAIN_FIELDS), "nl": nl, "nv": nv, "syn": hints["synonyms"],
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


def _term_entries(postings, from_records: FromRecords, names, emit: Emit,
                  counts: dict[str, int]) -> tuple[dict[str, str], int]:
    """({"field:term": compact JSON of [doc freq, head chunk, corpus forms, facet counts, tail]},
    their size as the shard count is reckoned). Tail files are emitted as their term is read;
    the doc freq of each plain field's term goes into `counts`."""
    entries, size, tails = {}, 0, 0
    head, tail = fmt.HEAD, fmt.TAIL
    for key, posts in postings:
        field, text = key.split(":", 1)
        if field in PLAIN_FIELDS:
            counts[key] = len(posts)
        entry = [len(posts), chunk(posts[:head]), from_records.surface.get(text, []) if field in POSITIONAL else [],
                 facet_counts([d for d, _ in posts], from_records.columns, names), None]
        if len(posts) > head:
            starts = range(head, len(posts), tail)
            entry[4] = [tails, len(starts)]
            for j, at in enumerate(starts):
                emit(f"u/{tails}-{j}", script(f"u/{tails}-{j}", chunk(posts[at:at + tail])))
            tails += 1
        entries[key] = COMPACT.encode(entry)
        size += len(key) + len(json.dumps(entry, ensure_ascii=False))
    return entries, size
