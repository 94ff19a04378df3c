"""What a rebuild may reuse: extracted articles by content hash, and the fingerprints of the last build.

Extraction is a pure function of the cleaned article, the taxonomy and the extractor's code,
so its result is stored under a hash of exactly those; anything else changing gives a new key
and the article is extracted again. The index and the site are reused only when the
fingerprint of everything they are made from is the one recorded after the last build and
(for the site) every file is still there with the size and mtime the build left.
"""

from __future__ import annotations

import fcntl
import functools
import hashlib
import json
import os
import pickle
import stat
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from .errors import UserError
from .models import SourceArticle

PACKAGE_DIR = Path(__file__).resolve().parent
LOCK_NAME = "build.lock"
LOCK_POLL_SECONDS = 0.2
T = TypeVar("T")


def default_cache_dir(index_dir: Path) -> Path:
    """Without --cache, the cache sits beside the index folder: `.wic-index/` -> `.wic-cache/`."""
    return Path(index_dir).resolve().parent / ".wic-cache"


def cache_dir_for(index_dir: Path) -> Path:
    return open_cache_dir(default_cache_dir(index_dir))


def open_cache_dir(folder: Path) -> Path:
    """Create the cache folder if needed and check it is safe to load from.

    It holds pickles, which run code when loaded, so it must be a private folder of this
    user: a cache in a shared folder such as /tmp must not load pickles others planted.
    """
    folder = Path(folder).absolute()
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = os.lstat(folder)
    except OSError as exc:
        raise UserError(f"cache folder {folder}: cannot be created ({exc.strerror})") from None
    if stat.S_ISLNK(info.st_mode) or info.st_uid != os.getuid() or info.st_mode & 0o022:
        raise UserError(f"cache folder {folder}: is writable by others or not owned by this user; remove it or use another --cache")
    return folder


