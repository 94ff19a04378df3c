"""Export the browser's search index from the Whoosh index, as small self-registering scripts.

Every file under search/ is `WicSearch.add("<name>", <json>);`, so the page loads it with a
<script> tag and it works from file:// (browsers refuse fetch() there), as Sphinx's searchindex.js.

  index.js        manifest: shard counts, stop words, lexicon boundaries, years, topic names
  f/<h>.js        surface word form -> analyzed term (corpus forms and generated inflections)
  t/<h>.js        "field:term" -> [doc freq, weights, postings, surface forms, facet counts, tail]
  u/<id>-<j>.js   the rest of a long posting list (fetched only when a query needs all of it)
  p/<h>.js        term positions, for phrases only
  x/<i>.js        sorted terms, for prefix queries
  d/<i>.js        passages to display (text, article title, year, speakers, url)
  g/<i>.js        per-passage year, topics, speakers, for facet counts of compound queries

Weights are what Whoosh's BM25F scorer returns for each posting (the scorer a search
uses), so summing them in the browser ranks exactly as Whoosh does. Postings are in impact
order (weight descending, then passage number), grouped by weight, numbers delta-coded in base 36.
"""

from __future__ import annotations

import bisect
import json
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from itertools import chain, groupby
from operator import itemgetter, sub
from pathlib import Path

from whoosh import scoring
from whoosh.analysis import STOP_WORDS, StemFilter, StopFilter
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.filedb.filestore import FileStorage
from whoosh.reading import TermNotFound

from .models import Records
from .search_index import QUERY_FIELDS, iter_passages, make_schema, open_index
from .writer import SiteWriter

SHARD_BYTES = 3000  # target size of hashed shards: small enough for the query budget
HEAD = 100  # postings kept with the term; enough for the first pages of a one-word query
TAIL = 4000  # postings per tail file
FACET_SHARD = 4096  # passages per g/ shard
DISPLAY_BYTES = 1200  # text per d/ shard
POSITION_BLOCK = 4096  # passages tokenized at a time for positions
POSITIONAL = ("text", "title")
WORD = re.compile(r"\w+(?:\.?\w+)*")  # Whoosh's RegexTokenizer default
SUFFIXES = ("s", "es", "ed", "ing", "er", "ers", "ly", "ion", "ions", "ation", "ations", "ment", "ments")


def fnv1a(text: str) -> int:
    """32-bit FNV-1a over UTF-8; search.js computes the same to find a shard."""
    h = 0x811C9DC5
    for byte in text.encode("utf-8"):
        h = ((h ^ byte) * 0x01000193) & 0xFFFFFFFF
    return h


