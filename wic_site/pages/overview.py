"""The site-wide pages: home, the topics table, data, about and 404."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from ..records import CSV_COLUMNS
from ..models import ArticleRecord, ClaimRecord, Records, SpeakerRecord, TopicRecord, YearRecord
from .core import SITE_NAME, TOP, Cell, Column, Entry, Index, Link, Page, Table, newest_first, url_for, when_label
from .indexes import SPEAKER_SORTS, TablePage, year_table


@dataclass(frozen=True)
class HomePage:
    heading: str
    counts: str
    years: Table
    articles: tuple[Entry, ...]
    speakers: tuple[Link, ...]
    topics: tuple[Link, ...]
    speakers_url: str = url_for("speakers")
    articles_url: str = url_for("articles")
    years_url: str = url_for("years")
    topics_url: str = url_for("topics")
    trends_url: str = url_for("trends")
    data_url: str = url_for("data")


@dataclass(frozen=True)
class RecordKind:
    name: str  # key in records.json
    fields: tuple[str, ...]


@dataclass(frozen=True)
class DataPage:
    heading: str
    records_url: str
    claims_url: str
    kinds: tuple[RecordKind, ...]
    claim_columns: tuple[str, ...]


@dataclass(frozen=True)
class ProsePage:
    heading: str
    markdown: str  # rendered by the template's `markdown` filter, which escapes raw HTML
    links: tuple[Link, ...] = ()


def home_page(ix: Index) -> Page:
    r = ix.records
    latest = sorted(r.articles, key=newest_first, reverse=True)[:TOP]
    speakers = SPEAKER_SORTS["claims"].order(r.speakers)[:TOP]
    topics = sorted(r.topics, key=lambda t: (-t.claims, -len(t.articles), t.name.lower()))[:TOP * 2]
    context = HomePage(
        SITE_NAME, _counts(r), year_table(ix, "The conferences by year"),
        tuple(Entry(ix.article_link(a.id, " · ".join(x for x in (when_label(a), a.publication) if x))) for a in latest),
        tuple(Link(url_for("speaker", s.id), s.name, _n(s.claims, "claim")) for s in speakers),
        tuple(Link(url_for("topic", t.id), t.name, _n(t.claims, "claim")) for t in topics),
    )
    return Page(url_for("home"), "home.html", SITE_NAME, "home", context,
                description="Speakers, claims and topics from news reports on the World Internet Conference.")


def topic_table_page(ix: Index) -> Page:
    topics = sorted(ix.records.topics, key=lambda t: t.name.lower())
    table = Table(
        "Topics", (Column("Topic"), Column("Claims", numeric=True), Column("Articles", numeric=True)),
        tuple((Cell(t.name, url_for("topic", t.id)), Cell(str(t.claims), numeric=True),
               Cell(str(len(t.articles)), numeric=True)) for t in topics),
    )
    context = TablePage("Topics", "The topic taxonomy, with how often each topic comes up.", table, None)
    return Page(url_for("topics"), "table.html", "Topics", "topics", context)


def data_page() -> Page:
    kinds = tuple(
        RecordKind(name, tuple(f.name for f in dataclasses.fields(cls)))
        for name, cls in (("articles", ArticleRecord), ("speakers", SpeakerRecord), ("claims", ClaimRecord),
                          ("topics", TopicRecord), ("years", YearRecord))
    )
    claim_columns = tuple(CSV_COLUMNS)
    context = DataPage("Data", url_for("records"), url_for("claims_csv"), kinds, claim_columns)
    return Page(url_for("data"), "data.html", "Data", "data", context)


@dataclass(frozen=True)
class AboutPage:
    heading: str
    markdown: str | None  # the corpus' about.md, shown above the method; rendered escaped by the template
    topics: tuple[Link, ...]  # the taxonomy the topic rules use


def about_page(ix: Index, markdown: str | None) -> Page:
    """Always present: the corpus' own about.md (if any), then how the records are found and their limits."""
    topics = tuple(ix.topic_link(t.id) for t in sorted(ix.records.topics, key=lambda t: t.name.lower()))
    return Page(url_for("about"), "about.html", "About and method", "about", AboutPage("About", markdown, topics),
                description="How this site finds claims, their kinds, topics and years in news articles, and the limits of those rules.")


def not_found_page() -> Page:
    links = (Link(url_for("home"), "Home"), Link(url_for("search"), "Search"), Link(url_for("articles"), "Articles"),
             Link(url_for("years"), "Years"), Link(url_for("speakers"), "Speakers"))
    context = ProsePage("Page not found", "The page you asked for is not part of this site.", links)
    return Page(url_for("404"), "prose.html", "Page not found", "", context)


def _counts(r: Records) -> str:
    return ", ".join((_n(len(r.articles), "article"), _n(len(r.speakers), "speaker"), _n(len(r.claims), "claim"),
                      _n(len(r.topics), "topic"), _n(len(r.years), "conference year")))


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"
