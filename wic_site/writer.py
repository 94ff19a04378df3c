"""Write the site into a temporary folder beside --out and swap it in only when complete."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

from .errors import UserError


class SiteWriter:
    """Collects files under one root; refuses paths outside it and the same path twice."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.written: set[str] = set()

    def write(self, relpath: str, data: bytes | str) -> None:
        target = self._target(relpath)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)

    def copy_tree(self, source_dir: Path, dest: str) -> None:
        for path in sorted(source_dir.rglob("*")):
            if path.is_file():
                self.write(f"{dest}/{path.relative_to(source_dir).as_posix()}", path.read_bytes())

    def _target(self, relpath: str) -> Path:
        pure = PurePosixPath(relpath)
        if pure.is_absolute() or ".." in pure.parts or not pure.parts:
            raise ValueError(f"refusing to write outside the site: {relpath!r}")
        key = pure.as_posix()
        if key in self.written:
            raise ValueError(f"two pages want the same path: {key}")
        self.written.add(key)
        return self.root.joinpath(*pure.parts)


@contextmanager
def staged_site(out_dir: Path) -> Iterator[SiteWriter]:
    """Yield a writer on a fresh temp folder; on success replace out_dir, on failure drop it."""
    out_dir = out_dir.resolve()
    try:
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.staging-", dir=out_dir.parent))
    except OSError as exc:
        raise UserError(f"output folder {out_dir}: cannot be written ({exc.strerror})") from None
    try:
        yield SiteWriter(staging)
        staging.chmod(0o755)
        _swap_in(staging, out_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _swap_in(staging: Path, out_dir: Path) -> None:
    if not out_dir.exists():
        os.replace(staging, out_dir)
        return
    retired = out_dir.with_name(f".{out_dir.name}.old-{os.getpid()}")
    os.replace(out_dir, retired)
    os.replace(staging, out_dir)
    shutil.rmtree(retired, ignore_errors=True)
