"""The passages half of the browser's index: passages to display (d/), per-passage facets
(g/), term positions (p/) and the word-form map (f/), with every passage's postings analysed
(analysis.py) for the terms half (terms.py). Made from the records alone, as Whoosh indexes
them: the export needs no Whoosh index, so the build makes it while Whoosh indexes."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import chain

from whoosh.analysis import StemFilter, StopFilter

from ..models import Records
from ..search_index import PLAIN_FIELDS, Passage, iter_passages, make_schema
from . import fileformat as fmt
from .fileformat import COMPACT, WORD, Emit, emit_hashed, script, shard_count
from .analysis import Shift, TermIndex, analyse
from .postings import Counted

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
    index: TermIndex  # every term's postings and positions, every passage's field lengths
    touched: set[str] | None  # the keys whose postings changed since the previous index; None: all
    shift: Shift | None  # of those, the keys whose postings only moved to other nums

    @property
    def counted(self) -> Counted:
        return self.index.counted


def export_from_records(records: Records, emit: Emit, previous: TermIndex | None = None) -> FromRecords:
    """d/, g/, p/ and f/, made from the records alone: passage number = position in
    iter_passages order (the `num` build_index stores). The postings and positions are
    patched from `previous` (the last build's) where that pays (analysis.py)."""
    schema = make_schema()  # one analyzer object, and so one stem cache, for forms
    names = {s.id: s.name for s in records.speakers}
    passages = list(iter_passages(records))
    docs, years = _docs(passages, sorted(t.id for t in records.topics))
    per_display = _display_size(docs)
    for name, text in chain(_display_files(docs, records, names, per_display), _facet_files(docs, names)):
        emit(name, text)
    columns = _facet_columns(docs)
    del docs
    analysed = analyse(passages, previous)
    positions = analysed.index.positions
    np = shard_count(sum(len(k) + len(v) + 4 for k, v in positions.items()))
    emit_hashed("p", {key: COMPACT.encode(value) for key, value in positions.items()}, np, emit)
    seen = {w.lower() for w in analysed.words}
    nf, surface = _emit_forms(seen, schema["text"].analyzer, set(positions), analysed.index.stems, emit)
    return FromRecords(len(passages), years, np, nf, per_display, surface, analysed.vocabulary, columns,
                       analysed.index, analysed.touched, analysed.shift)


def _emit_forms(seen: set[str], analyzer, keys: set[str], known: dict[str, str], emit: Emit) -> tuple[int, dict[str, list[str]]]:
    """Writes f/; returns its shard count and term -> the corpus's own forms of it.

    A form's value is its term when the term is in passage texts and not in speaker names
    (most words), else [term, the plain fields that hold it]: a plain word then looks up only
    the terms that exist (text:, name: or both), not a t/ shard per plain field."""
    forms = _forms(seen, analyzer, {key.split(":", 1)[1] for key in keys}, known)
    where = {t: tuple(f for f in PLAIN_FIELDS if f"{f}:{t}" in keys) for t in set(forms.values())}
    encoded = {f: COMPACT.encode(t if where[t] == ("text",) else [t, *where[t]]) for f, t in forms.items()}
    count = shard_count(sum(len(f) + len(v) + 4 for f, v in encoded.items()))
    emit_hashed("f", encoded, count, emit)
    return count, _surface_forms(forms, seen)


def _docs(passages: list[Passage], topics: list[str]) -> tuple[list[Doc], list[str]]:
    """(passages in `num` order, the years in the manifest's order)."""
    years = sorted({p.year for p in passages if p.year})
    where = {t: i for i, t in enumerate(topics)}
    year_index = {y: i for i, y in enumerate(years)}
    docs = [Doc(p.article, p.paragraph, p.text, p.year, p.topics, p.speakers, p.names,
                year_index[p.year] if p.year else -1, tuple(where[t] for t in p.topics if t in where))
            for p in passages]
    return docs, years


def _forms(seen: set[str], analyzer, stems: set[str], known: dict[str, str]) -> dict[str, str]:
    """Every lower-cased surface form in texts and titles (`seen`) -> its term, plus generated
    inflections (-s, -ing, -ation...) whose stem is a term, so other inflections than the
    corpus's own find their passages without a stemmer in the browser."""
    candidates = {w for w in seen if WORD.fullmatch(w) and w == w.lower()}  # one token each
    for w in seen:
        if w.isalpha() and len(w) > 2:
            bases = {w, w[:-1]} | ({w[:-3] + "y"} if w.endswith("ies") else set())
            candidates.update(b + s for b in bases for s in SUFFIXES)
    return _single_terms(analyzer, sorted(candidates), stems, known)


def _single_terms(analyzer, words: list[str], stems: set[str], known: dict[str, str]) -> dict[str, str]:
    """word -> its term, for lower-case words the tokenizer keeps whole, whose term is in stems.
    known: word -> term ("" for a stop word) as the last build found them; refilled with `words`.

    Such a word is one token, so the analyzer's chain comes down to its stop filter and its
    (cached) stemmer: applied directly, they give the chain's result at a third of the cost
    (tens of thousands of generated inflections are looked up, most of them again each build)."""
    stop = next(f for f in analyzer.items if isinstance(f, StopFilter))
    stemmer = next(f for f in analyzer.items if isinstance(f, StemFilter))

    def term_of(word: str) -> str:
        if len(word) < stop.min or (stop.max is not None and len(word) > stop.max) or word in stop.stops:
            return ""
        return word if word in stemmer.ignore else stemmer._stem(word)

    terms = {word: known[word] if word in known else term_of(word) for word in words}
    known.clear()
    known.update(terms)
    return {word: term for word, term in terms.items() if term in stems}


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
        shown = list(dict.fromkeys(d.article for d in part))  # the articles, each once: a passage names its place
        data = {
            "a": [[a.id, a.title, a.year, a.url] for a in map(articles.__getitem__, shown)],
            "p": [[shown.index(d.article), d.paragraph, d.text, [[s, names.get(s, s)] for s in d.speakers]] for d in part],
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
