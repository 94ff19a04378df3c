"""Who wrote and photographed an article: its authors (bylines, "Reporting by", contribution
lines, a reporter's sign-off) and its credits (photographers). Neither are people of the story.
"""

from __future__ import annotations

from ..text.bylines import author_names, byline_names, credit_names, names_in, paragraph_author_names

SIGN_OFF_PARAGRAPHS = 3  # a reporter's bio or sign-off stands in the last few paragraphs


def find_authors(header_lines, dropped, paragraphs, declared=()) -> tuple[str, ...]:
    """Authors in reading order, each once: declared ones (front matter, an HTML page's author),
    the header's bylines, credit lines cleaning set aside, contributions and sign-offs."""
    found = [name for value in declared for name in names_in(str(value))]
    for line in header_lines:
        found += byline_names(line)
    for line in dropped:
        found += author_names(line)
    for index, paragraph in enumerate(paragraphs):
        found += paragraph_author_names(paragraph, closing=index >= len(paragraphs) - SIGN_OFF_PARAGRAPHS)
    return tuple(dict.fromkeys(found))


def find_credits(header_lines, dropped) -> tuple[str, ...]:
    """Photographers and illustrators the page credits."""
    return tuple(dict.fromkeys(name for line in (*header_lines, *dropped) for name in credit_names(line)))
