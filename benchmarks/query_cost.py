"""What one query costs the browser: the files search.js loads for it, and their bytes.

Same lookups, same order of decisions as static/search.js; a browser test checks that the
page fetches exactly these files."""

from __future__ import annotations

import re
from pathlib import Path

from whoosh import query as wq
from whoosh import scoring

from wic_site.search_export.fileformat import POSITIONAL, WORD, fnv1a, load
from wic_site.search_index import make_parser, make_schema, open_index


def files_for_query(site_dir: Path, query: str, limit: int = 10, index_dir: Path | None = None) -> list[str]:
    """Site-relative files search.js loads to show the first `limit` results of `query` with
    their facet counts."""
    meta = load(site_dir, "index")
    names = ["static/search.js", "search/index.js"]
    forms: dict[str, str] = {}
    for word in _query_words(query, meta):
        name = f"f/{fnv1a(word) % meta['nf']}"
        names.append(f"search/{name}.js")
        forms.update(load(site_dir, name))
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
        entries[key] = load(site_dir, name).get(key)
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


def bytes_for_query(site_dir: Path, query: str, index_dir: Path | None = None) -> int:
    """Bytes the browser fetches to answer `query` (script and index files, not the HTML page).
    index_dir defaults to `index/` beside the site, as the benchmark and the tests build it."""
    site = Path(site_dir)
    return sum((site / name).stat().st_size for name in files_for_query(site, query, index_dir=index_dir))


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
        keys += [key for key in load(site_dir, f"x/{k}") if key.startswith(prefix)]
    return keys


def _result_docs(index_dir: Path, query: str) -> list[int]:
    """Passage numbers of all results from the Whoosh index (the browser gives the same: parity tests)."""
    ix = open_index(index_dir)
    with ix.searcher(weighting=scoring.BM25F()) as s:
        return [hit["num"] for hit in s.search(make_parser(ix.schema).parse(query), limit=None)]
