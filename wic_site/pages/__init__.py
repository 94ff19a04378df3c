"""What each page shows: Records in, Page values (path, template, typed context) out.

Everything here is pure, so pages can be rendered in any order or in worker processes;
render.py turns each Page into HTML. Every listing is bounded (pagination or a top-N),
so no page grows with the corpus. plan_pages() says, for each page, the value it is a pure
function of (its `inputs`) before building it, so a rebuild can skip a page whose inputs
did not change; building an article page costs more than comparing its inputs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..models import Records
from .article import article_inputs, article_page
from .core import SITE_NAME, Index, Link, Page, url_for
from .facets import FACETS, facet_pages
from .indexes import article_table_pages, speaker_table_pages, year_table_page
from .overview import about_page, data_page, home_page, not_found_page, topic_table_page
from .trends import trends_pages

__all__ = ["SITE_NAME", "Link", "Page", "PagePlan", "build_pages", "plan_pages", "url_for"]


@dataclass(frozen=True)
class PagePlan:
    """A page before it is built: make(inputs) is the Page, and a pure function of inputs (a
    frozen value, compared by its repr). For most pages inputs is the Page itself."""

    path: str
    inputs: Any
    make: Callable[[Any], Page]

    @classmethod
    def of(cls, page: Page) -> PagePlan:
        """The plan of a page already built."""
        return cls(page.path, page, _built)

    def page(self) -> Page:
        return self.make(self.inputs)


def _built(page: Page) -> Page:
    return page


def build_pages(records: Records, about_markdown: str | None = None, part: tuple[int, int] = (0, 1)) -> list[Page]:
    """Every HTML page of the site in a stable order; with part=(k, n), only the k-th of n
    disjoint shares, so that n worker processes can each build and render their own."""
    return [plan.page() for plan in plan_pages(records, about_markdown, part)]


def plan_pages(records: Records, about_markdown: str | None = None, part: tuple[int, int] = (0, 1)) -> list[PagePlan]:
    """build_pages(), with the article pages not yet built."""
    ix = Index.of(records, part)
    pages = [*speaker_table_pages(ix), *article_table_pages(ix), *trends_pages(ix)]
    if part[0] == 0:
        pages += [home_page(ix), topic_table_page(ix), year_table_page(ix), data_page(), not_found_page(),
                  about_page(ix, about_markdown)]
    for build_facets in FACETS:
        for facet in build_facets(ix):
            pages.extend(facet_pages(facet))
    plans = [PagePlan.of(page) for page in pages]
    return plans + [PagePlan(url_for("article", i.article.id), i, article_page) for i in article_inputs(ix)]