@contextmanager
def build_lock(folder: Path, wait_seconds: float, note: Callable[[str], None], what: str) -> Iterator[None]:
    """Hold the lock on a cache folder (and so on the index beside it) for one build.

    A second build on the same folder waits for the first, saying so once, and gives up
    after wait_seconds (0: at once) with a UserError naming `what`. The kernel drops an
    flock when its holder dies, even by SIGKILL, so a killed build never leaves it stale.
    """
    fd = os.open(folder / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        if not _try_lock(fd):
            if wait_seconds <= 0:
                raise UserError(f"{what}: another build is using it; try again when it ends")
            note(f"wic-site: waiting for another build of {what}…")
            deadline = time.monotonic() + wait_seconds
            while not _try_lock(fd):
                if time.monotonic() >= deadline:
                    raise UserError(f"{what}: another build held it for {wait_seconds:g} s; gave up waiting")
                time.sleep(LOCK_POLL_SECONDS)
        yield
    finally:
        os.close(fd)  # releases the lock


def _try_lock(fd: int) -> bool:
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def through_each(store: Any, keys: Sequence[str], compute: Callable[[list[int]], list[T]]) -> list[T]:
    """One value per key: those `store` holds, and compute(positions of the others) for the
    rest, in one call (so it can share them out among processes), each stored under its key.
    When anything was computed, the store forgets keys not asked for (store.prune)."""
    found = [store.get(key) for key in keys]
    todo = [i for i, value in enumerate(found) if value is None]
    if not todo:
        return found  # type: ignore[return-value]
    for i, value in zip(todo, compute(todo)):
        found[i] = value
        store.put(keys[i], value)
    store.prune(set(keys))
    return found  # type: ignore[return-value]


@functools.cache
def package_hash() -> str:
    """One digest of the whole package, code and data: every cache is keyed by it, so no
    hand-kept list of modules can leave out one that a stage calls into."""
    return hash_files([PACKAGE_DIR])


def hash_files(paths: Iterable[Path]) -> str:
    """One digest over the names and bytes of files (folders are walked, sorted). Names are
    taken relative to the given path, so moving the project keeps the cache valid."""
    digest = hashlib.sha256()
    for name, path in sorted(_expand(paths)):
        digest.update(name.encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def _expand(paths: Iterable[Path]) -> Iterable[tuple[str, Path]]:
    for path in paths:
        if path.is_dir():
            for p in path.rglob("*"):
                if p.is_file() and "__pycache__" not in p.parts:
                    yield f"{path.name}/{p.relative_to(path).as_posix()}", p
        elif path.is_file():
            yield path.name, path


def hash_text(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


class PickleStore:
    """Values pickled one file per key under a folder: get, put, and prune what a corpus no
    longer uses, so the store does not grow without bound."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def get(self, key: str):
        if not key:
            return None
        try:
            return pickle.loads((self.folder / key[:2] / key).read_bytes())
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            return None  # missing or written by other code: compute again

    def put(self, key: str, value) -> None:
        if key:
            _write_atomic(self.folder / key[:2] / key, pickle.dumps(value, pickle.HIGHEST_PROTOCOL))

    def prune(self, keep: set[str]) -> None:
        if not self.folder.is_dir():
            return
        for shard in self.folder.iterdir():
            for entry in shard.iterdir():
                if entry.name not in keep:
                    entry.unlink(missing_ok=True)


class ExtractionCache(PickleStore):
    """ExtractedArticle pickles keyed by sha256(salt, repr(source)); one file per article."""

    def __init__(self, folder: Path, taxonomy_path: Path) -> None:
        super().__init__(folder / "extract")
        code = package_hash()
        self.salt = hash_text(code, hash_files([taxonomy_path]), f"{sys.version_info[:2]}")

    def key(self, source: SourceArticle) -> str:
        # repr covers every field of the frozen dataclass, in declaration order.
        return hash_text(self.salt, repr(source))


class ReadCache(PickleStore):
    """Each file's reading (readers.read_file: the article cleaned, its problems), keyed by the
    file's name in the corpus, its raw bytes (never its mtime) and the reading code.

    Reading cleans every line of every file, which costs more than loading the result. The
    steps across files (ids, repeated page furniture) run again on every build: they are cheap."""

    def __init__(self, folder: Path) -> None:
        super().__init__(folder / "read")
        self.code = package_hash()
        (folder / "read.pickle").unlink(missing_ok=True)  # the whole-stage cache of earlier versions

    def key(self, corpus_dir: Path, path: Path) -> str:
        """The file's key; "" (never stored) when it cannot be read: the reader reports why."""
        try:
            data = path.read_bytes()
        except OSError:
            return ""
        return hash_text(self.code, path.relative_to(corpus_dir).as_posix(), hashlib.sha256(data).hexdigest())


class BuildState:
    """Fingerprints of the last build for one (index folder, output folder) pair."""

    def __init__(self, folder: Path, index_dir: Path, out_dir: Path) -> None:
        name = hash_text(str(index_dir.resolve()), str(out_dir.resolve()))[:16]
        self.path = folder / "state" / f"{name}.json"
        try:
            self.data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.data = {}

    def index_current(self, fingerprint: str, index_dir: Path) -> bool:
        return self.data.get("index") == fingerprint and index_dir.is_dir() and any(index_dir.iterdir())

    def site_current(self, fingerprint: str, out_dir: Path) -> bool:
        manifest = self.data.get("site_manifest")
        return self.data.get("site") == fingerprint and manifest is not None and manifest == folder_manifest(out_dir)

    def save(self, index: str | None, site: str | None, out_dir: Path) -> None:
        """Record what was built; None forgets a fingerprint (the next build redoes that stage)."""
        data = {"index": index, "site": site, "site_manifest": folder_manifest(out_dir) if site else None}
        _write_atomic(self.path, json.dumps(data, sort_keys=True).encode())
        self.data = data


def folder_manifest(folder: Path) -> dict[str, list[int]] | None:
    """relpath -> [size, mtime_ns] of every file; None if the folder is missing."""
    if not folder.is_dir():
        return None
    manifest = {}
    for dirpath, _, files in os.walk(folder):
        for name in files:
            path = os.path.join(dirpath, name)
            st = os.stat(path)
            manifest[os.path.relpath(path, folder)] = [st.st_size, st.st_mtime_ns]
    return manifest


def _write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
