"""url_for(), the typed page contexts shared by every page kind, and small helpers."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, TypeVar

from ..models import ArticleRecord, ClaimRecord, Records, SpeakerRecord
from ..records import ITEM_FOLDERS

T = TypeVar("T")
SITE_NAME = "World Internet Conference corpus"
PAGE_SIZE = 30  # entries per list on a facet page; keeps any page under 50 KB
TABLE_SIZE = 100  # rows per page of the speakers table
STATS_SIZE = 50  # rows per page of the statistics table (its rows are wider)
TOP = 12  # items in the home page's bounded lists
EXCERPT = 240  # characters of a passage or claim shown in listings

_FOLDERS = {
    "article": "articles/{}", "speaker": "speakers/{}", "topic": "topics/{}", "year": "years/{}",
    "speakers": "speakers", "topics": "topics", "trends": "trends", "data": "data",
    "search": "search", "about": "about", "articles": "articles", "years": "years",
    "figures": "trends/figures/{}",
}
# Tables with one static address per sort order: kind -> the default sort, which has no by-<sort> folder.
_SORTED_TABLES = {"speakers": "name", "articles": "date"}
_ITEM_FOLDERS = ITEM_FOLDERS
_FILES = {"home": "index.html", "404": "404.html", "css": "static/site.css",
          "records": "data/records.json", "claims_csv": "data/claims.csv", "sitemap": "sitemap.xml",
          "feed": "feed.xml", "icon": "static/icon.svg"}


def url_for(kind: str, id: Any = None, *, page: int = 1, fragment: str | None = None) -> str:
    """Site-relative address of a page or file. Links name index.html so that they also work
    from file://, where a folder URL shows a directory listing instead of the page."""
    if kind in _ITEM_FOLDERS and page == 1:  # the hot path: one call per link on every page
        path = f"{_ITEM_FOLDERS[kind]}/{id}/index.html"
    elif kind in _FILES:
        path = _FILES[kind]
    else:
        folder = _FOLDERS[kind].format(id)
        if kind in _SORTED_TABLES and id not in (None, _SORTED_TABLES[kind]):
            folder = f"{folder}/by-{id}"
        path = f"{folder}/page/{page}/index.html" if page > 1 else f"{folder}/index.html"
    return f"{path}#{fragment}" if fragment else path


def paragraph_anchor(index: int) -> str:
    """The anchor of the paragraph at `index` (from 0): numbered from 1, as its label reads."""
    return f"p-{index + 1}"


@dataclass(frozen=True)
class Link:
    url: str  # site-relative, from url_for(); templates prefix the page's root
    text: str
    note: str = ""


@dataclass(frozen=True)
class Fact:
    label: str
    text: str = ""
    links: tuple[Link, ...] = ()


@dataclass(frozen=True)
class Entry:
    """One item of a list: a link, or a quoted claim/passage with its source link."""

    link: Link
    text: str = ""
    kind: str = ""
    by: Link | None = None
    group: str = ""


@dataclass(frozen=True)
class Group:
    heading: str
    entries: tuple[Entry, ...]


@dataclass(frozen=True)
class Section:
    heading: str
    groups: tuple[Group, ...]
    empty: str = ""  # said instead of the list when there is nothing to show


@dataclass(frozen=True)
class PageLink:
    url: str  # empty for the "…" that stands for skipped page numbers
    text: str
    current: bool = False


@dataclass(frozen=True)
class Pager:
    current: int
    total: int
    pages: tuple[PageLink, ...]  # first, last and the neighbours of the current page, with gaps
    prev: Link | None
    next: Link | None


@dataclass(frozen=True)
class Cell:
    text: str
    url: str = ""
    numeric: bool = False


@dataclass(frozen=True)
class Column:
    label: str
    sort_url: str = ""  # link that sorts by this column; empty when it is the current sort or unsortable
    sort: str = ""  # aria-sort value of the current sort column
    numeric: bool = False


@dataclass(frozen=True)
class Table:
    caption: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]


@dataclass(frozen=True)
class Page:
    path: str  # file written, relative to the site root
    template: str
    title: str
    section: str  # the nav entry this page belongs to
    context: Any  # the template's `page`: one of the dataclasses below (or in trends/article code)
    description: str = ""


@dataclass(frozen=True)
class PagePlan:
    """Pages before they are built: make(inputs) is the list of them (a facet's pages, or one
    page), a pure function of inputs, a frozen value compared by its repr. For most pages
    inputs is the Page itself. key is the first page's path, the plan's name across builds."""

    key: str
    inputs: Any
    make: Callable[[Any], list[Page]]

    @classmethod
    def of(cls, page: Page) -> PagePlan:
        """The plan of a page already built."""
        return cls(page.path, page, _as_list)

    def pages(self) -> list[Page]:
        return self.make(self.inputs)


def _as_list(page: Page) -> list[Page]:
    return [page]


@dataclass(frozen=True)
class FacetPage:
    kind: str
    heading: str
    facts: tuple[Fact, ...]
    neighbours: tuple[Link, ...]
    sections: tuple[Section, ...]
    pager: Pager | None


# ---------------------------------------------------------------- lookups


