"""What one query costs the browser: the files search.js loads for it, and their bytes.

Same lookups, same order of decisions as static/search.js (a browser test checks that the
page fetches exactly these files): the word forms (f/), facet labels (l/), the terms (t/),
with their tails (u/) and positions (p/) when the query needs them, the passages shown (d/),
the per-passage facets (g/, and g/s for the speakers they number) of a compound query once the
reader asked for its counts, and the vocabulary (v/) when nothing matched.
The facet counts are those of the query without its facet filters, run beside it."""

from __future__ import annotations

import gzip
import math
import re
from bisect import bisect_left
from dataclasses import dataclass
from pathlib import Path

from whoosh import query as wq
from whoosh import scoring

from wic_site.search_export.fileformat import POSITIONAL, WORD, decode_nums, fnv1a, load
from wic_site.search_index import PLAIN_FIELDS, make_parser, make_schema, open_index, ranked
from wic_site.search_labels import LABEL_FIELDS, normalize_label, read_hints, resolve_labels
from wic_site.search_suggest import max_distance, typed_words

CHIP = re.compile(r'(^|\s)(\((year|topic|speaker):[^\s()"]+(?: OR \3:[^\s()"]+)*\)|(?:year|topic|speaker):[^\s()"]+)(?=\s|$)')


def files_for_query(site_dir: Path, query: str, limit: int = 10, index_dir: Path | None = None,
                    counted: bool = False) -> list[str]:
    """Site-relative files search.js loads to show the first `limit` results of `query` with
    their facet counts: a one-term query's always, a compound query's when `counted` (the
    reader pressed "Count the passages")."""
    index_dir = Path(index_dir or Path(site_dir).parent / "index")
    base = facet_base(query)
    names = {"static/search.js", "search/index.js"}
    names |= _files(site_dir, index_dir, query, limit, facets=counted and (not base or base == query))
    if base and base != query:  # a compound base's postings only when its counts are asked for
        names |= _files(site_dir, index_dir, base, 0, facets=counted, shallow=not counted)
    return sorted(names)


def bytes_for_query(site_dir: Path, query: str, index_dir: Path | None = None, counted: bool = False) -> int:
    """Bytes the browser fetches to answer `query` (script and index files, not the HTML page).
    index_dir defaults to `index/` beside the site, as the benchmark and the tests build it."""
    site = Path(site_dir)
    return sum((site / name).stat().st_size for name in files_for_query(site, query, index_dir=index_dir, counted=counted))


def sizes_of(site_dir: Path, names: list[str]) -> tuple[int, int]:
    """(bytes, bytes gzipped as a static host that compresses scripts sends them, level 6) of
    the site files `names` (files_for_query's)."""
    data = [(Path(site_dir) / name).read_bytes() for name in names]
    return sum(map(len, data)), sum(len(gzip.compress(d, compresslevel=6, mtime=0)) for d in data)


def facet_base(query: str) -> str:
    """The query without the facet filters the page's buttons add (search.js split())."""
    def keep_or_drop(m: re.Match) -> str:
        before = query[:m.start() + len(m.group(1))]
        return m.group(0) if re.search(r"(^|\s)(AND|OR|NOT)\s*$", before) else m.group(1)

    return " ".join(CHIP.sub(keep_or_drop, query).split())


