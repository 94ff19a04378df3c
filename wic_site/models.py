"""Plain records that flow between the pipeline stages. No I/O, no configuration.

`SourceArticle` is what reading produces; `ExtractedArticle` what extraction adds to one
article; `Records` is the whole corpus as exported to records.json and rendered as pages.
The record dataclasses' field names are the JSON keys (see README, "Records format").
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from functools import cache
from typing import Any


@dataclass(frozen=True)
class SourceArticle:
    """One article after reading and cleaning, before extraction."""

    id: str  # slug, unique in the corpus
    source_file: str  # path relative to the corpus folder, POSIX separators
    title: str
    paragraphs: tuple[str, ...]
    dropped: tuple[str, ...] = ()  # lines cleaning removed, in document order
    header_lines: tuple[str, ...] = ()  # chrome lines kept for metadata (dateline, byline, source)
    front_matter: dict[str, Any] = field(default_factory=dict)  # .md overrides: title/date/...
    markdown: bool = False  # paragraphs are Markdown source
    standfirst: int = 0  # leading paragraphs that are a standfirst or deck, not the story's body


@dataclass(frozen=True)
class Mention:
    """A speaker as one article introduces them."""

    name: str
    roles: tuple[str, ...] = ()
    organizations: tuple[str, ...] = ()


@dataclass(frozen=True)
class Figure:
    """A number a claim states: "more than 250 million 4G mobile network users, says the report"."""

    value: str  # as written, without its qualifier: "1.1 billion", "$2.3 trillion", "38.6 percent"
    qualifier: str | None  # "more than", "about", "nearly"...; None for a bare figure
    unit: str  # percent, yuan, US dollars, people, organizations, ... or the counted noun itself
    counts: str | None  # what it counts or measures, as a noun phrase: "Internet users", "sales by online retailers"
    source: str | None = None  # the speaker, or the named report or institution; None if nobody

    @property
    def amount(self) -> str:
        """The figure as a reader says it: "more than 250 million (people)", "36 percent"; the unit
        is left out when the value already says it."""
        value = f"{self.qualifier} {self.value}" if self.qualifier else self.value
        unit = "" if not self.unit or self.unit.lower() in value.lower() or self.unit == "percent" else f" ({self.unit})"
        return value + unit

    def label(self, with_source: bool = False) -> str:
        """One readable line: "more than 250 million (people) — 4G mobile network users"; with its
        source when asked ("…, according to CNNIC report"), for figures nobody in the story states."""
        source = f", according to {self.source}" if with_source and self.source else ""
        return self.amount + (f" — {self.counts}" if self.counts else "") + source


@dataclass(frozen=True)
class LocalClaim:
    """A claim inside one article, before speaker ids are assigned across the corpus."""

    speaker: str | None  # full name as the article gives it; None for an unattributed statistic
    kind: str  # quote | paraphrase | answer | statistic
    text: str
    paragraph: int
    start: int
    end: int
    topics: tuple[str, ...] = ()
    figures: tuple[Figure, ...] = ()


@dataclass(frozen=True)
class ExtractedArticle:
    source: SourceArticle
    date: str | None
    publication: str | None
    year: int | None
    edition: int | None
    theme: str | None
    speakers: tuple[Mention, ...]
    mentioned: tuple[str, ...]
    claims: tuple[LocalClaim, ...]
    paragraph_topics: tuple[tuple[str, ...], ...]
    url: str | None = None  # the source address the input carries
    authors: tuple[str, ...] = ()  # bylines and credits, not people of the story


class Record:
    def to_dict(self) -> dict[str, Any]:
        """What dataclasses.asdict gives (records hold only strings, numbers, tuples and other
        dataclasses), without its deep copy of every value: records.json holds tens of thousands."""
        return _plain(self)


@cache
def _field_names(cls: type) -> tuple[str, ...] | None:
    return tuple(f.name for f in fields(cls)) if hasattr(cls, "__dataclass_fields__") else None


def _plain(value: Any) -> Any:
    names = _field_names(type(value))
    if names is not None:
        return {name: _plain(getattr(value, name)) for name in names}
    if isinstance(value, tuple):
        return tuple(map(_plain, value))
    return value


@dataclass(frozen=True)
class Affiliation(Record):
    """Roles and organisations as one article states them for one speaker."""

    article: str
    roles: tuple[str, ...]
    organizations: tuple[str, ...]


@dataclass(frozen=True)
class ArticleRecord(Record):
    id: str
    source_file: str
    title: str
    publication: str | None
    date: str | None
    year: int | None
    edition: int | None
    theme: str | None
    authors: tuple[str, ...]
    speakers: tuple[str, ...]
    mentioned: tuple[str, ...]
    topics: tuple[str, ...]
    paragraphs: tuple[str, ...]
    paragraph_topics: tuple[tuple[str, ...], ...]
    dropped: tuple[str, ...]
    source_url: str | None
    markdown: bool
    url: str


@dataclass(frozen=True)
class SpeakerRecord(Record):
    id: str
    name: str
    aliases: tuple[str, ...]
    roles: tuple[str, ...]
    organizations: tuple[str, ...]
    affiliations: tuple[Affiliation, ...]
    articles: tuple[str, ...]
    years: tuple[int, ...]
    claims: int
    url: str

    def stated_in(self, article: str) -> Affiliation | None:
        """The roles and organisations the given article states for this speaker."""
        return next((a for a in self.affiliations if a.article == article), None)


@dataclass(frozen=True)
class ClaimRecord(Record):
    id: str
    article: str
    speaker: str | None
    kind: str
    text: str
    paragraph: int
    start: int
    end: int
    topics: tuple[str, ...]
    year: int | None
    url: str  # articles/<article>/#<anchor>: the claim's own place on its article page
    anchor: str = ""  # c- and 8 hex digits from the claim itself; stable when other paragraphs change
    figures: tuple[Figure, ...] = ()


@dataclass(frozen=True)
class TopicRecord(Record):
    id: str
    name: str
    articles: tuple[str, ...]
    claims: int
    url: str


@dataclass(frozen=True)
class YearRecord(Record):
    year: int
    edition: int | None
    themes: tuple[str, ...]
    articles: tuple[str, ...]
    speakers: tuple[str, ...]
    topics: tuple[str, ...]
    url: str


@dataclass(frozen=True)
class Records:
    articles: tuple[ArticleRecord, ...]
    speakers: tuple[SpeakerRecord, ...]
    claims: tuple[ClaimRecord, ...]
    topics: tuple[TopicRecord, ...]
    years: tuple[YearRecord, ...]

    def to_dict(self) -> dict[str, list[dict[str, Any]]]:
        return {
            "articles": [a.to_dict() for a in self.articles],
            "speakers": [s.to_dict() for s in self.speakers],
            "claims": [c.to_dict() for c in self.claims],
            "topics": [t.to_dict() for t in self.topics],
            "years": [y.to_dict() for y in self.years],
        }


@dataclass(frozen=True)
class Problem:
    """A file the build skipped or degraded, reported as one line."""

    file: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.message}"
