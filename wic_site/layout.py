"""Reflow text saved hard-wrapped (every line cut near one width) into one line per paragraph.

A wrapped file is told by its line lengths: most lines end close to one width and most of
those end mid-sentence. A line ends its paragraph when the next line's first word would have
fitted on it, or a blank line follows. Files written one line per paragraph pass unchanged.
"""

from __future__ import annotations

import re

MIN_LINES = 6  # fewer full lines than this is too little to tell a wrapped file
MAX_WIDTH = 100  # wider than this, lines are paragraphs that happen to be short
NEAR_WIDTH = 20  # a full line ends within this many characters of the width
SENTENCE_END = re.compile(r"[.!?:;][\"'\u201d\u2019)]*$")


def reflow(text: str) -> str:
    lines = [line.rstrip() for line in text.split("\n")]
    width = wrap_width(lines)
    if width is None:
        return text
    paragraphs: list[str] = []
    current: list[str] = []
    for line, after in zip(lines, lines[1:] + [""]):
        if not line.strip():
            _flush(paragraphs, current)
            paragraphs.append("")
            continue
        current.append(line.strip())
        next_word = after.split()[0] if after.split() else ""
        if not next_word or len(line) + 1 + len(next_word) <= width:
            _flush(paragraphs, current)
    _flush(paragraphs, current)
    return "\n".join(paragraphs)


def wrap_width(lines: list[str]) -> int | None:
    """The width the text was wrapped at, or None when it was not wrapped."""
    lengths = sorted(len(line) for line in lines if line.strip())
    if len(lengths) < MIN_LINES:
        return None
    width = lengths[int(len(lengths) * 0.95) - 1] if len(lengths) >= 20 else lengths[-1]
    full = [line for line in lines if line.strip() and width - NEAR_WIDTH <= len(line) <= width]
    if not 40 <= width <= MAX_WIDTH or len(full) < MIN_LINES or len(full) < len(lengths) / 2:
        return None
    mid_sentence = sum(1 for line in full if not SENTENCE_END.search(line))
    return width if mid_sentence >= len(full) * 0.6 else None


def _flush(paragraphs: list[str], current: list[str]) -> None:
    if not current:
        return
    joined = current[0]
    for line in current[1:]:  # a word broken at its hyphen joins without a space
        joined += line if re.search(r"[A-Za-z]-$", joined) else " " + line
    paragraphs.append(joined)
    current.clear()
