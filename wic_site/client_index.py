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
from dataclasses import dataclass
from itertools import chain
from operator import itemgetter
from pathlib import Path

from whoosh import scoring
from whoosh.analysis import STOP_WORDS, StemmingAnalyzer

from .models import Records
from .search_index import QUERY_FIELDS, iter_passages, make_schema, open_index
from .writer import SiteWriter

SHARD_BYTES = 3000  # target size of hashed shards: small enough for the query budget
HEAD = 100  # postings kept with the term; enough for the first pages of a one-word query
TAIL = 4000  # postings per tail file
FACET_SHARD = 4096  # passages per g/ shard
DISPLAY_BYTES = 1200  # text per d/ shard
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


def script(name: str, data) -> str:
    payload = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return f'WicSearch.add("{name}",{payload});\n'


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


def write_client_index(index_dir: Path, records: Records, site: SiteWriter) -> None:
    write_files(export_files(index_dir, records), site)


def write_files(files: dict[str, str], site: SiteWriter) -> None:
    for name in sorted(files):
        site.write(f"search/{name}.js", files[name])


def export_files(index_dir: Path, records: Records) -> dict[str, str]:
    """Every search/ script by name (without .js)."""
    ix = open_index(index_dir)
    by_key = {(p.article, p.paragraph): p for p in iter_passages(records)}
    years = sorted({p.year for p in by_key.values() if p.year})
    topics = sorted(t.id for t in records.topics)
    with ix.searcher(weighting=scoring.BM25F()) as searcher:
        stored = list(searcher.reader().iter_docs())
        renumber = [0] * searcher.doc_count_all()
        for docnum, fields in stored:
            renumber[docnum] = fields["num"]
        docs = [_doc(fields, by_key, years, topics) for _, fields in sorted(stored, key=lambda d: d[1]["num"])]
        terms = _postings(searcher, renumber)
    names = {s.id: s.name for s in records.speakers}
    forms, seen = _forms(docs, records, {k.split(":", 1)[1] for k in terms if k.startswith(("text:", "title:"))})
    files: dict[str, str] = {}
    nf = _shard_count(sum(len(f) + len(t) + 6 for f, t in forms.items()))
    entries, tails = _term_entries(terms, {f: t for f, t in forms.items() if f in seen}, docs, names, years, topics)
    del terms  # the postings as tuples are the largest structure; never hold them with the positions
    nt = _shard_count(sum(len(k) + len(json.dumps(e, ensure_ascii=False)) for k, e in entries.items()))
    files.update(tails)
    files.update(_hashed("t", entries, nt))
    lexicon = _lexicon(sorted(entries))
    del entries
    positions = _positions_of(docs, {a.id: a.title for a in records.articles})
    coded = {k: _positions(v) for k, v in positions.items()}
    del positions
    np = _shard_count(sum(len(k) + len(v) + 4 for k, v in coded.items()))
    files.update(_hashed("p", coded, np))
    files.update(_hashed("f", forms, nf))
    files.update({f"x/{i}": script(f"x/{i}", chunk) for i, chunk in enumerate(lexicon)})
    per_display = _display_size(docs)
    files.update(_display_files(docs, records, names, per_display))
    files.update(_facet_files(docs, names))
    files["index"] = script("index", {
        "n": len(docs), "nt": nt, "nf": nf, "np": np, "head": HEAD, "d": per_display, "g": FACET_SHARD,
        "lex": [chunk[0] for chunk in lexicon], "stop": sorted(STOP_WORDS), "minsize": 2,
        "fields": list(QUERY_FIELDS), "positional": list(POSITIONAL),
        "years": years, "topics": [[t.id, t.name] for t in sorted(records.topics, key=lambda t: t.id)],
    })
    return files


def _doc(stored: dict, by_key: dict, years: list[str], topics: list[str]) -> Doc:
    p = by_key[(stored["article"], stored["paragraph"])]
    where = {t: i for i, t in enumerate(topics)}
    return Doc(p.article, p.paragraph, p.text, p.year, p.topics, p.speakers,
               years.index(p.year) if p.year else -1, tuple(where[t] for t in p.topics if t in where))


def _postings(searcher, renumber: list[int]):
    """{"field:term": [(num, weight)]}, per leaf searcher as a search collects them: the
    scorer Term.matcher would get, the same docnum offsets, each docnum then renumbered to
    the passage's stored `num`. A BM25F scorer is called on (weight, field length)
    directly: the computation of scorer.score(matcher) itself."""
    terms: dict[str, list[tuple[int, float]]] = {}
    leaves = list(searcher.leaf_searchers())
    lengths = {(i, f): [sub.doc_field_length(d, f, 1) for d in range(sub.doc_count_all())]
               for i, (sub, _) in enumerate(leaves) for f in POSITIONAL}
    for field in QUERY_FIELDS:
        for text in searcher.reader().field_terms(field):
            posts = []
            for i, (sub, offset) in enumerate(leaves):
                if (field, text) not in sub.reader():
                    continue
                scorer = sub.weighting.scorer(sub, field, text)
                m = sub.postings(field, text)
                dfl = lengths.get((i, field)) if isinstance(scorer, scoring.BM25FScorer) else None
                while m.is_active():
                    doc = m.id()
                    weight = scorer._score(m.weight(), dfl[doc]) if dfl else scorer.score(m)
                    posts.append((renumber[offset + doc], weight))
                    m.next()
            terms[f"{field}:{text}"] = posts
    return terms


