"""Which pages a rebuild may keep: each page's digest at the last build, and its file's stamp.

A page's digest covers everything its HTML is made from: the value its Page is a pure
function of (pages.PagePlan.inputs, by repr: frozen dataclasses of strings, numbers and
tuples, so equal values give equal text in any process), and, through the salt, the whole
package, the templates, the libraries that render and the site's URL. When a page's digest
is the one recorded and the previous site still holds the very file that build left (same
size, modification time and inode), render keeps that file instead of rendering it again.

The map is saved only after a build has swapped its site in, with the stamps of the files
now in place; a build that fails keeps the previous map, which still describes the previous
site, and a file changed since (by a half-finished build or by hand) no longer matches its stamp.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from .cache import hash_files, hash_text, package_hash

RENDER_LIBRARIES = ("jinja2", "markdown", "markupsafe")


@dataclass(frozen=True)
class Kept:
    """A page as the last build left it: its digest, and its file's size, mtime and inode."""

    digest: str
    size: int
    mtime_ns: int
    inode: int


PageMap = dict[str, Kept]  # site-relative path -> the page as the last build left it


def page_salt(templates_dir: Path, base_url: str | None) -> str:
    """What every page depends on besides its own inputs."""
    libraries = [f"{name}={_version(name)}" for name in RENDER_LIBRARIES]
    return hash_text(package_hash(), hash_files([templates_dir]), repr(base_url), f"{sys.version_info[:2]}", *libraries)


def page_digest(salt: str, path: str, inputs: Any) -> str:
    return hashlib.sha256(f"{salt}\0{path}\0{inputs!r}".encode()).hexdigest()


def kept_unchanged(site: Any, path: str, digest: str, before: Kept | None) -> bool:
    """Whether site (a SiteWriter) kept the previous file of a page whose digest is unchanged."""
    return before is not None and before.digest == digest and site.keep(path, before.size, before.mtime_ns, before.inode)


class PageStore:
    """The page map of the last build into one output folder, in the cache folder."""

    def __init__(self, cache_dir: Path, out_dir: Path) -> None:
        name = hash_text(str(Path(out_dir).resolve()))[:16]
        self.path = Path(cache_dir) / "pages" / f"{name}.json"
        self.out_dir = Path(out_dir)

    def load(self) -> PageMap:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            return {path: Kept(*entry) for path, entry in data.items()}
        except (OSError, ValueError, TypeError, AttributeError):
            return {}  # missing or unreadable: every page is rendered

    def save(self, digests: dict[str, str]) -> None:
        """Record the digests of the pages now in out_dir, with their files' stamps."""
        data = {}
        for path, digest in digests.items():
            try:
                st = os.stat(self.out_dir / path)
            except OSError:
                continue
            data[path] = [digest, st.st_size, st.st_mtime_ns, st.st_ino]
        self.path.parent.mkdir(parents=True, exist_ok=True)
        staged = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        staged.write_text(json.dumps(data, sort_keys=True), encoding="utf-8")
        os.replace(staged, self.path)


def _version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "?"
