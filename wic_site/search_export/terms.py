"""The terms half of the browser's index: terms with their postings (t/, u/), the lexicon for
prefixes (x/), facet labels (l/), the vocabulary for "did you mean" (v/) and the manifest
(index.js), made from what from_records counted."""

from __future__ import annotations

import hashlib
import json
from itertools import chain

from whoosh.analysis import STOP_WORDS

from ..models import Records
from ..search_index import PLAIN_FIELDS, QUERY_FIELDS
from ..search_suggest import shard_key
from . import fileformat as fmt
from .analysis import Shift
from .fileformat import (COMPACT, POSITIONAL, Emit, b36, chunk, code_nums, emit_hashed, lexicon, read_script, script,
                         shard_count, shifted_chunk, shifted_nums)
from .from_records import FromRecords, facet_counts
from .postings import B, K1, SCORABLE, idf, split_head


Entries = dict[str, tuple[int, str, tuple[str, ...]]]  # key -> (doc freq, entry without its idf, tail files)


def export_terms(records: Records, made: FromRecords, hints: dict, emit: Emit, previous: Entries | None = None) -> Entries:
    """u/, t/, x/, l/, v/ and the manifest; returns the term entries, for the next build to
    keep those of the terms no passage of theirs changed in (made.touched)."""
    names = {s.id: s.name for s in records.speakers}
    entries = _term_entries(made, names, previous)
    for key, (_, _, tails) in entries.items():
        for j, text in enumerate(tails):
            emit(f"u/{tail_name(key)}-{j}", text)
    encoded = {key: f"{prefix},{COMPACT.encode(idf(made.passages, df))}]" for key, (df, prefix, _) in entries.items()}
    nt = shard_count(sum(len(key) + len(value) for key, value in encoded.items()))
    counts = {key: entries[key][0] for key in entries if key.split(":", 1)[0] in PLAIN_FIELDS}
    nl = _emit_sized("l", {key: COMPACT.encode(ids) for key, ids in hints["labels"].items()}, emit)
    nv = _emit_sized("v", _vocabulary_shards(made.vocabulary, counts), emit)
    chunks = lexicon(sorted(encoded))
    emit_hashed("t", encoded, nt, emit)
    del encoded
    for i, part in enumerate(chunks):
        emit(f"x/{i}", script(f"x/{i}", part))
    emit("x/lex", script("x/lex", [part[0] for part in chunks]))
    emit("index", script("index", {
        "n": made.passages, "nt": nt, "nf": made.nf, "np": made.np, "head": fmt.HEAD,
        "d": made.per_display, "g": fmt.FACET_SHARD,
        "stop": sorted(STOP_WORDS), "minsize": 2, "fields": list(QUERY_FIELDS), "positional": list(POSITIONAL),
        "years": made.years, "topics": [[t.id, t.name] for t in sorted(records.topics, key=lambda t: t.id)],
        "plain": list(PLAIN_FIELDS), "nl": nl, "nv": nv, "syn": hints["synonyms"],
        "avgfl": made.counted.average_lengths(), "B": B, "K1": K1, "scorable": list(SCORABLE),
    }))
    return entries


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


def _term_entries(made: FromRecords, names, previous: Entries | None) -> Entries:
    """Every term's entry, made again only where a passage of the term changed (or, as the
    corpus forms of a term show in the entries of all its fields, of its term in any field)."""
    postings = made.counted.postings
    if previous is None or made.touched is None:
        entries: Entries = {}
        redo = sorted(postings)
    else:
        entries = previous
        moved = made.shift.keys if made.shift else frozenset()
        terms = {key.split(":", 1)[1] for key in made.touched - moved}
        redo = sorted({key for key in chain(postings, entries) if key.split(":", 1)[1] in terms})
        for key in moved:
            if key in entries and key.split(":", 1)[1] not in terms:
                entries[key] = _shifted(entries[key], made.shift)
    for key in redo:
        if key in postings:
            entries[key] = _entry(key, made, names)
        else:
            entries.pop(key, None)
    return entries


def _shifted(entry: tuple[int, str, tuple[str, ...]], shift: Shift) -> tuple[int, str, tuple[str, ...]]:
    """The entry of a term whose postings only moved: its head, facet counts and the cut of its
    tail are unchanged (moving keeps their order), only the nums are coded again."""
    df, prefix, tails = entry
    data = json.loads(prefix + "]")
    data[1] = shifted_chunk(data[1], shift.start, shift.by)
    if data[4]:
        name, firsts = data[4]
        data[4][1] = shifted_nums(firsts, shift.start, shift.by)
        tails = tuple(script(f"u/{name}-{j}", shifted_chunk(read_script(text), shift.start, shift.by))
                      for j, text in enumerate(tails))
    return df, COMPACT.encode(data)[:-1], tails


def _entry(key: str, made: FromRecords, names) -> tuple[int, str, tuple[str, ...]]:
    """(doc freq, compact JSON of [doc freq, head chunk, corpus forms, facet counts, tail] less
    its closing bracket (the idf follows), the tail files' texts). tail: [the files' name, the
    first num of each file (code_nums)], so a query can fetch only the files covering the
    passages its other terms allow."""
    field, text = key.split(":", 1)
    posts = made.counted.posts(key)
    head, tail = split_head(posts, fmt.HEAD)
    parts = range(0, len(tail), fmt.TAIL)
    name = tail_name(key)
    tails = tuple(script(f"u/{name}-{j}", chunk(tail[at:at + fmt.TAIL])) for j, at in enumerate(parts))
    firsts = code_nums([tail[at][0] for at in parts])
    entry = [len(posts), chunk(head), made.surface.get(text, []) if field in POSITIONAL else [],
             facet_counts([p[0] for p in posts], made.columns, names), [name, firsts] if tails else None]
    return len(posts), COMPACT.encode(entry)[:-1], tails
