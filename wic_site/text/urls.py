"""Web addresses from untrusted text: the one test of what may become a link's address."""

from __future__ import annotations

import re

WEB_ADDRESS = re.compile(r"https?://[^\s<>\"]+", re.I)


def web_address(value: object) -> str | None:
    """The value as an http(s) address a browser opens, or None (javascript:, data:, a bare
    path, anything with spaces or markup characters)."""
    text = str(value or "").strip()
    return text if WEB_ADDRESS.fullmatch(text) else None
