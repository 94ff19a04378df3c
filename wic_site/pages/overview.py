"""The site-wide pages: home, the speakers and topics tables, data, about and 404."""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass

from ..records import CSV_COLUMNS
from ..models import ArticleRecord, ClaimRecord, Records, SpeakerRecord, TopicRecord, YearRecord
from .core import (
    SITE_NAME, TABLE_SIZE, TOP, Cell, Column, Entry, Index, Link, Page, Pager, Table, article_order, ordinal,
    pager_for, url_for,
)


@dataclass(frozen=True)
class HomePage:
    heading: str
    counts: str
    years: Table
    articles: tuple[Entry, ...]
    speakers: tuple[Link, ...]
    topics: tuple[Link, ...]
    speakers_url: str = url_for("speakers")
    topics_url: str = url_for("topics")
    trends_url: str = url_for("trends")
    data_url: str = url_for("data")


@dataclass(frozen=True)
class TablePage:
    heading: str
    intro: str
    table: Table
    pager: Pager | None


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


# Speakers table sort orders: url id -> (column, key, aria-sort). A new order is one entry.
SPEAKER_SORTS = {
    "name": ("Name", lambda s: (s.name.lower(), s.id), "ascending"),
    "claims": ("Claims", lambda s: (-s.claims, s.name.lower(), s.id), "descending"),
    "years": ("Years", lambda s: (-max(s.years, default=0), -len(s.years), s.name.lower(), s.id), "descending"),
}


def home_page(ix: Index) -> Page:
    r = ix.records
    latest = sorted(r.articles, key=article_order, reverse=True)[:TOP]
    speakers = sorted(r.speakers, key=SPEAKER_SORTS["claims"][1])[:TOP]
    topics = sorted(r.topics, key=lambda t: (-t.claims, -len(t.articles), t.name.lower()))[:TOP * 2]
    years = Table(
        "The conferences by year",
        (Column("Year"), Column("Edition"), Column("Theme"), Column("Articles", numeric=True)),
        tuple((Cell(str(y.year), url_for("year", y.year)), Cell(ordinal(y.edition) if y.edition else "—"),
               Cell("; ".join(y.themes) or "—"), Cell(str(len(y.articles)), numeric=True))
              for y in sorted(r.years, key=lambda y: y.year)),
    )
    context = HomePage(
        SITE_NAME, _counts(r), years,
        tuple(Entry(ix.article_link(a.id, " · ".join(x for x in (a.date, a.publication) if x))) for a in latest),
        tuple(Link(url_for("speaker", s.id), s.name, _n(s.claims, "claim")) for s in speakers),
        tuple(Link(url_for("topic", t.id), t.name, _n(t.claims, "claim")) for t in topics),
    )
    return Page(url_for("home"), "home.html", SITE_NAME, "home", context,
                description="Speakers, claims and topics from news reports on the World Internet Conference.")


def speaker_table_pages(ix: Index) -> list[Page]:
    speakers = ix.records.speakers
    total = max(1, math.ceil(len(speakers) / TABLE_SIZE))
    pages = []
    for s_index, (sort, (label, key, direction)) in enumerate(SPEAKER_SORTS.items()):
        ordered = sorted(speakers, key=key)
        columns = tuple(
            Column(col, "" if other == sort else url_for("speakers", other), direction if other == sort else "",
                   numeric=other != "name")
            for other, (col, _, _) in SPEAKER_SORTS.items()
        ) + (Column("Articles", numeric=True),)
        for n in range(1, total + 1):
            if not ix.mine(s_index * total + n):
                continue
            rows = tuple(_speaker_row(s) for s in ordered[(n - 1) * TABLE_SIZE:n * TABLE_SIZE])
            table = Table(f"Speakers, sorted by {label.lower()}", columns, rows)
            title = "Speakers" if (sort, n) == ("name", 1) else f"Speakers by {label.lower()}, page {n}"
            context = TablePage("Speakers", f"{len(speakers)} people quoted or named as speakers.", table,
                                pager_for("speakers", sort, n, total))
            pages.append(Page(url_for("speakers", sort, page=n), "table.html", title, "speakers", context))
    return pages


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


def about_page(markdown: str) -> Page:
    return Page(url_for("about"), "prose.html", "About", "about", ProsePage("About", markdown))


def not_found_page() -> Page:
    links = (Link(url_for("home"), "Home"), Link(url_for("search"), "Search"), Link(url_for("speakers"), "Speakers"))
    context = ProsePage("Page not found", "The page you asked for is not part of this site.", links)
    return Page(url_for("404"), "prose.html", "Page not found", "", context)


def _speaker_row(s: SpeakerRecord) -> tuple[Cell, ...]:
    return (Cell(s.name, url_for("speaker", s.id)), Cell(str(s.claims), numeric=True),
            Cell(", ".join(str(y) for y in sorted(s.years)) or "—", numeric=True),
            Cell(str(len(s.articles)), numeric=True))


def _counts(r: Records) -> str:
    return ", ".join((_n(len(r.articles), "article"), _n(len(r.speakers), "speaker"), _n(len(r.claims), "claim"),
                      _n(len(r.topics), "topic"), _n(len(r.years), "conference year")))


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"
