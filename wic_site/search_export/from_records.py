"""The passages half of the browser's index: passages to display (d/), per-passage facets
(g/), term positions (p/) and the word-form map (f/), with every term's postings counted on
the way (postings.py) for the terms half (terms.py). Made from the records alone, as Whoosh
indexes them: the export needs no Whoosh index, so the build makes it while Whoosh indexes."""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import chain

from whoosh.analysis import StemFilter, StopFilter

from ..models import Records
from ..search_index import PLAIN_FIELDS, iter_passages, make_schema
from . import fileformat as fmt
from .fileformat import B36, COMPACT, WORD, Emit, b36, emit_hashed, script, shard_count
from .postings import Counted

POSITION_BLOCK = 4096  # passages tokenized at a time for positions
SUFFIXES = ("s", "es", "ed", "ing", "er", "ers", "ly", "ion", "ions", "ation", "ations", "ment", "ments")


@dataclass(frozen=True)
class Doc:
    article: str
    paragraph: int
    text: str
    year: str | None
    topics: tuple[str, ...]
    speakers: tuple[str, ...]
    names: str
    year_index: int  # into the manifest's years; -1 when unknown
    topic_indexes: tuple[int, ...]  # into the manifest's topics


@dataclass(frozen=True)
class FacetColumns:
    """Per passage number: the id of its (year index, topic indexes) and of its speaker ids.
    Passages share a few thousand of each, so a term's passages are counted by one Counter
    pass per column (map() and Counter, in C), then each distinct value once."""

    places: list[int]
    place_values: list[tuple[int, tuple[int, ...]]]
    casts: list[int]
    cast_values: list[tuple[str, ...]]


@dataclass(frozen=True)
class FromRecords:
    """What the passages half of the export hands to the terms half."""

    passages: int
    years: list[str]  # the manifest's years
    np: int  # p/ shard count
    nf: int  # f/ shard count
    per_display: int  # passages per d/ shard
    surface: dict[str, list[str]]  # term -> the corpus's own forms of it
    vocabulary: dict[str, str]  # lower-cased form in texts and names -> its term (search_suggest)
    columns: FacetColumns
    counted: Counted  # every term's postings, every passage's field lengths


def export_from_records(records: Records, emit: Emit) -> FromRecords:
    """d/, g/, p/ and f/, made from the records alone: passage number = position in
    iter_passages order (the `num` build_index stores), and the indexed text and title terms
    (the forms map keeps only forms of those) are the ones the positions are found for."""
    schema = make_schema()  # one analyzer object, and so one stem cache, for positions and forms
    names = {s.id: s.name for s in records.speakers}
    counted = Counted()
    counted.add_keywords(iter_passages(records))
    docs, years = _docs(records, sorted(t.id for t in records.topics))
    per_display = _display_size(docs)
    for name, text in chain(_display_files(docs, records, names, per_display), _facet_files(docs, names)):
        emit(name, text)
    np, words, vocabulary, keys = _emit_positions(docs, records, schema, emit, counted)
    nf, surface = _emit_forms({w.lower() for w in words}, schema["text"].analyzer, keys, emit)
    return FromRecords(len(docs), years, np, nf, per_display, surface, vocabulary, _facet_columns(docs), counted)


def _emit_positions(docs: list[Doc], records: Records, schema, emit: Emit,
                    counted: Counted) -> tuple[int, set[str], dict[str, str], set[str]]:
    """Writes p/ and counts the positional fields' postings into `counted`; returns p/'s shard
    count, every tokenizer match in texts, names and titles, the vocabulary, and the
    positional fields' terms (the index's own: each has positions)."""
    positions, words, vocabulary = _positions_of(docs, {a.id: a.title for a in records.articles}, schema, counted)
    count = shard_count(sum(len(k) + len(v) + 4 for k, v in positions.items()))
    keys = set(positions)
    for key, value in positions.items():  # in place: one copy of the positions at a time
        positions[key] = COMPACT.encode(value)
    emit_hashed("p", positions, count, emit)
    return count, words, vocabulary, keys


def _emit_forms(seen: set[str], analyzer, keys: set[str], emit: Emit) -> tuple[int, dict[str, list[str]]]:
    """Writes f/; returns its shard count and term -> the corpus's own forms of it.

    A form's value is its term when the term is in passage texts and not in speaker names
    (most words), else [term, the plain fields that hold it]: a plain word then looks up only
    the terms that exist (text:, name: or both), not a t/ shard per plain field."""
    forms = _forms(seen, analyzer, {key.split(":", 1)[1] for key in keys})
    where = {t: tuple(f for f in PLAIN_FIELDS if f"{f}:{t}" in keys) for t in set(forms.values())}
    encoded = {f: COMPACT.encode(t if where[t] == ("text",) else [t, *where[t]]) for f, t in forms.items()}
    count = shard_count(sum(len(f) + len(v) + 4 for f, v in encoded.items()))
    emit_hashed("f", encoded, count, emit)
    return count, _surface_forms(forms, seen)


