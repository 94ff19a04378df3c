"""Which pages a rebuild may keep: each page plan's digest at the last build, and its files' stamps.

A page's digest covers everything its HTML is made from: the value its Page is a pure
function of (pages.PagePlan.inputs, by repr: frozen dataclasses of strings, numbers and
tuples, so equal values give equal text in any process), and, through the salt, the whole
package, the templates, the libraries that render and the site's URL. When a page's digest
is the one recorded and the previous site still holds the very files that build left (same
size, modification time and inode), render keeps those files instead of rendering them again.
A plan is one page, or all pages of a facet (their number is a function of the inputs too).

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
from pathlib import Path
from typing import Any, NamedTuple

from .cache import hash_files, hash_text, package_hash

RENDER_LIBRARIES = ("jinja2", "markdown", "markupsafe")


class FileStamp(NamedTuple):
    """A file as a build left it: a later change (a rebuild, an edit) gives it another stamp."""

    path: str
    size: int
    mtime_ns: int
    inode: int


@dataclass(frozen=True)
class Kept:
    """A page plan as the last build left it: its digest and the stamps of its pages' files."""

    digest: str
    files: tuple[FileStamp, ...]


PageMap = dict[str, Kept]  # plan key (its first page's path) -> the plan as the last build left it


def page_salt(templates_dir: Path, base_url: str | None) -> str:
    """What every page depends on besides its own inputs."""
    libraries = [f"{name}={_version(name)}" for name in RENDER_LIBRARIES]
    return hash_text(package_hash(), hash_files([templates_dir]), repr(base_url), f"{sys.version_info[:2]}", *libraries)


def page_digest(salt: str, path: str, inputs: Any) -> str:
    return hashlib.sha256(f"{salt}\0{path}\0{inputs!r}".encode()).hexdigest()


def kept_unchanged(site: Any, digest: str, before: Kept | None) -> bool:
    """Whether site (a SiteWriter) kept the previous files of pages whose digest is unchanged."""
    return before is not None and before.digest == digest and site.keep(before.files)


class PageStore:
    """The page map of the last build into one output folder, in the cache folder."""

    def __init__(self, cache_dir: Path, out_dir: Path) -> None:
        name = hash_text(str(Path(out_dir).resolve()))[:16]
        self.path = Path(cache_dir) / "pages" / f"{name}.json"
        self.spare = Path(cache_dir) / "spare" / name  # the site before, for writer.staged_site to stage in
        self.out_dir = Path(out_dir)

    def load(self) -> PageMap:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            return {key: Kept(digest, tuple(FileStamp(*f) for f in files)) for key, (digest, files) in data.items()}
        except (OSError, ValueError, TypeError, AttributeError):
            return {}  # missing or unreadable: every page is rendered

    def save(self, plans: dict[str, tuple[str, tuple[str, ...]]]) -> None:
        """Record each plan's digest and pages (key -> (digest, paths)), with the stamps of
        their files now in out_dir."""
        data = {}
        for key, (digest, paths) in plans.items():
            try:
                stats = [(path, os.stat(self.out_dir / path)) for path in paths]
            except OSError:
                continue
            data[key] = [digest, [[path, st.st_size, st.st_mtime_ns, st.st_ino] for path, st in stats]]
        self.path.parent.mkdir(parents=True, exist_ok=True)
        staged = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        staged.write_text(json.dumps(data, sort_keys=True), encoding="utf-8")
        os.replace(staged, self.path)


def _version(name: str) -> str:
    from importlib.metadata import PackageNotFoundError, version  # only a build that renders needs it

    try:
        return version(name)
    except PackageNotFoundError:
        return "?"
