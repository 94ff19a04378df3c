"""Who wrote and photographed an article: bylines, photo credits and contribution lines.

These people are the article's authors and credits, not people of the story.
"""

from __future__ import annotations

from ..text.bylines import CONTRIBUTED, byline_names, credit_names, names_in


def find_authors(header_lines, dropped, paragraphs, declared=()) -> tuple[str, ...]:
    """Authors and credits in reading order, each once: declared ones (front matter, an
    HTML page's author), the header's bylines, credits among dropped lines, contribution lines."""
    found = [name for value in declared for name in names_in(str(value))]
    for line in header_lines:
        found += byline_names(line)
    for line in dropped:
        found += credit_names(line)
    for paragraph in paragraphs:
        found += [name for m in CONTRIBUTED.finditer(paragraph) for name in names_in(m.group("names"))]
    return tuple(dict.fromkeys(found))


