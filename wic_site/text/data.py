"""The package's word lists (wic_site/data/*.yaml): the one way any module reads one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..yamlfile import read_yaml

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def load_data(name: str) -> Any:
    """wic_site/data/<name>.yaml, parsed; a broken file is one line naming it."""
    return read_yaml(DATA_DIR / f"{name}.yaml", "word list")
