"""The Whoosh index of passages (one paragraph = one document), its query parser, and `search`.

Whoosh is the engine of record: the browser's index (search_export/) is exported from the
index written here, and the parity tests hold the browser to what `search_passages` answers.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from whoosh import columns, fields, highlight, index, qparser, scoring, sorting
from whoosh import query as query_module
from whoosh.analysis import StemmingAnalyzer
from whoosh.qparser import syntax

from .errors import UserError
from .models import Records
from .text.plain import plain_text

# Fields a query may name with `field:value`; words without a field search PLAIN_FIELDS: the
# text and the names of the speakers whose claims are in the passage (a Q&A answer names
# no one, but its speaker's name finds it).
QUERY_FIELDS = ("text", "title", "name", "year", "speaker", "topic", "kind", "article")
PLAIN_FIELDS = ("text", "name")
MINUS = r"(^|(?<=(\s|[()])))-(?=[^\s()-])"  # `-word` excludes, `cyber-security` stays one word


def make_schema() -> fields.Schema:
    stem = StemmingAnalyzer(cachesize=-1)  # a plain dict of stems: Whoosh's bounded LRU costs more than the stemming
    return fields.Schema(
        article=fields.ID(stored=True),
        paragraph=fields.STORED,
        article_order=fields.COLUMN(columns.VarBytesColumn()),  # ties rank by these two: passage order,
        paragraph_order=fields.COLUMN(columns.NumericColumn("I")),  # each a function of its own article
        title=fields.TEXT(analyzer=stem, phrase=True),
        text=fields.TEXT(analyzer=stem, phrase=True, stored=True),  # stored for CLI highlights
        name=fields.TEXT(analyzer=stem, phrase=True, stored=True),  # stored for the CLI's suggestions
        year=fields.ID,
        speaker=fields.KEYWORD,
        topic=fields.KEYWORD,
        kind=fields.KEYWORD,
    )


def make_parser(schema: fields.Schema) -> qparser.QueryParser:
    """Whoosh's QueryParser restricted to the documented syntax (search.js parses the same)."""
    op = qparser.OperatorsPlugin.OpTagger
    minus = op(MINUS, syntax.NotGroup, syntax.PrefixOperator, memo="minus")
    plugins = [
        qparser.WhitespacePlugin(), qparser.GroupPlugin(), qparser.FieldsPlugin(),
        qparser.PhrasePlugin(), qparser.PrefixPlugin(),
        qparser.OperatorsPlugin(ops=[(minus, 0)], AndNot=None, AndMaybe=None, Require=None),
        qparser.MultifieldPlugin(PLAIN_FIELDS),
    ]
    return qparser.QueryParser("text", schema, plugins=plugins)


@dataclass(frozen=True)
class Passage:
    article: str
    paragraph: int
    title: str
    text: str
    year: str | None
    speakers: tuple[str, ...]
    topics: tuple[str, ...]
    kinds: tuple[str, ...]
    names: str  # the speakers' names and aliases, "; "-separated, in speaker id order
    article_order: str  # sorts as records.articles does; see article_order()


def iter_passages(records: Records) -> Iterator[Passage]:
    """Every paragraph of every article, with the facets of the claims made in it."""
    speakers: dict[tuple[str, int], set[str]] = {}
    kinds: dict[tuple[str, int], set[str]] = {}
    names = {s.id: "; ".join(dict.fromkeys((s.name, *s.aliases))) for s in records.speakers}
    for claim in records.claims:
        key = (claim.article, claim.paragraph)
        kinds.setdefault(key, set()).add(claim.kind)
        if claim.speaker:
            speakers.setdefault(key, set()).add(claim.speaker)
    for article in records.articles:
        for i, paragraph in enumerate(article.paragraphs):
            topics = article.paragraph_topics[i] if i < len(article.paragraph_topics) else ()
            cast = tuple(sorted(speakers.get((article.id, i), ())))
            yield Passage(
                article=article.id,
                paragraph=i,
                title=article.title,
                text=plain_text(paragraph) if article.markdown else paragraph,
                year=str(article.year) if article.year is not None else None,
                speakers=cast,
                topics=tuple(sorted(topics)),
                kinds=tuple(sorted(kinds.get((article.id, i), ()))),
                names="; ".join(names.get(s, s) for s in cast),
                article_order=article_order(article),
            )


def article_order(article) -> str:
    """records.articles' order, (year or 9999, date or "", id), as one string that sorts the
    same way (NUL sorts before any character): it depends on the article alone, so an edit
    to one article changes no other article's documents (index_sync relies on that)."""
    return "\0".join((f"{article.year or 9999:05d}", article.date or "", article.id))


def build_index(records: Records, index_dir: Path, jobs: int | None = None, taxonomy_path: Path | None = None) -> None:
    """Recreate the passage index in index_dir on up to `jobs` writer processes (default:
    every core), with the facet labels and the taxonomy's synonyms beside it (search_labels),
    and the digests that let index_sync.sync_index update it in place later."""
    from .index_sync import build_fresh

    build_fresh(records, Path(index_dir), jobs, taxonomy_path)


def passage_document(p: Passage) -> dict:
    """The Whoosh document of a passage: nothing in it depends on another article."""
    doc = {"article": p.article, "paragraph": p.paragraph, "article_order": p.article_order.encode(),
           "paragraph_order": p.paragraph, "title": p.title, "text": p.text}
    doc.update(_keywords(p))
    return doc