def _files(site_dir: Path, index_dir: Path, query: str, limit: int, facets: bool, shallow: bool = False) -> set[str]:
    meta = load(site_dir, "index")
    names: list[str] = []
    forms: dict[str, str] = {}
    for word in _query_words(query, meta):
        name = f"f/{fnv1a(word) % meta['nf']}"
        names.append(f"search/{name}.js")
        forms.update(load(site_dir, name))
    parsed = make_parser(make_schema()).parse(query)
    if parsed is wq.NullQuery:
        return set(names)
    for leaf in parsed.leaves():
        if leaf.field() in LABEL_FIELDS and isinstance(leaf, (wq.Term, wq.Phrase)) and not isinstance(leaf, wq.Prefix):
            shown = leaf.text if isinstance(leaf, wq.Term) else " ".join(leaf.words)
            names.append(f"search/l/{fnv1a(leaf.field() + ':' + normalize_label(shown)) % meta['nl']}.js")
    q, _ = resolve_labels(parsed, read_hints(index_dir)["labels"])
    expanded: dict[str, list[str]] = {}
    for leaf in q.leaves():
        if isinstance(leaf, wq.Prefix):
            expanded[f"{leaf.fieldname}:{leaf.text}"] = _expand(site_dir, f"{leaf.fieldname}:{leaf.text}", names)
    held = _fields_of_terms(forms)
    prefixed = {key for keys in expanded.values() for key in keys}
    entries = {}
    for key in _keys(q, expanded):
        field, term = key.split(":", 1)
        if field in POSITIONAL and key not in prefixed and (term not in held or
                                                           field in PLAIN_FIELDS and field not in held[term]):
            continue  # search.js's "?x" (no such word) and "!k" (not in that plain field)
        name = f"t/{fnv1a(key) % meta['nt']}"
        names.append(f"search/{name}.js")
        entries[key] = load(site_dir, name).get(key)
    pruned = _prune(q, entries, expanded)
    single = isinstance(pruned, wq.Term) and not isinstance(pruned, wq.Prefix)
    keys = _keys(pruned, expanded) if pruned is not None else []
    if shallow and not single:
        return set(names)
    if not single and pruned is not None:
        names += _tails_needed(pruned, _Plan(entries, expanded, meta["n"], index_dir), None)
    elif single and limit > meta["head"]:  # more results than the head holds: the whole list
        names += _covering(entries.get(keys[0]), None)
    if pruned is not None and any(isinstance(leaf, wq.Phrase) for leaf in pruned.leaves()):
        names += [f"search/p/{fnv1a(k) % meta['np']}.js" for k in keys if entries.get(k)]
    docs = _result_docs(index_dir, q)
    names += [f"search/d/{d // meta['d']}.js" for d in docs[:limit]]
    if facets and not single:
        names += [f"search/g/{d // meta['g']}.js" for d in docs] + ["search/g/s.js"] * bool(docs)
    if not docs:
        unknown = [w for w in typed_words(query) if w not in forms]
        if unknown:
            names += [f"search/v/{fnv1a(b) % meta['nv']}.js" for w in unknown for b in _buckets(w)]
    return set(names)


@dataclass(frozen=True)
class _Plan:
    entries: dict  # "field:term" -> its t/ entry
    expanded: dict[str, list[str]]  # "field:prefix" -> the keys it names
    passages: int
    index_dir: Path


def _tails_needed(q, plan: _Plan, docs: list[int] | None) -> list[str]:
    """search.js fetchFor(): the u/ files of every term, except that an And fetches all of its
    smallest part's files and, of its other parts, only those covering passages that part
    found (docs: sorted nums, None for all)."""
    if not isinstance(q, wq.And):
        return [name for key in _keys(q, plan.expanded) for name in _covering(plan.entries.get(key), docs)]
    first, *rest = sorted(q.subqueries, key=lambda part: _size(part, plan))
    names = _tails_needed(first, plan, docs)
    found = sorted(d for d in _result_docs(plan.index_dir, first) if docs is None or _holds(docs, d, d + 1))
    return names + [name for part in rest for name in _tails_needed(part, plan, found)]


def _size(q, plan: _Plan) -> int:
    """search.js size(): how many passages a part may match, at most."""
    df = lambda key: plan.entries[key][0]  # noqa: E731
    if q is wq.NullQuery:
        return 0
    if isinstance(q, wq.Prefix):
        return sum(map(df, plan.expanded[f"{q.fieldname}:{q.text}"]))
    if isinstance(q, wq.Term):
        return df(f"{q.fieldname}:{q.text}")
    if isinstance(q, wq.Phrase):
        return min(df(f"{q.fieldname}:{w}") for w in q.words)
    if isinstance(q, wq.Not):
        return plan.passages - _size(q.query, plan)
    sizes = [_size(part, plan) for part in q.subqueries]
    return min(sizes) if isinstance(q, wq.And) else sum(sizes)