def _b36(n: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        n, r = divmod(n, 36)
        out = digits[r] + out
        if not n:
            return out


_B36 = [_b36(n) for n in range(36 ** 3)]  # millions of docnum deltas and positions are small


def b36(n: int) -> str:
    return _B36[n] if n < 46656 else _b36(n)


_COMPACT = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def script(name: str, data) -> str:
    return f'WicSearch.add("{name}",{_COMPACT.encode(data)});\n'


@dataclass(frozen=True)
class Doc:
    article: str
    paragraph: int
    text: str
    year: str | None
    topics: tuple[str, ...]
    speakers: tuple[str, ...]
    year_index: int  # into the manifest's years; -1 when unknown
    topic_indexes: tuple[int, ...]  # into the manifest's topics


@dataclass(frozen=True)
class FromRecords:
    """What the half of the export made from the records alone hands to the half read from
    the Whoosh index: small and picklable, so the halves can run in different processes."""

    passages: int
    years: list[str]  # the manifest's years
    np: int  # p/ shard count
    nf: int  # f/ shard count
    per_display: int  # passages per d/ shard
    surface: dict[str, list[str]]  # term -> the corpus's own forms of it
    columns: _FacetColumns


def write_client_index(index_dir: Path, records: Records, site: SiteWriter) -> None:
    """Write every search/ script into the site as soon as it is complete."""
    write_from_index(index_dir, records, write_from_records(records, site), site)


def write_from_records(records: Records, site: SiteWriter) -> FromRecords:
    """The half of write_client_index that needs no Whoosh index."""
    return export_from_records(records, _site_emit(site))


def write_from_index(index_dir: Path, records: Records, from_records: FromRecords, site: SiteWriter) -> None:
    """The half of write_client_index that reads the Whoosh index."""
    export_from_index(index_dir, records, from_records, _site_emit(site))


def _site_emit(site: SiteWriter) -> Callable[[str, str], None]:
    return lambda name, text: site.write(f"search/{name}.js", text)


def export(index_dir: Path, records: Records, emit: Callable[[str, str], None]) -> None:
    """Hand each search/ script to emit(name without .js, text) as soon as it is complete.

    The parts go one after another so that only one of their large structures lives at a time:
    passages and facet files, positions (p/), forms (f/), terms (u/ as each term is read, then t/
    and x/), the manifest. Hashed shards wait for their part's total size (their count), so a
    part keeps its values as compact JSON until then, never as lists of tuples.

    Two halves: export_from_records needs no Whoosh index, so the build runs it while Whoosh
    indexes, and hands its small result to export_from_index."""
    export_from_index(index_dir, records, export_from_records(records, emit), emit)


def export_from_records(records: Records, emit: Callable[[str, str], None]) -> FromRecords:
    """d/, g/, p/ and f/, made from the records alone: passage number = position in
    iter_passages order (the `num` build_index stores), and the indexed text and title terms
    (the forms map keeps only forms of those) are the ones the positions are found for."""
    schema = make_schema()  # one analyzer object, and so one stem cache, for positions and forms
    names = {s.id: s.name for s in records.speakers}
    docs, years = _docs(records, sorted(t.id for t in records.topics))
    per_display = _display_size(docs)
    for name, text in chain(_display_files(docs, records, names, per_display), _facet_files(docs, names)):
        emit(name, text)
    np, words, stems = _emit_positions(docs, records, schema, emit)
    nf, surface = _emit_forms({w.lower() for w in words}, schema["text"].analyzer, stems, emit)
    return FromRecords(len(docs), years, np, nf, per_display, surface, _facet_columns(docs))


def export_from_index(index_dir: Path, records: Records, from_records: FromRecords,
                      emit: Callable[[str, str], None]) -> None:
    """u/, t/, x/ and the manifest, read from the Whoosh index at index_dir."""
    ix = _open_unmapped(index_dir)
    names = {s.id: s.name for s in records.speakers}
    with ix.searcher(weighting=scoring.BM25F()) as searcher:
        postings = _impact_postings(searcher, _renumbering(searcher))
        entries, size = _term_entries(postings, from_records.surface, from_records.columns, names, emit)
    nt = _shard_count(size)
    lexicon = _lexicon(list(entries))  # already in key order
    _emit_hashed("t", entries, nt, emit)
    del entries
    for i, chunk in enumerate(lexicon):
        emit(f"x/{i}", script(f"x/{i}", chunk))
    emit("index", script("index", {
        "n": from_records.passages, "nt": nt, "nf": from_records.nf, "np": from_records.np, "head": HEAD,
        "d": from_records.per_display, "g": FACET_SHARD, "lex": [chunk[0] for chunk in lexicon],
        "stop": sorted(STOP_WORDS), "minsize": 2, "fields": list(QUERY_FIELDS), "positional": list(POSITIONAL),
        "years": from_records.years, "topics": [[t.id, t.name] for t in sorted(records.topics, key=lambda t: t.id)],
    }))


def _emit_positions(docs: list[Doc], records: Records, schema, emit) -> tuple[int, set[str], set[str]]:
    """Writes p/; returns its shard count, every tokenizer match in texts and titles, and the
    text and title terms (the index's own: each indexed term has positions)."""
    positions, words = _positions_of(docs, {a.id: a.title for a in records.articles}, schema)
    count = _shard_count(sum(len(k) + len(v) + 4 for k, v in positions.items()))
    stems = {key.split(":", 1)[1] for key in positions}
    for key, value in positions.items():  # in place: one copy of the positions at a time
        positions[key] = _COMPACT.encode(value)
    _emit_hashed("p", positions, count, emit)
    return count, words, stems


def _emit_forms(seen: set[str], analyzer, stems: set[str], emit) -> tuple[int, dict[str, list[str]]]:
    """Writes f/; returns its shard count and term -> the corpus's own forms of it."""
    forms = _forms(seen, analyzer, stems)
    count = _shard_count(sum(len(f) + len(t) + 6 for f, t in forms.items()))
    _emit_hashed("f", {f: _COMPACT.encode(t) for f, t in forms.items()}, count, emit)
    return count, _surface_forms(forms, seen)


def _open_unmapped(index_dir: Path):
    """The index read with plain file reads: memory-mapped, every page the export touches
    would count in its resident memory (+250 MB at 10,000 articles), for ~5% less time."""
    open_index(index_dir)  # its one-line error when there is no index
    return FileStorage(str(index_dir), supports_mmap=False).open_index()


def _docs(records: Records, topics: list[str]) -> tuple[list[Doc], list[str]]:
    """(passages in `num` order, the years in the manifest's order)."""
    passages = list(iter_passages(records))
    years = sorted({p.year for p in passages if p.year})
    where = {t: i for i, t in enumerate(topics)}
    year_index = {y: i for i, y in enumerate(years)}
    docs = [Doc(p.article, p.paragraph, p.text, p.year, p.topics, p.speakers,
                year_index[p.year] if p.year else -1, tuple(where[t] for t in p.topics if t in where))
            for p in passages]
    return docs, years


def _renumbering(searcher) -> list[int]:
    """Whoosh docnum -> the stored `num` (writer processes pick up passages in any order)."""
    renumber = [0] * searcher.doc_count_all()
    for leaf, offset in searcher.leaf_searchers():
        for docnum, fields in leaf.reader().iter_docs():
            renumber[offset + docnum] = fields["num"]
    return renumber


def _impact_postings(searcher, renumber: list[int]) -> Iterator[tuple[str, list[tuple[int, float]]]]:
    """("field:term", [(num, weight)] in impact order) for every term, in key order.

    Weights are what a search gets: scorer._score(weight, field length) of the term's BM25F
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
    """(weight, field length) -> scorer._score(weight, length), each pair computed once: a
    term's postings share a few pairs, and a lookup by map() runs in C."""

    def __init__(self, scorer) -> None:
        super().__init__()
        self.scorer = scorer

    def __missing__(self, pair: tuple[float, int]) -> float:
        score = self[pair] = self.scorer._score(*pair)
        return score


def _blocks(matcher) -> Iterator[tuple[Sequence[int], Sequence[float]]]:
    """(docnums, weights) of a fresh leaf matcher. A W3LeafMatcher hands over each block's
    decoded arrays (the ones its id() and weight() index): per-posting calls cost 5x more.
    Inlined postings (ListMatcher) and filtered ones go posting by posting."""
    if type(matcher) is W3LeafMatcher:
        while matcher.is_active():
            matcher._read_ids()
            matcher._read_weights()
            yield matcher._ids, matcher._weights
            matcher._next_block()
        return
    ids, weights = [], []
    while matcher.is_active():
        ids.append(matcher.id())
        weights.append(matcher.weight())
        matcher.next()
    yield ids, weights


def _positions_of(docs: list[Doc], titles: dict[str, str], schema) -> tuple[dict[str, str], set[str]]:
    """({"field:term": "num:pos,pos;num:pos"}, every tokenizer match in texts and titles).

    Positions are what the schema's own analyzer gives (what Whoosh indexed; a test compares
    them with the index). Reading them back from the postings costs 4x more, and running the
    analyzer over every text 5x more than this: its filters work token by token, so each
    distinct token is analysed once and texts are only tokenized. Passages go by blocks, in
    num order, so that only one block's tokens are held at a time."""
    coded: dict[str, str] = {}
    title_tokens = {article: WORD.findall(title) for article, title in titles.items()}
    words = set(chain.from_iterable(title_tokens.values()))
    title_terms = _token_terms(schema["title"].analyzer, sorted(words))
    in_title = {article: _term_positions(found, title_terms) for article, found in title_tokens.items()}
    text_analyzer, text_terms, text_words = schema["text"].analyzer, {}, set()
    for start in range(0, len(docs), POSITION_BLOCK):
        part = docs[start:start + POSITION_BLOCK]
        tokens = [WORD.findall(d.text) for d in part]
        new = set(chain.from_iterable(tokens)) - text_words
        text_words |= new
        text_terms.update(_token_terms(text_analyzer, sorted(new)))
        text, title = defaultdict(list), defaultdict(list)
        for num, d, found in zip(range(start, start + len(part)), part, tokens):
            doc = b36(num) + ":"
            for term, pos in _term_positions(found, text_terms).items():
                text[term].append(doc + pos)
            for term, pos in in_title[d.article].items():
                title[term].append(doc + pos)
        _append_block(coded, "text:", text)
        _append_block(coded, "title:", title)
    return coded, words | text_words


def _append_block(coded: dict[str, str], prefix: str, block: dict[str, list[str]]) -> None:
    for term, parts in block.items():
        key, joined = prefix + term, ";".join(parts)
        before = coded.get(key)
        coded[key] = joined if before is None else f"{before};{joined}"


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
    for term, pos in zip(kept, _B36[first:last] if last <= len(_B36) else map(b36, range(first, last))):
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


def _shard_count(total_bytes: int) -> int:
    return max(1, -(-total_bytes // SHARD_BYTES))


def _emit_hashed(prefix: str, encoded: dict[str, str], count: int, emit: Callable[[str, str], None]) -> None:
    """Shard files of key -> value given as compact JSON: the text script() would write for
    each shard's dict, with the values encoded once instead of again inside their shard."""
    shards: dict[int, list[str]] = defaultdict(list)
    for key in encoded:
        shards[fnv1a(key) % count].append(key)
    for i in sorted(shards):
        name = f"{prefix}/{i}"
        body = ",".join(f"{_COMPACT.encode(k)}:{encoded[k]}" for k in sorted(shards[i]))
        emit(name, f'WicSearch.add("{name}",{{{body}}});\n')


def _chunk(posts: list[tuple[int, float]]) -> list:
    """[weights, "d,d;d,d"]: one group of delta-coded docnums per distinct weight (posts are in
    impact order, so each weight's postings are adjacent and in num order)."""
    weights, coded = [], []
    for weight, group in groupby(posts, itemgetter(1)):
        docs = [doc for doc, _ in group]
        weights.append(weight)
        coded.append(",".join(map(b36, map(sub, docs, [0] + docs[:-1]))))
    return [weights, ";".join(coded)]


def _term_entries(postings, surface, columns, names, emit) -> tuple[dict[str, str], int]:
    """({"field:term": compact JSON of [doc freq, head chunk, corpus forms, facet counts, tail]},
    their size as the shard count is reckoned). Tail files are emitted as their term is read."""
    entries, size, tails = {}, 0, 0
    for key, posts in postings:
        field, text = key.split(":", 1)
        entry = [len(posts), _chunk(posts[:HEAD]), surface.get(text, []) if field in POSITIONAL else [],
                 _facet_counts([d for d, _ in posts], columns, names), None]
        if len(posts) > HEAD:
            chunks = range(HEAD, len(posts), TAIL)
            entry[4] = [tails, len(chunks)]
            for j, at in enumerate(chunks):
                emit(f"u/{tails}-{j}", script(f"u/{tails}-{j}", _chunk(posts[at:at + TAIL])))
            tails += 1
        entries[key] = _COMPACT.encode(entry)
        size += len(key) + len(json.dumps(entry, ensure_ascii=False))
    return entries, size
@dataclass(frozen=True)
class _FacetColumns:
    """Per passage number: the id of its (year index, topic indexes) and of its speaker ids.
    Passages share a few thousand of each, so a term's passages are counted by one Counter
    pass per column (map() and Counter, in C), then each distinct value once."""

    places: list[int]
    place_values: list[tuple[int, tuple[int, ...]]]
    casts: list[int]
    cast_values: list[tuple[str, ...]]


def _facet_columns(docs: list[Doc]) -> _FacetColumns:
    places: dict[tuple[int, tuple[int, ...]], int] = {}
    casts: dict[tuple[str, ...], int] = {}
    place_ids = [places.setdefault((d.year_index, d.topic_indexes), len(places)) for d in docs]
    cast_ids = [casts.setdefault(d.speakers, len(casts)) for d in docs]
    return _FacetColumns(place_ids, list(places), cast_ids, list(casts))


def _facet_counts(nums: list[int], columns: _FacetColumns, names, top: int = 12) -> list:
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


def _lexicon(keys: list[str]) -> list[list[str]]:
    chunks, current, size = [], [], 0
    for key in keys:
        if current and size + len(key) > SHARD_BYTES:
            chunks.append(current)
            current, size = [], 0
        current.append(key)
        size += len(key) + 3
    return chunks + [current] if current else chunks or [[""]]


def _display_size(docs: list[Doc]) -> int:
    avg = sum(len(d.text.encode("utf-8")) for d in docs) / max(1, len(docs))
    return max(1, min(16, int(DISPLAY_BYTES // max(avg, 1))))


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
    """Per passage "year;topic.topic;speaker.speaker" (manifest indexes for years and topics,
    indexes into this shard's speaker list), to count facets of compound queries."""
    for start in range(0, len(docs), FACET_SHARD):
        part = docs[start:start + FACET_SHARD]
        speakers = sorted({s for d in part for s in d.speakers})
        local = {s: i for i, s in enumerate(speakers)}
        rows = [f"{d.year_index if d.year_index >= 0 else ''};{'.'.join(map(str, d.topic_indexes))};"
                f"{'.'.join(str(local[s]) for s in d.speakers)}" for d in part]
        name = f"g/{start // FACET_SHARD}"
        yield name, script(name, {"p": rows, "s": [[s, names.get(s, s)] for s in speakers]})



def count_shards(site_dir: Path) -> int:
    return sum(1 for _ in (Path(site_dir) / "search").rglob("*.js"))


# ---------------------------------------------------------------- what one query costs the browser


def _load(site_dir: Path, name: str):
    text = (Path(site_dir) / "search" / f"{name}.js").read_text("utf-8")
    return json.loads(text[text.index(",") + 1:text.rindex(")")])


def files_for_query(site_dir: Path, query: str, limit: int = 10, index_dir: Path | None = None) -> list[str]:
    """Site-relative files search.js loads to show the first `limit` results of `query` with
    their facet counts (same lookups, same order of decisions; the browser test checks it)."""
    from whoosh import query as wq

    from .search_index import make_parser, make_schema

    meta = _load(site_dir, "index")
    names = ["static/search.js", "search/index.js"]
    forms: dict[str, str] = {}
    for word in _query_words(query, meta):
        name = f"f/{fnv1a(word) % meta['nf']}"
        names.append(f"search/{name}.js")
        forms.update(_load(site_dir, name))
    q = make_parser(make_schema()).parse(query)
    if q is wq.NullQuery:
        return sorted(set(names))
    keys: list[str] = []
    expanded: set[str] = set()
    for leaf in q.leaves():
        if isinstance(leaf, wq.Prefix):
            expanded.update(_expand(site_dir, meta, f"{leaf.fieldname}:{leaf.text}", names))
            keys += sorted(expanded)
        elif isinstance(leaf, wq.Phrase):
            keys += [f"{leaf.fieldname}:{w}" for w in leaf.words]
        elif isinstance(leaf, wq.Term):
            keys.append(f"{leaf.fieldname}:{leaf.text}")
    known = set(forms.values())
    keys = [k for k in keys if k in expanded or not k.startswith(tuple(f"{f}:" for f in POSITIONAL))
            or k.split(":", 1)[1] in known]
    entries = {}
    for key in keys:
        name = f"t/{fnv1a(key) % meta['nt']}"
        names.append(f"search/{name}.js")
        entries[key] = _load(site_dir, name).get(key)
    single = isinstance(q, wq.Term) and not isinstance(q, wq.Prefix)
    if not single:
        for e in entries.values():
            if e and e[4]:
                names += [f"search/u/{e[4][0]}-{j}.js" for j in range(e[4][1])]
    if any(isinstance(leaf, wq.Phrase) for leaf in q.leaves()):
        names += [f"search/p/{fnv1a(k) % meta['np']}.js" for k in keys if entries.get(k)]
    docs = _result_docs(index_dir or Path(site_dir).parent / "index", query)
    names += [f"search/d/{d // meta['d']}.js" for d in docs[:limit]]
    if not single:
        names += [f"search/g/{d // meta['g']}.js" for d in docs]
    return sorted(set(names))


def _query_words(query: str, meta: dict) -> list[str]:
    """Lower-cased tokens of the words the browser looks up in the forms map."""
    words = []
    for chunk in re.findall(r'"[^"]*"|[^\s()"]+', query):
        if chunk in ("AND", "OR", "NOT"):
            continue
        chunk = chunk.strip('"').lstrip("-")
        m = re.match(r"(\w+):(.*)$", chunk)
        if m and m.group(1) in meta["fields"]:
            if m.group(1) not in meta["positional"]:
                continue
            chunk = m.group(2)
        if chunk.endswith("*") and len(chunk) > 1:
            words.append(chunk[:-1].lower())
        words += [w for w in WORD.findall(chunk.lower()) if len(w) >= meta["minsize"] and w not in meta["stop"]]
    return words


def _expand(site_dir: Path, meta: dict, prefix: str, names: list[str]) -> list[str]:
    lex = meta["lex"]
    i = 0
    while i + 1 < len(lex) and lex[i + 1] <= prefix:
        i += 1
    j = i + 1
    while j < len(lex) and lex[j].startswith(prefix):
        j += 1
    keys = []
    for k in range(i, j):
        names.append(f"search/x/{k}.js")
        keys += [key for key in _load(site_dir, f"x/{k}") if key.startswith(prefix)]
    return keys


def _result_docs(index_dir: Path, query: str) -> list[int]:
    """Passage numbers of all results from the Whoosh index (the browser gives the same: parity tests)."""
    from .search_index import make_parser, open_index

    ix = open_index(index_dir)
    with ix.searcher(weighting=scoring.BM25F()) as s:
        return [hit["num"] for hit in s.search(make_parser(ix.schema).parse(query), limit=None)]


def bytes_for_query(site_dir: Path, query: str, index_dir: Path | None = None) -> int:
    """Bytes the browser fetches to answer `query` (script and index files, not the HTML page).
    index_dir defaults to `index/` beside the site, as the benchmark and the tests build it."""
    site = Path(site_dir)
    return sum((site / name).stat().st_size for name in files_for_query(site, query, index_dir=index_dir))
