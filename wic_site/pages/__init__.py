"""What each page shows: Records in, Page values (path, template, typed context) out.

Everything here is pure, so pages can be rendered in any order or in worker processes;
render.py turns each Page into HTML. Every listing is bounded (pagination or a top-N),
so no page grows with the corpus. plan_pages() says, for each page (or a facet's pages),
the value it is a pure function of (its `inputs`) before building it, so a rebuild can skip
pages whose inputs did not change; building an article's or a speaker's pages costs more
than comparing their inputs.
"""

from __future__ import annotations

from ..models import Records
from .article import article_inputs, article_pages_of
from .core import SITE_NAME, Index, Link, Page, PagePlan, url_for
from .facets import FACETS
from .indexes import article_table_pages, speaker_table_pages, year_table_page
from .overview import about_page, data_page, home_page, not_found_page, topic_table_page
from .trends import trends_pages

__all__ = ["SITE_NAME", "Link", "Page", "PagePlan", "build_pages", "plan_pages", "url_for"]


def build_pages(records: Records, about_markdown: str | None = None, part: tuple[int, int] = (0, 1)) -> list[Page]:
    """Every HTML page of the site in a stable order; with part=(k, n), only the k-th of n
    disjoint shares, so that n worker processes can each build and render their own."""
    return [page for plan in plan_pages(records, about_markdown, part) for page in plan.pages()]


def plan_pages(records: Records, about_markdown: str | None = None, part: tuple[int, int] = (0, 1),
               index: Index | None = None) -> list[PagePlan]:
    """build_pages(), with the article and speaker pages not yet built. Shares planned with
    one `index` (Index.of(records)) compute its corpus-wide lookups once between them."""
    ix = index.share(part) if index is not None else Index.of(records, part)
    pages = [*speaker_table_pages(ix), *article_table_pages(ix), *trends_pages(ix)]
    if part[0] == 0:
        pages += [home_page(ix), topic_table_page(ix), year_table_page(ix), data_page(), not_found_page(),
                  about_page(ix, about_markdown)]
    plans = [PagePlan.of(page) for page in pages]
    for plan_facets in FACETS:
        plans += plan_facets(ix)
    return plans + [PagePlan(url_for("article", i.article.id), i, article_pages_of) for i in article_inputs(ix)]