def _positions_of(docs: list[Doc], titles: dict[str, str]) -> dict[str, dict[int, list[int]]]:
    """Term positions for phrases, as the schema's own analyzer gives them (what Whoosh
    indexed; a test compares them with the index). Reading them back from the postings costs
    4x more, and running the analyzer over every text 5x more than this: its filters work
    token by token, so each distinct token is analysed once and texts are only tokenized."""
    schema = make_schema()
    positions: dict[str, dict[int, list[int]]] = defaultdict(dict)
    tokens = {num: WORD.findall(d.text) for num, d in enumerate(docs)}
    title_tokens = {article: WORD.findall(title) for article, title in titles.items()}
    for field in POSITIONAL:
        found_in = tokens if field == "text" else {num: title_tokens[d.article] for num, d in enumerate(docs)}
        words = set(chain.from_iterable(found_in.values()))
        term_of = _token_terms(schema[field].analyzer, sorted(words))
        cache: dict[str, dict[str, list[int]]] = {}
        for num, found in found_in.items():
            if field == "title":  # one analysis per article, shared by its passages
                key = docs[num].article
                if key not in cache:
                    cache[key] = _analyze(found, term_of)
                where = cache[key]
            else:
                where = _analyze(found, term_of)
            for term, pos in where.items():
                positions[f"{field}:{term}"][num] = pos
    return positions


def _analyze(tokens: list[str], term_of: dict[str, str]) -> dict[str, list[int]]:
    """Positions of the kept tokens, numbered as Whoosh's StopFilter(renumber=True) does: the
    first kept token keeps its place, each later kept token is one after the previous."""
    found: dict[str, list[int]] = {}
    pos = -1
    for i, token in enumerate(tokens):
        term = term_of.get(token)
        if term is None:
            continue
        pos = i if pos < 0 else pos + 1
        found.setdefault(term, []).append(pos)
    return found


def _token_terms(analyzer, words: list[str]) -> dict[str, str]:
    """Tokenizer match -> its indexed term (stop words and short words absent). One analyzer
    pass over all words joined by spaces, each token traced back to its word by offset."""
    starts, offset = [], 0
    for word in words:
        starts.append(offset)
        offset += len(word) + 1
    return {words[bisect.bisect_right(starts, t.startchar) - 1]: t.text
            for t in analyzer(" ".join(words), chars=True, mode="index")}


def _forms(docs: list[Doc], records: Records, stems: set[str]) -> tuple[dict[str, str], set[str]]:
    """Every lower-cased surface form in texts and titles -> its term, plus generated
    inflections (-s, -ing, -ation...) whose stem is a term, so other inflections than the
    corpus's own find their passages without a stemmer in the browser."""
    analyzer = StemmingAnalyzer()
    seen: set[str] = set()
    for text in [d.text for d in docs] + [a.title for a in records.articles]:
        seen.update(w.lower() for w in WORD.findall(text))
    candidates = set(seen)
    for w in seen:
        if w.isalpha() and len(w) > 2:
            bases = {w, w[:-1]} | ({w[:-3] + "y"} if w.endswith("ies") else set())
            candidates.update(b + s for b in bases for s in SUFFIXES)
    return _single_terms(analyzer, sorted(candidates), stems), seen


def _single_terms(analyzer, words: list[str], stems: set[str]) -> dict[str, str]:
    """word -> its term, for words the analyzer turns into exactly one indexed term.

    One analyzer pass over all words joined by spaces, each token traced back to its word by
    character offset: the same result as analysing word by word, several times faster."""
    starts, offset = [], 0
    for word in words:
        starts.append(offset)
        offset += len(word) + 1
    terms: dict[int, list[str]] = defaultdict(list)
    for token in analyzer(" ".join(words), chars=True):
        terms[bisect.bisect_right(starts, token.startchar) - 1].append(token.text)
    return {words[i]: found[0] for i, found in terms.items() if len(found) == 1 and found[0] in stems}


