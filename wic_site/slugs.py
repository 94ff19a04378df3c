"""The one slugify() of the project, and unique-slug allocation."""

from __future__ import annotations

import re
import unicodedata

# Names Windows refuses as file names; a page folder must never be one of them.
_RESERVED = {"con", "prn", "aux", "nul"} | {f"com{i}" for i in range(10)} | {f"lpt{i}" for i in range(10)}
# Folders a listing puts beside its items (`articles/page/2/`, `articles/by-year/`): no item may take one.
_LISTING_FOLDER = re.compile(r"page|by-[a-z0-9]+")


def slugify(text: str, fallback: str = "item") -> str:
    """Lowercase ASCII words joined by hyphens; never empty, never a reserved name."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    slug = slug[:80].rstrip("-") or fallback
    if slug in _RESERVED:
        slug = f"{slug}-page"
    elif _LISTING_FOLDER.fullmatch(slug):
        slug = f"{slug}-item"
    return slug


def unique_slug(text: str, taken: set[str], fallback: str = "item") -> str:
    """slugify(text), suffixed -2, -3, ... until it is not in `taken`; adds it to `taken`."""
    base = slugify(text, fallback)
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    taken.add(slug)
    return slug