def _docs(records: Records, topics: list[str]) -> tuple[list[Doc], list[str]]:
    """(passages in `num` order, the years in the manifest's order)."""
    passages = list(iter_passages(records))
    years = sorted({p.year for p in passages if p.year})
    where = {t: i for i, t in enumerate(topics)}
    year_index = {y: i for i, y in enumerate(years)}
    docs = [Doc(p.article, p.paragraph, p.text, p.year, p.topics, p.speakers, p.names,
                year_index[p.year] if p.year else -1, tuple(where[t] for t in p.topics if t in where))
            for p in passages]
    return docs, years


def _positions_of(docs: list[Doc], titles: dict[str, str], schema,
                  counted: Counted) -> tuple[dict[str, str], set[str], dict[str, str]]:
    """({"field:term": "num:pos,pos;num:pos"}, every tokenizer match in texts, names and titles,
    {lower-cased match in texts and names: its term}).

    Positions are what the schema's own analyzer gives (what Whoosh indexed; a test compares
    them with the index). Reading them back from the postings costs 4x more, and running the
    analyzer over every text 5x more than this: its filters work token by token, so each
    distinct token is analysed once and texts are only tokenized. Passages go by blocks, in
    num order, so that only one block's tokens are held at a time. Text and names share one
    analyzer (make_schema's), and so one table of terms."""
    coded: dict[str, str] = {}
    title_tokens = {article: WORD.findall(title) for article, title in titles.items()}
    words = set(chain.from_iterable(title_tokens.values()))
    title_terms = _token_terms(schema["title"].analyzer, sorted(words))
    in_title = {article: _term_positions(found, title_terms) for article, found in title_tokens.items()}
    analyzer, terms, known = schema["text"].analyzer, {}, set()
    lengths = counted.lengths
    for start in range(0, len(docs), POSITION_BLOCK):
        part = docs[start:start + POSITION_BLOCK]
        tokens = {"text": [WORD.findall(d.text) for d in part], "name": [WORD.findall(d.names) for d in part]}
        new = set(chain.from_iterable(chain.from_iterable(tokens.values()))) - known
        known |= new
        terms.update(_token_terms(analyzer, sorted(new)))
        found = {field: defaultdict(list) for field in ("text", "name", "title")}
        for i, d in enumerate(part):
            num = start + i
            doc = b36(num) + ":"
            for field in ("text", "name"):
                placed = _term_positions(tokens[field][i], terms)
                lengths[field].append(_length(placed))
                for term, pos in placed.items():
                    found[field][term].append(doc + pos)
                    counted.add(field, term, num, pos.count(",") + 1)
            placed = in_title[d.article]
            lengths["title"].append(_length(placed))
            for term, pos in placed.items():
                found["title"][term].append(doc + pos)
                counted.add("title", term, num, pos.count(",") + 1)
        for field, block in found.items():
            _append_block(coded, field + ":", block)
    vocabulary = {w.lower(): terms[w] for w in known if w in terms}
    return coded, words | known, vocabulary


def _append_block(coded: dict[str, str], prefix: str, block: dict[str, list[str]]) -> None:
    for term, parts in block.items():
        key, joined = prefix + term, ";".join(parts)
        before = coded.get(key)
        coded[key] = joined if before is None else f"{before};{joined}"


def _length(placed: dict[str, str]) -> int:
    """The field length Whoosh records: its number of tokens indexed."""
    return sum(pos.count(",") + 1 for pos in placed.values())


def _term_positions(tokens: list[str], term_of: dict[str, str]) -> dict[str, str]:
    """term -> its positions "p,p" in `tokens`, numbered as Whoosh's StopFilter(renumber=True)
    does: the first kept token keeps its place, each later kept token is one after the previous."""
    terms = list(map(term_of.get, tokens))
    kept = [t for t in terms if t is not None]
    if not kept:
        return {}
    first = terms.index(kept[0])
    found: dict[str, list[str]] = defaultdict(list)
    last = first + len(kept)
    for term, pos in zip(kept, B36[first:last] if last <= len(B36) else map(b36, range(first, last))):
        found[term].append(pos)
    return {term: ",".join(pos) for term, pos in found.items()}


def _token_terms(analyzer, words: list[str]) -> dict[str, str]:
    """Tokenizer match -> its indexed term (stop words and short words absent). One analyzer
    pass over all words joined by spaces, each token traced back to its word by offset."""
    starts, offset = [], 0
    for word in words:
        starts.append(offset)
        offset += len(word) + 1
    return {words[bisect.bisect_right(starts, t.startchar) - 1]: t.text
            for t in analyzer(" ".join(words), chars=True, mode="index")}


