"""Article pages: the cleaned text with paragraph anchors and the claims marked in place."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ..models import ArticleRecord, ClaimRecord
from ..text.plain import plain_text
from ..text.urls import web_address
from .core import Fact, Index, Link, Page, ordinal, paragraph_anchor, url_for


@dataclass(frozen=True)
class ClaimMark:
    kind: str
    by: Link | None
    anchor: str = ""  # the claim's id on the page: c- and 8 hex digits


@dataclass(frozen=True)
class Cite:
    """A claim's citation, ready to copy: who, in what, where, and the permalink."""

    anchor: str
    kind: str
    who: str  # "Lu Wei, director of the Cyberspace Administration of China"; "" for a statistic
    figures: tuple[str, ...]  # each figure's readable line
    permalink: str  # the record's url, site-relative: articles/<id>/#c-...
    href: str  # the same place as a link that opens from disk too: articles/<id>/index.html#c-...


@dataclass(frozen=True)
class Segment:
    text: str
    mark: ClaimMark | None = None


@dataclass(frozen=True)
class Paragraph:
    anchor: str
    number: int
    text: str  # the source text (Markdown source when `markdown`)
    segments: tuple[Segment, ...]  # text cut at claim boundaries; for plain-text articles
    spans: tuple[tuple[int, int, ClaimMark], ...]  # the claims, for the Markdown renderer
    markdown: bool
    cites: tuple[Cite, ...] = ()  # the paragraph's claims, in reading order


@dataclass(frozen=True)
class ArticlePage:
    heading: str
    facts: tuple[Fact, ...]
    speakers: tuple[Link, ...]
    mentioned: tuple[str, ...]
    topics: tuple[Link, ...]
    paragraphs: tuple[Paragraph, ...]
    dropped: tuple[str, ...]
    source_url: str | None
    source_file: str
    reference: str  # the article as a citation gives it: “Title”, Outlet, date


@dataclass(frozen=True)
class ArticleInputs:
    """Everything an article page shows: its record, its claims, and what it shows of other
    records (speakers' names and stated roles, topics' names). The page is a pure function
    of this value, so when it is equal to the last build's, so is the page (render skips it)."""

    article: ArticleRecord
    claims: tuple[ClaimRecord, ...]
    speaker_links: tuple[tuple[str, Link], ...]  # speaker id -> link, for every speaker the page names
    who: tuple[tuple[str, str], ...]  # speaker id -> name, roles and organisations, as this article states them
    topics: tuple[Link, ...]


def article_inputs(ix: Index) -> list[ArticleInputs]:
    """The inputs of this share's article pages, in corpus order."""
    claims = ix.once(_claims_by_article)
    return [_inputs(ix, a, claims.get(a.id, [])) for i, a in enumerate(ix.records.articles) if ix.mine(i)]


def _claims_by_article(ix: Index) -> dict[str, list[ClaimRecord]]:
    claims: dict[str, list[ClaimRecord]] = defaultdict(list)
    for claim in ix.records.claims:
        claims[claim.article].append(claim)
    return claims


def _inputs(ix: Index, article: ArticleRecord, claims: list[ClaimRecord]) -> ArticleInputs:
    quoted = sorted({c.speaker for c in claims if c.speaker})
    links = tuple((s, link) for s in sorted({*article.speakers, *quoted}) if (link := ix.speaker_link(s)))
    return ArticleInputs(article, tuple(claims), links, tuple((s, _who(ix, article, s)) for s in quoted),
                         tuple(ix.topic_link(t) for t in article.topics))


def article_pages(ix: Index) -> list[Page]:
    return [article_page(inputs) for inputs in article_inputs(ix)]


def article_pages_of(inputs: ArticleInputs) -> list[Page]:
    return [article_page(inputs)]


def article_page(inputs: ArticleInputs) -> Page:
    a = inputs.article
    return Page(url_for("article", a.id), "article.html", a.title, "articles", article_context(inputs),
                description=_description(a))