def _shard_count(total_bytes: int) -> int:
    return max(1, -(-total_bytes // SHARD_BYTES))


def _hashed(prefix: str, entries: dict, count: int) -> dict[str, str]:
    shards: dict[int, dict] = defaultdict(dict)
    for key, value in entries.items():
        shards[fnv1a(key) % count][key] = value
    return {f"{prefix}/{i}": script(f"{prefix}/{i}", shard) for i, shard in sorted(shards.items())}


def _chunk(posts: list[tuple[int, float]]) -> list:
    """[weights, "d,d;d,d"]: one group of delta-coded docnums per distinct weight."""
    groups: dict[float, list[int]] = {}
    for doc, weight in posts:
        groups.setdefault(weight, []).append(doc)
    weights = list(groups)
    coded = []
    for w in weights:
        prev, parts = 0, []
        for doc in groups[w]:
            parts.append(b36(doc - prev))
            prev = doc
        coded.append(",".join(parts))
    return [weights, ";".join(coded)]


def _term_entries(terms, forms, docs, names, years, topics) -> tuple[dict[str, list], dict[str, str]]:
    """{"field:term": [doc freq, head chunk, corpus forms, facet counts, tail]}, tail files."""
    surface: dict[str, list[str]] = defaultdict(list)
    for form, term in sorted(forms.items()):
        surface[term].append(form)
    columns = _FacetColumns([d.year_index for d in docs], [d.topic_indexes for d in docs], [d.speakers for d in docs])
    entries, files, tails = {}, {}, 0
    for key in sorted(terms):
        # Impact order: weight descending, then docnum (a reverse sort keeps ties in docnum order).
        posts = sorted(sorted(terms[key]), key=itemgetter(1), reverse=True)
        field, text = key.split(":", 1)
        entry = [len(posts), _chunk(posts[:HEAD]), surface.get(text, []) if field in POSITIONAL else [],
                 _facet_counts([d for d, _ in posts], columns, names), None]
        if len(posts) > HEAD:
            rest = posts[HEAD:]
            chunks = [rest[i:i + TAIL] for i in range(0, len(rest), TAIL)]
            entry[4] = [tails, len(chunks)]
            for j, chunk in enumerate(chunks):
                files[f"u/{tails}-{j}"] = script(f"u/{tails}-{j}", _chunk(chunk))
            tails += 1
        entries[key] = entry
    return entries, files


@dataclass(frozen=True)
class _FacetColumns:
    """Per passage number: year index, topic indexes, speaker ids (looked up with map(), in C)."""

    years: list[int]
    topics: list[tuple[int, ...]]
    speakers: list[tuple[str, ...]]


def _facet_counts(nums: list[int], columns: _FacetColumns, names, top: int = 12) -> list:
    """[year counts, topic counts, top speakers] of the docs `nums`; years and topics as
    "index:count" pairs into the manifest's lists, speakers as [id, name, count]."""
    y = Counter(map(columns.years.__getitem__, nums))
    y.pop(-1, None)  # year unknown
    t = Counter(chain.from_iterable(map(columns.topics.__getitem__, nums)))
    speakers = Counter(chain.from_iterable(map(columns.speakers.__getitem__, nums)))
    best = sorted(speakers.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
    pairs = lambda c: ",".join(f"{k}:{n}" for k, n in sorted(c.items()))  # noqa: E731
    return [pairs(y), pairs(t), [[s, names.get(s, s), n] for s, n in best]]


def _positions(where: dict[int, list[int]]) -> str:
    return ";".join(f"{b36(doc)}:{','.join(b36(p) for p in pos)}" for doc, pos in sorted(where.items()))


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


def _display_files(docs, records: Records, names, per: int) -> dict[str, str]:
    articles = {a.id: a for a in records.articles}
    files = {}
    for start in range(0, len(docs), per):
        part = docs[start:start + per]
        shown = {d.article: articles[d.article] for d in part}
        data = {
            "a": {a.id: [a.title, a.year, a.url] for a in shown.values()},
            "p": [[d.article, d.paragraph, d.text, [[s, names.get(s, s)] for s in d.speakers]] for d in part],
        }
        name = f"d/{start // per}"
        files[name] = script(name, data)
    return files


def _facet_files(docs: list[Doc], names) -> dict[str, str]:
    """Per passage "year;topic.topic;speaker.speaker" (manifest indexes for years and topics,
    indexes into this shard's speaker list), to count facets of compound queries."""
    files = {}
    for start in range(0, len(docs), FACET_SHARD):
        part = docs[start:start + FACET_SHARD]
        speakers = sorted({s for d in part for s in d.speakers})
        local = {s: i for i, s in enumerate(speakers)}
        rows = [f"{d.year_index if d.year_index >= 0 else ''};{'.'.join(map(str, d.topic_indexes))};"
                f"{'.'.join(str(local[s]) for s in d.speakers)}" for d in part]
        name = f"g/{start // FACET_SHARD}"
        files[name] = script(name, {"p": rows, "s": [[s, names.get(s, s)] for s in speakers]})
    return files


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