def _forms(seen: set[str], analyzer, stems: set[str]) -> dict[str, str]:
    """Every lower-cased surface form in texts and titles (`seen`) -> its term, plus generated
    inflections (-s, -ing, -ation...) whose stem is a term, so other inflections than the
    corpus's own find their passages without a stemmer in the browser."""
    candidates = {w for w in seen if WORD.fullmatch(w) and w == w.lower()}  # one token each
    for w in seen:
        if w.isalpha() and len(w) > 2:
            bases = {w, w[:-1]} | ({w[:-3] + "y"} if w.endswith("ies") else set())
            candidates.update(b + s for b in bases for s in SUFFIXES)
    return _single_terms(analyzer, sorted(candidates), stems)


def _single_terms(analyzer, words: list[str], stems: set[str]) -> dict[str, str]:
    """word -> its term, for lower-case words the tokenizer keeps whole, whose term is in stems.

    Such a word is one token, so the analyzer's chain comes down to its stop filter and its
    (cached) stemmer: applied directly, they give the chain's result at a third of the cost
    (tens of thousands of generated inflections are looked up)."""
    stop = next(f for f in analyzer.items if isinstance(f, StopFilter))
    stemmer = next(f for f in analyzer.items if isinstance(f, StemFilter))
    found = {}
    for word in words:
        if len(word) < stop.min or (stop.max is not None and len(word) > stop.max) or word in stop.stops:
            continue
        term = word if word in stemmer.ignore else stemmer._stem(word)
        if term in stems:
            found[word] = term
    return found


def _surface_forms(forms: dict[str, str], seen: set[str]) -> dict[str, list[str]]:
    """term -> the corpus's own forms of it, sorted (the page highlights them)."""
    surface: dict[str, list[str]] = defaultdict(list)
    for form in sorted(f for f in forms if f in seen):
        surface[forms[form]].append(form)
    return surface


def _facet_columns(docs: list[Doc]) -> FacetColumns:
    places: dict[tuple[int, tuple[int, ...]], int] = {}
    casts: dict[tuple[str, ...], int] = {}
    place_ids = [places.setdefault((d.year_index, d.topic_indexes), len(places)) for d in docs]
    cast_ids = [casts.setdefault(d.speakers, len(casts)) for d in docs]
    return FacetColumns(place_ids, list(places), cast_ids, list(casts))


def facet_counts(nums: list[int], columns: FacetColumns, names, top: int = 12) -> list:
    """[year counts, topic counts, top speakers] of the docs `nums`; years and topics as
    "index:count" pairs into the manifest's lists, speakers as [id, name, count]."""
    y: Counter = Counter()
    t: Counter = Counter()
    speakers: Counter = Counter()
    for place, n in Counter(map(columns.places.__getitem__, nums)).items():
        year, topics = columns.place_values[place]
        y[year] += n
        for topic in topics:
            t[topic] += n
    for cast, n in Counter(map(columns.casts.__getitem__, nums)).items():
        for speaker in columns.cast_values[cast]:
            speakers[speaker] += n
    y.pop(-1, None)  # year unknown
    best = sorted(speakers.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
    pairs = lambda c: ",".join(f"{k}:{n}" for k, n in sorted(c.items()))  # noqa: E731
    return [pairs(y), pairs(t), [[s, names.get(s, s), n] for s, n in best]]


def _display_size(docs: list[Doc]) -> int:
    avg = sum(len(d.text.encode("utf-8")) for d in docs) / max(1, len(docs))
    return max(1, min(16, int(fmt.DISPLAY_BYTES // max(avg, 1))))


def _display_files(docs, records: Records, names, per: int) -> Iterator[tuple[str, str]]:
    articles = {a.id: a for a in records.articles}
    for start in range(0, len(docs), per):
        part = docs[start:start + per]
        shown = {d.article: articles[d.article] for d in part}
        data = {
            "a": {a.id: [a.title, a.year, a.url] for a in shown.values()},
            "p": [[d.article, d.paragraph, d.text, [[s, names.get(s, s)] for s in d.speakers]] for d in part],
        }
        name = f"d/{start // per}"
        yield name, script(name, data)


def _facet_files(docs: list[Doc], names) -> Iterator[tuple[str, str]]:
    """g/s: [speaker id, name] of every speaker of a passage, in id order; g/<i>: the facets of a
    shard's passages, to count those of compound queries (see fileformat.facet_shard)."""
    speakers = sorted({s for d in docs for s in d.speakers})
    number = {s: i for i, s in enumerate(speakers)}
    yield "g/s", script("g/s", [[s, names.get(s, s)] for s in speakers])
    per = fmt.FACET_SHARD
    for start in range(0, len(docs), per):
        name = f"g/{start // per}"
        part = docs[start:start + per]
        yield name, script(name, fmt.facet_shard([d.year_index + 1 for d in part], [d.topic_indexes for d in part],
                                                 [tuple(number[s] for s in d.speakers) for d in part]))