def article_context(inputs: ArticleInputs) -> ArticlePage:
    article, links, who = inputs.article, dict(inputs.speaker_links), dict(inputs.who)
    by_paragraph: dict[int, list[ClaimRecord]] = defaultdict(list)
    for claim in inputs.claims:
        by_paragraph[claim.paragraph].append(claim)
    paragraphs = tuple(
        _paragraph(links, who, article, i, text, by_paragraph[i]) for i, text in enumerate(article.paragraphs)
    )
    facts = [
        Fact("Publication", article.publication or "not stated"),
        Fact("Authors", ", ".join(article.authors) or "not stated"),
        Fact("Date", article.date or "not stated"),
        Fact("Year", links=(Link(url_for("year", article.year), str(article.year)),))
        if article.year is not None else Fact("Year", "not stated"),
        Fact("Edition", ordinal(article.edition) if article.edition else "not stated"),
        Fact("Theme", article.theme or "not stated"),
    ]
    speakers = tuple(links[s] for s in article.speakers if s in links)
    return ArticlePage(article.title, tuple(facts), speakers, article.mentioned, inputs.topics, paragraphs,
                       article.dropped, web_address(article.source_url), article.source_file, _reference(article))


def _reference(article: ArticleRecord) -> str:
    return ", ".join(part for part in (f"“{article.title}”", article.publication, article.date) if part)


def _paragraph(links: dict[str, Link], who: dict[str, str], article: ArticleRecord, index: int, text: str,
               claims: list[ClaimRecord]) -> Paragraph:
    spans = _spans(links, text, claims) if claims else ()
    cites = tuple(_cite(who, article, c) for c in sorted(claims, key=lambda c: (c.start, c.end)))
    return Paragraph(paragraph_anchor(index), index + 1, text, () if article.markdown else _segments(text, spans),
                     spans, article.markdown, cites)


def _cite(who: dict[str, str], article: ArticleRecord, claim: ClaimRecord) -> Cite:
    figures = tuple(f.label(with_source=claim.speaker is None) for f in claim.figures)
    return Cite(claim.anchor, claim.kind, who.get(claim.speaker, "") if claim.speaker else "", figures, claim.url,
                url_for("article", article.id, fragment=claim.anchor))


def _who(ix: Index, article: ArticleRecord, speaker_id: str | None) -> str:
    """The speaker with role and organisation as this article states them."""
    speaker = ix.speakers.get(speaker_id) if speaker_id else None
    if speaker is None:
        return ""
    stated = speaker.stated_in(article.id)
    roles = stated.roles if stated else ()
    organizations = tuple(o for o in (stated.organizations if stated else ()) if not any(o in r for r in roles))
    return ", ".join([speaker.name, *roles, *organizations])


def _spans(links: dict[str, Link], text: str, claims: list[ClaimRecord]) -> tuple[tuple[int, int, ClaimMark], ...]:
    """Claim offsets clipped to the paragraph; a claim overlapping an earlier one is not marked twice."""
    spans: list[tuple[int, int, ClaimMark]] = []
    end_so_far = 0
    for claim in sorted(claims, key=lambda c: (c.start, -c.end)):
        start, end = max(claim.start, end_so_far, 0), min(claim.end, len(text))
        if start < end:
            spans.append((start, end, ClaimMark(claim.kind, links.get(claim.speaker) if claim.speaker else None, claim.anchor)))
            end_so_far = end
    return tuple(spans)


def _segments(text: str, spans: tuple[tuple[int, int, ClaimMark], ...]) -> tuple[Segment, ...]:
    segments: list[Segment] = []
    cursor = 0
    for start, end, mark in spans:
        if cursor < start:
            segments.append(Segment(text[cursor:start]))
        segments.append(Segment(text[start:end], mark))
        cursor = end
    if cursor < len(text):
        segments.append(Segment(text[cursor:]))
    return tuple(segments)


def _description(article: ArticleRecord) -> str:
    first = article.paragraphs[0] if article.paragraphs else article.title
    first = plain_text(first) if article.markdown else first
    return first if len(first) <= 160 else first[:157].rsplit(" ", 1)[0] + "…"
