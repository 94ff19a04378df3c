"""A progress bar for long stages on a terminal; nothing at all in CI, when piped, or with --quiet.

tqdm is imported only when a bar is really shown, so a small build pays nothing for it.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TextIO

MIN_ITEMS = 200  # below this a stage ends before a bar would be worth drawing


def bar_wanted(quiet: bool, stream: TextIO | None = None) -> bool:
    stream = stream or sys.stderr
    if quiet or os.environ.get("CI") or os.environ.get("TERM") == "dumb":
        return False
    return hasattr(stream, "isatty") and stream.isatty()


@contextmanager
def progress(desc: str, total: int, enabled: bool) -> Iterator[Callable[[int], None]]:
    """Yield `advance(n)`; draws a bar on stderr when enabled and the stage is large."""
    if not enabled or total < MIN_ITEMS:
        yield lambda n: None
        return
    from tqdm import tqdm

    with tqdm(total=total, desc=f"{desc:<8}", unit="art", leave=False, file=sys.stderr) as bar:
        yield bar.update
