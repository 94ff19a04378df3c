"""The package's word lists (wic_site/data/*.yaml), read once when a module that needs one loads."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def load_data(name: str) -> Any:
    """wic_site/data/<name>.yaml, parsed."""
    return yaml.safe_load((DATA_DIR / f"{name}.yaml").read_text(encoding="utf-8"))
