"""A Markdown paragraph as the words a reader sees: no emphasis marks, no link targets.

Reading (to clean a Markdown article as text), indexing and page descriptions all use it."""

from __future__ import annotations

import markdown
from bs4 import BeautifulSoup

_CONVERTER = markdown.Markdown()


def plain_text(markdown_source: str) -> str:
    html = _CONVERTER.reset().convert(markdown_source)
    return " ".join(BeautifulSoup(html, "html.parser").get_text(" ").split())
