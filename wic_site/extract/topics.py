"""Topic assignment from the YAML taxonomy, matching keyword phrases on word stems."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from ..errors import UserError
from ..yamlfile import read_yaml
from ..slugs import slugify

WORD = re.compile(r"[A-Za-z0-9]+(?:['’][a-z]+)?")


@dataclass(frozen=True)
class Topic:
    id: str
    name: str
    phrases: tuple[tuple[str, ...], ...]  # stemmed keyword phrases
    acronyms: frozenset[str] = frozenset()  # "AI", "VR": matched as written, never stemmed


@dataclass(frozen=True)
class Taxonomy:
    topics: tuple[Topic, ...]

    def topics_in(self, text: str) -> tuple[str, ...]:
        """Ids of the topics whose keyword phrases occur in text, in taxonomy order."""
        words = WORD.findall(text)
        stems = list(map(_stem_token, words))
        found = {topic_id for w in self._by_acronym.keys() & set(words) for topic_id in self._by_acronym[w]}
        joined = ""
        for stem in self._by_first_stem.keys() & set(stems):
            for topic_id, phrase in self._by_first_stem[stem]:
                if topic_id in found:
                    continue
                if len(phrase) > 1:
                    joined = joined or f" {' '.join(stems)} "
                    if f" {' '.join(phrase)} " not in joined:
                        continue
                found.add(topic_id)
        return tuple(t.id for t in self.topics if t.id in found)

    @cached_property
    def _by_first_stem(self) -> dict[str, list[tuple[str, tuple[str, ...]]]]:
        index: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
        for topic in self.topics:
            for phrase in topic.phrases:
                if phrase:
                    index.setdefault(phrase[0], []).append((topic.id, phrase))
        return index

    @cached_property
    def _by_acronym(self) -> dict[str, set[str]]:
        index: dict[str, set[str]] = {}
        for topic in self.topics:
            for acronym in topic.acronyms:
                index.setdefault(acronym, set()).add(topic.id)
        return index


@lru_cache(maxsize=65536)
def _stem_token(token: str) -> str:
    """A word as written -> its stem, lower-cased and without a possessive ("China's" -> "china")."""
    from whoosh.lang.porter import stem

    return stem(token.lower().replace("’", "'").split("'")[0])


def stem_words(text: str) -> list[str]:
    return list(map(_stem_token, WORD.findall(text)))


def load_taxonomy(path: Path) -> Taxonomy:
    """Read topics.yaml: `name: {id: slug (optional), keywords: [phrases]}` per topic."""
    data = read_yaml(path, "taxonomy")
    if not isinstance(data, dict) or not data:
        raise UserError(f"{path}: the taxonomy must map topic names to their keywords")
    problems, topics, ids = [], [], set()
    for name, entry in data.items():
        keywords = entry.get("keywords") if isinstance(entry, dict) else entry
        if not isinstance(keywords, list) or not keywords or not all(isinstance(k, str) and k.strip() for k in keywords):
            problems.append(f"topic {name!r} needs a non-empty list of keywords")
            continue
        topic_id = slugify(str(entry.get("id") if isinstance(entry, dict) and entry.get("id") else name), "topic")
        if topic_id in ids:
            problems.append(f"topic {name!r}: id {topic_id!r} is used twice")
        ids.add(topic_id)
        acronyms = frozenset(k.strip() for k in keywords if _is_acronym(k.strip()))
        phrases = tuple(tuple(stem_words(k)) for k in keywords if k.strip() not in acronyms)
        topics.append(Topic(topic_id, str(name), phrases, acronyms))
    if problems:
        raise UserError(f"{path}: " + "; ".join(problems))
    return Taxonomy(tuple(topics))


def _is_acronym(keyword: str) -> bool:
    """One short word with capitals ("AI", "IoT", "5G"): stemming would confuse it with words."""
    return " " not in keyword and len(keyword) <= 4 and any(c.isupper() for c in keyword[1:] + keyword[:1])