def _covering(entry, docs: list[int] | None) -> list[str]:
    """The u/ files of a term's entry that hold the nums of docs (all of them for None)."""
    if not entry or not entry[4]:
        return []
    firsts = decode_nums(entry[4][1])
    return [f"search/u/{entry[4][0]}-{j}.js" for j, (lo, hi) in enumerate(zip(firsts, firsts[1:] + [math.inf]))
            if docs is None or _holds(docs, lo, hi)]


def _holds(docs: list[int], lo: float, hi: float) -> bool:
    i = bisect_left(docs, lo)
    return i < len(docs) and docs[i] < hi


def _fields_of_terms(forms: dict) -> dict[str, set[str]]:
    """term -> the plain fields that hold it, from f/ values (a term alone: text only)."""
    held: dict[str, set[str]] = {}
    for value in forms.values():
        term, fields = (value, ["text"]) if isinstance(value, str) else (value[0], value[1:])
        held.setdefault(term, set()).update(fields)
    return held


def _buckets(word: str) -> list[str]:
    cap = max_distance(word)
    return [f"{word[0]}{n}" for n in range(len(word) - cap, len(word) + cap + 1)]


def _keys(q, expanded: dict[str, list[str]]) -> list[str]:
    keys: list[str] = []
    for leaf in q.leaves() if q.is_leaf() is False else [q]:
        if isinstance(leaf, wq.Prefix):
            keys += expanded[f"{leaf.fieldname}:{leaf.text}"]
        elif isinstance(leaf, wq.Phrase):
            keys += [f"{leaf.fieldname}:{w}" for w in leaf.words]
        elif isinstance(leaf, wq.Term):
            keys.append(f"{leaf.fieldname}:{leaf.text}")
    return list(dict.fromkeys(keys))


def _prune(q, entries: dict, expanded: dict[str, list[str]]):
    """search.js prune(): the query without terms no passage has (None: it matches nothing)."""
    if isinstance(q, wq.Prefix):
        return q if expanded[f"{q.fieldname}:{q.text}"] else None
    if isinstance(q, wq.Term):
        return q if entries.get(f"{q.fieldname}:{q.text}") else None
    if isinstance(q, wq.Phrase):
        return q if all(entries.get(f"{q.fieldname}:{w}") for w in q.words) else None
    if isinstance(q, wq.Not):
        return wq.Not(_prune(q.query, entries, expanded) or wq.NullQuery)
    parts = [_prune(c, entries, expanded) for c in q.subqueries]
    if isinstance(q, wq.And):
        return None if None in parts else parts[0] if len(parts) == 1 else wq.And(parts)
    kept = [p for p in parts if p is not None]
    return None if not kept else kept[0] if len(kept) == 1 else wq.Or(kept)


def _query_words(query: str, meta: dict) -> list[str]:
    """Lower-cased tokens of the words the browser looks up in the forms map."""
    words = []
    for chunk in re.findall(r'\w+:"[^"]*"|"[^"]*"|[^\s()"]+', query):
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


def _expand(site_dir: Path, prefix: str, names: list[str]) -> list[str]:
    lex = load(site_dir, "x/lex")
    names.append("search/x/lex.js")
    i = 0
    while i + 1 < len(lex) and lex[i + 1] <= prefix:
        i += 1
    j = i + 1
    while j < len(lex) and lex[j].startswith(prefix):
        j += 1
    keys = []
    for k in range(i, j):
        names.append(f"search/x/{k}.js")
        keys += [key for key in load(site_dir, f"x/{k}") if key.startswith(prefix)]
    return keys


def _result_docs(index_dir: Path, q) -> list[int]:
    """Passage numbers of all results from the Whoosh index (the browser gives the same: parity tests)."""
    with open_index(index_dir).searcher(weighting=scoring.BM25F()) as s:
        num = passage_numbers(s)
        return [num[hit.docnum] for hit in ranked(s, q, None)]


def passage_numbers(searcher) -> dict[int, int]:
    """Whoosh docnum -> passage number (the browser's: the place of the passage in records
    order, which the tie-break columns article_order and paragraph_order sort by)."""
    reader = searcher.reader()
    order, paragraph = reader.column_reader("article_order"), reader.column_reader("paragraph_order")
    docs = sorted(reader.all_doc_ids(), key=lambda d: (order[d], paragraph[d]))
    return {docnum: n for n, docnum in enumerate(docs)}