def ranked(searcher, q, limit: int | None):
    """Whoosh's results for q, best first; equal scores in passage order (iter_passages'), as
    the browser ranks them (Whoosh alone would order ties by docnum, which differs between
    segments). Each hit's score is then its sort key: use hit_score()."""
    order = [sorting.ScoreFacet(), sorting.FieldFacet("article_order"), sorting.FieldFacet("paragraph_order")]
    return searcher.search(q, limit=limit, sortedby=order)


def hit_score(hit) -> float:
    return -hit.score[0]


def _keywords(p: Passage) -> dict[str, str]:
    values = {"name": p.names, "year": p.year or "", "speaker": " ".join(p.speakers),
              "topic": " ".join(p.topics), "kind": " ".join(p.kinds)}
    return {name: value for name, value in values.items() if value}


def open_index(index_dir: Path | str) -> index.Index:
    if not index.exists_in(str(index_dir)):
        raise UserError(f"no index at {index_dir}: run `wic-site build` first")
    ix = index.open_dir(str(index_dir))
    if set(make_schema().names()) - set(ix.schema.names()):
        raise UserError(f"the index at {index_dir} was built by an older wic-site: run `wic-site build` again")
    return ix


def query_notes(query: str) -> list[str]:
    """What Whoosh's parser silently does with a slip, said out loud (search.js says the same)."""
    names = re.findall(r"(?:^|(?<=[\s(]))-?(\w+):", query)
    notes = [f"{n}: is not a field ({', '.join(QUERY_FIELDS)}); searched as words"
             for n in sorted({n for n in names if n not in QUERY_FIELDS})]
    if query.count('"') % 2:
        notes.append("unbalanced quote: it was ignored")
    if query.count("(") != query.count(")"):
        notes.append("unbalanced bracket: it was ignored")
    return notes


def parse_query(ix: index.Index, query: str):
    """Parse with Whoosh's parser; a query it cannot read becomes one helpful line."""
    try:
        return make_parser(ix.schema).parse(query)
    except Exception:  # the parser raises IndexError etc. on e.g. `NOT -word`
        raise UserError(f"cannot read the query {query!r}: check NOT/OR/-, quotes and brackets") from None


@dataclass(frozen=True)
class Hit:
    article: str
    paragraph: int
    score: float
    url: str
    snippet: str

    def to_dict(self) -> dict:
        return {"article": self.article, "paragraph": self.paragraph, "score": self.score,
                "url": self.url, "snippet": self.snippet}


class _Marked(highlight.Formatter):
    """Matched words as **word**: readable in a terminal and in JSON."""

    between = " … "

    def format_token(self, text, token, replace=False):
        return "**" + highlight.get_text(text, token, replace) + "**"


@dataclass(frozen=True)
class Answer:
    hits: tuple[Hit, ...]
    notes: tuple[str, ...]  # slips in the query and facet labels that name nothing
    did_you_mean: tuple[str, ...]  # queries with unknown words replaced (only when nothing matched)
    also_try: tuple[str, ...]  # taxonomy synonyms of words in the query


def search_passages(index_dir: Path | str, query: str, limit: int = 10) -> list[Hit]:
    return list(answer_query(index_dir, query, limit).hits)


def answer_query(index_dir: Path | str, query: str, limit: int = 10) -> Answer:
    """The top `limit` hits of `query` with what search.js says beside them."""
    from .search_labels import also_try, read_hints, resolve_labels
    from .search_suggest import index_vocabulary, suggested_queries, unknown_words

    ix = open_index(index_dir)
    q = parse_query(ix, query)
    if q is query_module.NullQuery:
        raise UserError(f"{query!r} has only common words (the, of, …), which are not indexed: add a more specific word")
    hints = read_hints(Path(index_dir))
    q, missing = resolve_labels(q, hints["labels"])
    with ix.searcher(weighting=scoring.BM25F()) as searcher:
        results = ranked(searcher, q, limit)
        results.formatter = _Marked()
        results.fragmenter = highlight.ContextFragmenter(maxchars=240, surround=60)
        hits = tuple(_hit(h) for h in results)
        unknown = [] if hits else unknown_words(query, searcher.reader())
        fixes = suggested_queries(query, unknown, index_vocabulary(searcher)) if unknown else []
    return Answer(hits, tuple(query_notes(query) + missing), tuple(fixes), tuple(also_try(query, hints["synonyms"])))


def _hit(h) -> Hit:
    article, paragraph = h["article"], h["paragraph"]
    snippet = h.highlights("text", top=2) or h["text"][:240]
    return Hit(article, paragraph, hit_score(h), f"articles/{article}/#p-{paragraph + 1}", snippet)


def print_search(query: str, *, index_dir, as_json: bool = False, limit: int = 10) -> int:
    if not query.strip():
        raise UserError("empty query: give words to search for (see README, Search syntax)")
    found = answer_query(index_dir, query, limit)
    for note in found.notes:
        print(f"wic-site: note: {note}", file=sys.stderr)
    hints = [f"did you mean: {' | '.join(found.did_you_mean)}?"] * bool(found.did_you_mean)
    hints += [f"also try: {' | '.join(found.also_try)}"] * bool(found.also_try)
    if as_json:
        print(json.dumps([h.to_dict() for h in found.hits], indent=2, ensure_ascii=False))
        for hint in hints:
            print(f"wic-site: {hint}", file=sys.stderr)
        return 0
    if not found.hits:
        print(f"No passages match {query!r}.")
    for rank, h in enumerate(found.hits, 1):
        print(f"{rank:>2}. {h.url}  (score {h.score:.3f})\n    {h.snippet}")
    for hint in hints:
        print(hint[0].upper() + hint[1:])
    return 0