@dataclass(frozen=True)
class Index:
    """Lookups shared by the builders, computed once from Records."""

    records: Records
    articles: dict[str, ArticleRecord]
    names: dict[str, str]  # speaker id -> name
    topic_names: dict[str, str]
    speaker_links: dict[str, Link]
    part: tuple[int, int] = (0, 1)  # (k, n): this Index builds the k-th of n shares of the pages
    speakers: dict[str, SpeakerRecord] = field(default_factory=dict)
    # Corpus-wide lookups that do not depend on the share (claims grouped by topic, ...): each
    # is computed once, on first use, for this Index and every share() of it.
    lookups: dict[Callable[[Index], Any], Any] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def of(cls, records: Records, part: tuple[int, int] = (0, 1)) -> Index:
        return cls(
            records,
            {a.id: a for a in records.articles},
            {s.id: s.name for s in records.speakers},
            {t.id: t.name for t in records.topics},
            {s.id: Link(url_for("speaker", s.id), s.name) for s in records.speakers},
            part,
            {s.id: s for s in records.speakers},
        )

    def share(self, part: tuple[int, int]) -> Index:
        """This Index for the part-th share of the pages, with the same lookups."""
        return replace(self, part=part)

    def once(self, compute: Callable[[Index], T]) -> T:
        """compute(self), a lookup over the whole corpus, computed once for all shares."""
        if compute not in self.lookups:
            self.lookups[compute] = compute(self)
        return self.lookups[compute]

    def mine(self, i: int) -> bool:
        """Whether the i-th item of a family belongs to this share (see render.py's workers)."""
        return i % self.part[1] == self.part[0]

    def article_link(self, article_id: str, note: str = "") -> Link:
        return article_link(self.articles[article_id], note)

    def speaker_link(self, speaker_id: str | None, note: str = "") -> Link | None:
        link = self.speaker_links.get(speaker_id) if speaker_id is not None else None
        return Link(link.url, link.text, note) if link and note else link

    def topic_link(self, topic_id: str, note: str = "") -> Link:
        return topic_link(self.topic_names, topic_id, note)

    def claim_entry(self, claim: ClaimRecord, group: str = "", with_speaker: bool = True) -> Entry:
        by = self.speaker_link(claim.speaker) if with_speaker else None
        return claim_entry(claim, self.articles[claim.article].title, group, by)


@dataclass(frozen=True)
class ArticleRef:
    """What a listing shows of an article, and sorts it by (article_order)."""

    id: str
    title: str
    date: str | None

    @classmethod
    def of(cls, article: ArticleRecord) -> ArticleRef:
        return cls(article.id, article.title, article.date)


def article_link(article: ArticleRecord | ArticleRef, note: str = "") -> Link:
    return Link(url_for("article", article.id), article.title, note)


def topic_link(names: dict[str, str], topic_id: str, note: str = "") -> Link:
    return Link(url_for("topic", topic_id), names.get(topic_id, topic_id), note)


def claim_entry(claim: ClaimRecord, article_title: str, group: str = "", by: Link | None = None) -> Entry:
    where = Link(  # the claim's own anchor: it stays put when other paragraphs change
        url_for("article", claim.article, fragment=claim.anchor or paragraph_anchor(claim.paragraph)),
        f"{article_title}, paragraph {claim.paragraph + 1}",
    )
    return Entry(where, shorten(claim.text), claim.kind, by, group)


def shorten(text: str, limit: int = EXCERPT) -> str:
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + " …"


def article_order(article: ArticleRecord | ArticleRef) -> tuple[str, str]:
    return (article.date or "", article.id)


def claim_order(claim: ClaimRecord) -> tuple[int, str, int, int]:
    return (claim.year or 0, claim.article, claim.paragraph, claim.start)


def newest_first(article: ArticleRecord) -> tuple[str, str]:
    """Sort key, used with reverse=True: the stated date, else the conference year (an undated
    article sorts after the dated ones of its year), else last."""
    return (article.date or (str(article.year) if article.year is not None else ""), article.id)


def when_label(article: ArticleRecord) -> str:
    """The date newest_first() used, saying so when it is the conference year."""
    if article.date:
        return article.date
    if article.year is not None:
        return f"{article.year} (conference year; no date stated)"
    return "no date or year stated"


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def year_label(year: int | None) -> str:
    return str(year) if year is not None else "Year unknown"


# ---------------------------------------------------------------- pagination


PAGER_REACH = 2  # page numbers shown either side of the current one


def pager_for(kind: str, id: Any, current: int, total: int) -> Pager | None:
    """A window of page numbers, so a pager stays small however many pages there are."""
    if total <= 1:
        return None
    shown = sorted({1, total, *range(max(1, current - PAGER_REACH), min(total, current + PAGER_REACH) + 1)})
    pages: list[PageLink] = []
    for before, n in zip([0, *shown], shown):
        if before and n > before + 1:
            pages.append(PageLink("", "…"))
        pages.append(PageLink(url_for(kind, id, page=n), str(n), n == current))
    link = lambda n: Link(url_for(kind, id, page=n), str(n))  # noqa: E731
    return Pager(current, total, tuple(pages), link(current - 1) if current > 1 else None,
                 link(current + 1) if current < total else None)


def page_count(lengths: Iterable[int], size: int) -> int:
    return max([1, *(math.ceil(n / size) for n in lengths)])


def group_entries(entries: Sequence[Entry]) -> tuple[Group, ...]:
    groups: list[Group] = []
    for entry in entries:
        if groups and groups[-1].heading == entry.group:
            groups[-1] = Group(entry.group, groups[-1].entries + (entry,))
        else:
            groups.append(Group(entry.group, (entry,)))
    return tuple(groups)
