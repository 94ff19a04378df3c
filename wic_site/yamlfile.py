"""Reading a YAML data file (taxonomy, aliases) with errors that name the file and the line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .errors import UserError

# LibYAML's parser when PyYAML was built with it: the same values as yaml.safe_load, in a
# seventh of the time (every build reads the data files).
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(path: Path, what: str) -> Any:
    """The parsed file; a UserError "<path>: line N: broken <what> YAML (...)" when it is not YAML."""
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f"line {mark.line + 1}: " if mark else ""
        raise UserError(f"{path}: {line}broken {what} YAML ({getattr(exc, 'problem', None) or exc})") from None
    except OSError as exc:
        raise UserError(f"{path}: cannot read the {what} file ({exc.strerror})") from None
