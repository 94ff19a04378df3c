"""Extraction: one clean SourceArticle in, one ExtractedArticle out. Pure functions, no I/O."""

from __future__ import annotations

import re

from ..clean import is_credit_or_caption
from ..models import ExtractedArticle, Mention, SourceArticle
from .byline import find_authors, find_credits
from .claims import assemble_claims
from .conference import edition_for_year, find_conference_year, find_theme
from ..text.dates import find_date
from ..text.urls import web_address
from .dates import find_publication, find_publication_date
from .people import gather_cast
from .speech import Speech, find_speech
from .topics import Taxonomy


def extract_article(source: SourceArticle, taxonomy: Taxonomy) -> ExtractedArticle:
    meta = source.front_matter
    texts = [source.title, *source.paragraphs]
    article_date = _front_matter_date(meta) or find_publication_date(source.header_lines, source.dropped)
    year = _front_matter_year(meta) or find_conference_year(texts + list(source.dropped), article_date)
    authors = find_authors(source.header_lines, source.dropped, source.paragraphs, _declared_authors(meta))
    credited = set(authors + find_credits(source.header_lines, source.dropped))  # never "also mentioned"
    captions = tuple(line for line in source.dropped if is_credit_or_caption(line))
    # speech is found on a view where a name's Chinese form in full-width brackets is blanked
    # out ("Qiu Haoran（邱浩然）, a researcher"); offsets stay those of the real paragraphs
    view = tuple(FULLWIDTH_ASIDE.sub(lambda m: " " * len(m.group()), p) for p in source.paragraphs)
    cast = gather_cast(view, source.header_lines + captions)
    speech = find_speech(view, cast)
    paragraph_topics = tuple(taxonomy.topics_in(p) for p in source.paragraphs)
    claims = assemble_claims(source, speech, taxonomy)
    speakers = _speaker_mentions(speech, cast)
    spoken = {m.name for m in speakers}
    publication = str(meta["publication"]) if meta.get("publication") else find_publication(
        source.header_lines, source.dropped, source.paragraphs[:5])
    return ExtractedArticle(
        source=source,
        date=article_date,
        publication=publication,
        year=year,
        edition=edition_for_year(year),
        theme=find_theme(texts),
        speakers=speakers,
        mentioned=tuple(name for name in _mentioned(cast, spoken, publication) if name not in credited),
        claims=claims,
        paragraph_topics=paragraph_topics,
        url=web_address(meta.get("url")),
        authors=authors,
    )


FULLWIDTH_ASIDE = re.compile(r"\uff08[^\uff09]{0,80}\uff09")


def _mentioned(cast, spoken: set[str], publication: str | None) -> tuple[str, ...]:
    """Named people who are not speakers; a name inside an organisation's or the outlet's is no person."""
    names = [org for person in cast.people.values() for org in person.organizations] + [publication or ""]
    return tuple(name for name in cast.people
                 if name not in spoken and not any(f" {name} " in f" {other} " for other in names))


def _front_matter_date(meta: dict) -> str | None:
    value = meta.get("date")
    return find_date([str(value)]) if value else None


def _declared_authors(meta: dict) -> tuple[str, ...]:
    value = meta.get("authors") or meta.get("author") or ()
    return tuple(str(v) for v in value) if isinstance(value, list) else (str(value),) if value else ()


def _front_matter_year(meta: dict) -> int | None:
    value = meta.get("year")
    return int(value) if isinstance(value, int) or (isinstance(value, str) and value.isdigit()) else None


def _speaker_mentions(speech: list[Speech], cast) -> tuple[Mention, ...]:
    names = list(dict.fromkeys(s.speaker for s in speech))
    return tuple(
        Mention(name, tuple(cast.people[name].roles), tuple(cast.people[name].organizations))
        if name in cast.people else Mention(name)
        for name in names
    )
