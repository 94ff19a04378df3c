"""The site's own static files as the site serves them: scripts minified (rjsmin strips their
comments and spaces, a quarter of search.js, which every search fetches); others as they are."""

from __future__ import annotations

import rjsmin


def minified(path: str, data: bytes) -> bytes:
    """A static file's bytes as published: a .js file minified, any other file unchanged."""
    if not path.endswith(".js"):
        return data
    return rjsmin.jsmin(data.decode("utf-8"), keep_bang_comments=True).encode("utf-8") + b"\n"
