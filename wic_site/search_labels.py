"""What a reader types for a facet, read as the index's values; and the taxonomy's synonyms.

`speaker:"Xi Jinping"`, `topic:Cybersecurity` and `article:"Some title"` name facets as the
pages show them; the index holds ids (`xi-jinping`, `cybersecurity`). build_index writes the
table from shown labels to ids beside the Whoosh index (hints.json), so `wic-site search`
and the browser's export read the same table. A label matches case-insensitively, with
spaces, hyphens and underscores alike. search.js reads labels and synonyms as this module does.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from whoosh import query as wq

from .models import Records
from .yamlfile import read_yaml

LABEL_FIELDS = ("year", "speaker", "topic", "kind", "article")
HINTS_FILE = "hints.json"
_SEPARATORS = re.compile(r"[\s_-]+")
_WORD = re.compile(r"\w+(?:\.?\w+)*")  # Whoosh's RegexTokenizer default
_FILTER = re.compile(r'\w+:("[^"]*"|\S+)')  # a field:value chunk; synonyms are for plain words


def normalize_label(text: str) -> str:
    return " ".join(w for w in _SEPARATORS.split(text.lower()) if w)


def labels_of(records: Records) -> dict[str, list[str]]:
    """"field:normalized label" -> the ids it names, for each id and each label a page shows."""
    pairs: list[tuple[str, str, str]] = []
    for s in records.speakers:
        pairs += [("speaker", label, s.id) for label in (s.id, s.name, *s.aliases)]
    for t in records.topics:
        pairs += [("topic", t.id, t.id), ("topic", t.name, t.id)]
    for a in records.articles:
        pairs += [("article", a.id, a.id), ("article", a.title, a.id)]
        if a.year is not None:
            pairs.append(("year", str(a.year), str(a.year)))
    pairs += [("kind", c.kind, c.kind) for c in records.claims]
    table: dict[str, set[str]] = {}
    for field, label, value in pairs:
        key = normalize_label(label)
        if key:
            table.setdefault(f"{field}:{key}", set()).add(value)
    return {key: sorted(ids) for key, ids in sorted(table.items())}


def synonym_groups(taxonomy_path: Path) -> list[list[str]]:
    """Keywords of one topic that say the same thing: an acronym and its words ("AI",
    "artificial intelligence") or one spelling with and without spaces or hyphens
    ("cyber security", "cybersecurity"). Other keywords of a topic are related, not synonyms."""
    data = read_yaml(Path(taxonomy_path), "taxonomy") or {}
    groups: list[list[str]] = []
    for entry in data.values():
        keywords = entry.get("keywords", []) if isinstance(entry, dict) else entry
        groups += _same_meaning([k.strip() for k in keywords if isinstance(k, str) and k.strip()])
    return sorted(groups)


def _same_meaning(keywords: list[str]) -> list[list[str]]:
    groups: list[set[str]] = []
    for k in keywords:
        joined = [g for g in groups if any(_synonyms(k, m) for m in g)]
        groups = [g for g in groups if g not in joined] + [{k}.union(*joined)]
    return [sorted(g, key=str.lower) for g in groups if len(g) > 1]


def _synonyms(a: str, b: str) -> bool:
    return _compact(a) == _compact(b) or _expands(a, b) or _expands(b, a)


def _compact(keyword: str) -> str:
    return "".join(_WORD.findall(keyword.lower()))


def _expands(acronym: str, phrase: str) -> bool:
    """"AI" and "artificial intelligence", "IoT" and "internet of things"."""
    words = _WORD.findall(phrase.lower())
    is_acronym = " " not in acronym and len(acronym) <= 5 and any(c.isupper() for c in acronym)
    return is_acronym and len(words) > 1 and "".join(w[0] for w in words) == acronym.lower()


def hints_of(records: Records, taxonomy_path: Path) -> dict:
    """The facet labels of the records and the taxonomy's synonym groups."""
    return {"labels": labels_of(records), "synonyms": synonym_groups(taxonomy_path)}


def write_hints(index_dir: Path, records: Records, taxonomy_path: Path) -> None:
    data = hints_of(records, taxonomy_path)
    (Path(index_dir) / HINTS_FILE).write_text(json.dumps(data, sort_keys=True, ensure_ascii=False), "utf-8")


def read_hints(index_dir: Path) -> dict:
    path = Path(index_dir) / HINTS_FILE
    if not path.is_file():  # an index from before hints: labels are read as typed
        return {"labels": {}, "synonyms": []}
    return json.loads(path.read_text("utf-8"))


def resolve_labels(q, labels: dict[str, list[str]]) -> tuple[object, list[str]]:
    """(q with each facet filter's label replaced by the ids it names, notes on labels that
    name nothing in the corpus). A label naming several ids matches any of them."""
    notes: list[str] = []

    def resolve(leaf):
        if leaf.field() not in LABEL_FIELDS or not isinstance(leaf, (wq.Term, wq.Phrase)) or isinstance(leaf, wq.Prefix):
            return leaf
        shown = leaf.text if isinstance(leaf, wq.Term) else " ".join(leaf.words)
        ids = labels.get(f"{leaf.field()}:{normalize_label(shown)}")
        if not ids:
            note = missing_note(leaf.field(), shown)
            if note not in notes:
                notes.append(note)
            return wq.Term(leaf.field(), shown)
        terms = [wq.Term(leaf.field(), i) for i in ids]
        return terms[0] if len(terms) == 1 else wq.Or(terms)

    return (q.accept(resolve) if labels else q).normalize(), notes


def missing_note(field: str, shown: str) -> str:
    value = " ".join(shown.split())
    return f'no {field} {value if " " not in value else chr(34) + value + chr(34)} in this corpus'


def also_try(query: str, groups: list[list[str]]) -> list[str]:
    """Synonyms of taxonomy keywords the query holds, that it does not hold yet."""
    words = _WORD.findall(_FILTER.sub(" ", query).lower())
    joined = " " + " ".join(words) + " "
    held = lambda k: " " + " ".join(_WORD.findall(k.lower())) + " " in joined  # noqa: E731
    found: list[str] = []
    for group in groups:
        if any(held(k) for k in group):
            found += [k for k in group if not held(k) and k not in found]
    return found
