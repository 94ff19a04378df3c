""""Did you mean…": the nearest words of the index's own vocabulary to a word it lacks.

The vocabulary is every lower-cased word form of the passages' texts and speaker names whose
term is indexed, with its term's passage count (text and name postings). The export ships it
as v/ shards keyed by (first letter, length); search.js reads candidates as this module does:
same first letter, length within the distance, Levenshtein distance at most 1 for words of up
to 4 letters and 2 beyond, ordered by distance, then passage count (descending), then the word.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from whoosh.analysis import STOP_WORDS

from .search_index import PLAIN_FIELDS, QUERY_FIELDS, make_schema

WORD_CHARS = re.compile(r"\w+(?:\.?\w+)*")  # Whoosh's RegexTokenizer default
POSITIONAL = ("text", "title", "name")  # fields whose words the word-form map holds
_CHUNK = re.compile(r'\w+:"[^"]*"|"[^"]*"|[^\s()"]+')  # field:"phrase" is one chunk
_FIELD = re.compile(r"(\w+):(.*)$")
SUGGESTIONS = 3  # queries offered


def max_distance(word: str) -> int:
    return 1 if len(word) <= 4 else 2


def shard_key(word: str) -> str:
    """The v/ shard a vocabulary word lives in: its first letter and its length."""
    return f"{word[0]}{len(word)}"


def edit_distance(a: str, b: str, cap: int) -> int:
    """Levenshtein distance, or cap + 1 once it must exceed cap."""
    if abs(len(a) - len(b)) > cap:
        return cap + 1
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (ca != cb))
        if min(row) > cap:
            return cap + 1
    return row[-1]


def nearest(word: str, vocabulary: dict[str, int], limit: int = SUGGESTIONS) -> list[str]:
    """Up to `limit` vocabulary words nearest to `word` (a lower-cased token)."""
    cap = max_distance(word)
    found = []
    for other, count in vocabulary.items():
        if other[:1] == word[:1] and abs(len(other) - len(word)) <= cap and other != word:
            d = edit_distance(word, other, cap)
            if d <= cap:
                found.append((d, -count, other))
    return [w for _, _, w in sorted(found)[:limit]]


def suggested_queries(query: str, unknown: list[str], vocabulary: dict[str, int]) -> list[str]:
    """Queries with each unknown word replaced by its k-th nearest word (its nearest when it
    has fewer), for k = 1..SUGGESTIONS; none when an unknown word has no near word."""
    options = {w: nearest(w, vocabulary) for w in dict.fromkeys(unknown)}
    if not options or not all(options.values()):
        return []
    out: list[str] = []
    for k in range(SUGGESTIONS):
        chosen = {w: found[min(k, len(found) - 1)] for w, found in options.items()}
        fixed = WORD_CHARS.sub(lambda m: chosen.get(m.group(0).lower(), m.group(0)), query)
        if fixed not in out:
            out.append(fixed)
    return out


def vocabulary_of(texts: Iterable[str], analyzer, doc_count) -> dict[str, int]:
    """Lower-cased word forms of `texts` -> passage count of their term (doc_count(term); 0:
    not indexed, left out). Each distinct form is analysed once."""
    forms = {w.lower() for text in texts for w in WORD_CHARS.findall(text)}
    found = {}
    for form in sorted(forms):
        tokens = [t.text for t in analyzer(form)]
        if len(tokens) == 1 and (count := doc_count(tokens[0])):
            found[form] = count
    return found


def index_vocabulary(searcher) -> dict[str, int]:
    """The vocabulary read back from a Whoosh index's stored texts and names (the CLI's way)."""
    reader = searcher.reader()
    texts = (value for fields in reader.iter_docs() for f, value in fields[1].items() if f in PLAIN_FIELDS)
    return vocabulary_of(texts, make_schema()["text"].analyzer, lambda t: term_count(reader, t))


def term_count(reader, term: str) -> int:
    return sum(reader.doc_frequency(field, term) for field in PLAIN_FIELDS)


def typed_words(query: str) -> list[str]:
    """Lower-cased tokens the query searches in text, title and name (search.js looks up the
    same in its word-form map): not operators, facet values or prefixes."""
    words = []
    for chunk in _CHUNK.findall(query):
        if chunk in ("AND", "OR", "NOT"):
            continue
        chunk = chunk.strip('"').lstrip("-")
        field = _FIELD.match(chunk)
        if field and field.group(1) in QUERY_FIELDS:
            if field.group(1) not in POSITIONAL:
                continue
            chunk = field.group(2)
        if chunk.endswith("*"):
            continue
        words += [w for w in WORD_CHARS.findall(chunk.lower()) if len(w) >= 2 and w not in STOP_WORDS]
    return words


def unknown_words(query: str, reader) -> list[str]:
    """The query's words whose term no passage has, in any field words are searched in."""
    analyzer = make_schema()["text"].analyzer
    unknown = []
    for word in typed_words(query):
        terms = [t.text for t in analyzer(word)]
        if not any(reader.doc_frequency(f, t) for f in POSITIONAL for t in terms):
            unknown.append(word)
    return unknown
