"""The site's machine-readable files: sitemap.xml and the Atom feed. Both need absolute
addresses (the sitemap protocol and Atom ids require them), so both are written only when the
site's URL is known (--base-url); without it they are left out rather than written wrong."""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import escape

from .models import ArticleRecord, Records
from .pages import SITE_NAME, url_for
from .pages.core import newest_first, when_label

FEED_SIZE = 50  # entries in feed.xml: the newest articles


def folder_url(path: str, base_url: str) -> str:
    """Absolute pretty URL of a written page: https://host/base/articles/x/ for articles/x/index.html."""
    return base_url + path.removesuffix("index.html")


def sitemap(paths: Sequence[str], base_url: str) -> str:
    locs = sorted(folder_url(path, base_url) for path in paths if path != url_for("404"))
    body = "".join(f"  <url><loc>{escape(loc)}</loc></url>\n" for loc in locs)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + body + "</urlset>\n")


def atom_feed(records: Records, base_url: str) -> str:
    """The newest FEED_SIZE articles, newest first. No build time goes in: `updated` is the
    article's date (or 1 January of its conference year when it states none), so the same
    corpus gives the same bytes."""
    articles = [a for a in sorted(records.articles, key=newest_first, reverse=True) if _updated(a)][:FEED_SIZE]
    feed_updated = max((_updated(a) for a in articles), default="2014-01-01T00:00:00Z")
    entries = "".join(_entry(a, base_url) for a in articles)
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<feed xmlns="http://www.w3.org/2005/Atom">\n'
        f"  <id>{escape(base_url)}</id>\n"
        f"  <title>{escape(SITE_NAME)}: articles</title>\n"
        f"  <updated>{feed_updated}</updated>\n"
        f"  <author><name>{escape(SITE_NAME)}</name></author>\n"
        f'  <link rel="self" type="application/atom+xml" href="{escape(base_url + url_for("feed"))}"/>\n'
        f'  <link rel="alternate" type="text/html" href="{escape(base_url)}"/>\n'
        f"{entries}</feed>\n"
    )


def _entry(article: ArticleRecord, base_url: str) -> str:
    url = folder_url(url_for("article", article.id), base_url)
    summary = " · ".join(x for x in (when_label(article), article.publication) if x)
    return (
        "  <entry>\n"
        f"    <id>{escape(url)}</id>\n"
        f"    <title>{escape(article.title)}</title>\n"
        f"    <updated>{_updated(article)}</updated>\n"
        f'    <link rel="alternate" type="text/html" href="{escape(url)}"/>\n'
        f"    <summary>{escape(summary)}</summary>\n"
        "  </entry>\n"
    )


def _updated(article: ArticleRecord) -> str:
    if article.date:
        return f"{article.date}T00:00:00Z"
    return f"{article.year:04d}-01-01T00:00:00Z" if article.year is not None else ""
