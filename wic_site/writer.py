"""Write the site into a temporary folder beside --out and swap it in only when complete.

A reader (or the preview server) sees either the previous site or the new one, never a mix:
on Linux the two folders are exchanged in one renameat2(RENAME_EXCHANGE) call; elsewhere two
renames leave a window of a few microseconds with no folder at all, but never a partial one.
A build that fails leaves the previous site as it was and removes its staging folder. The
site replaced can be kept (staged_site's spare) for the next build to stage in, so that a
rebuild makes and removes only the folders and files that changed.

The swap replaces --out whole, so a folder we did not build is never replaced: every build
leaves MARKER at the site's root, and an existing, non-empty --out without it is refused
(`--out .` or `--out seeds` must not delete the project).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import filecmp
import os
import re
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

from .errors import UserError

MARKER = ".wic-site"
MARKER_TEXT = "This folder is written by wic-site; each build replaces it whole.\n"
_UNSAFE_CHARS = re.compile(r"[\x00-\x1f\x7f\\]")


class SiteWriter:
    """Collects files under one root; refuses paths outside it and the same path twice.

    "The same path" is compared case-folded, because on macOS and Windows `About/` and
    `about/` are one folder and the second page would silently replace the first.
    """

    def __init__(self, root: Path, previous: Path | None = None, recycled: bool = False) -> None:
        self.root = root
        self.previous = previous  # the site this one replaces: its unchanged files are kept
        # root holds an older site's tree (recycle_spare): its files may be the very inodes of
        # the live site, so a file is replaced by name, never written into
        self.recycled = recycled
        self.written: set[str] = set()
        self._files: set[str] = set()  # case-folded keys of files
        self._dirs: set[str] = set()  # case-folded keys of folders that hold files

    def share(self) -> SiteWriter:
        """A writer on the same folders for another process (a render worker, the index's side
        process). It refuses paths outside the site and its own paths twice; clashes between
        writers are refused when this one adopt()s the share's listing (its .written)."""
        return SiteWriter(self.root, self.previous, self.recycled)

    def adopt(self, paths: Iterable[str]) -> None:
        """Claim the paths a share() wrote, with write()'s checks: a path another writer also
        wrote (compared case-folded), or a file that is another's folder, fails the build, and
        the staging folder holding the clash is dropped. Sorted, so the error names the same
        path on every run."""
        for relpath in sorted(paths):
            self._claim_path(relpath)

    def write(self, relpath: str, data: bytes | str) -> None:
        """Write the file, or, when the previous site holds these very bytes at relpath,
        hard-link that file: its modification time and inode stay, so a sync to the host
        (rsync, or any upload that compares times) sends only the files that changed."""
        target = self._claim(relpath)
        payload = data.encode("utf-8") if isinstance(data, str) else data
        try:
            if not self._kept_from_previous(relpath, payload, target):
                self._make_room(target)
                target.write_bytes(payload)
        except OSError as exc:
            raise UserError(f"output folder: cannot write {relpath} ({exc.strerror})") from None

    def keep(self, files: Sequence[tuple[str, int, int, int]]) -> bool:
        """Put the previous site's files into this site unread, if each (relpath, size,
        mtime_ns, inode) is still that very file (one a known page was rendered into);
        False, and nothing claimed, if any is not: then their pages must be written."""
        if self.previous is None:
            return False
        found = []
        for relpath, size, mtime_ns, inode in files:
            old = self.previous.joinpath(*_safe_parts(relpath))
            try:
                st = old.lstat()
            except OSError:
                return False
            if not stat.S_ISREG(st.st_mode) or (st.st_size, st.st_mtime_ns, st.st_ino) != (size, mtime_ns, inode):
                return False
            found.append((relpath, old))
        for relpath, old in found:
            self._link_previous(relpath, old)
        return True

    def _link_previous(self, relpath: str, old: Path) -> None:
        target = self._claim(relpath)
        try:
            if self.recycled and _same_file(old, target):
                return  # the recycled tree holds this very file already
            self._make_room(target)
            try:
                os.link(old, target)
            except OSError:  # a filesystem without hard links: a copy, with its times
                shutil.copy2(old, target)
        except OSError as exc:
            raise UserError(f"output folder: cannot write {relpath} ({exc.strerror})") from None

    def write_pieces(self, relpath: str, pieces: Iterable[str]) -> None:
        """Write a large text file piece by piece (it is never whole in memory); as write(), an
        unchanged file ends up as the previous site's, compared block by block once written."""
        target = self._claim(relpath)
        try:
            self._make_room(target)
            with open(target, "w", encoding="utf-8", newline="") as out:
                out.writelines(pieces)
            self._relink_if_unchanged(relpath, target)
        except OSError as exc:
            raise UserError(f"output folder: cannot write {relpath} ({exc.strerror})") from None

    def _relink_if_unchanged(self, relpath: str, target: Path) -> None:
        old = self._previous_file(relpath, target.stat().st_size)
        try:
            if old is None or not filecmp.cmp(old, target, shallow=False):
                return
            linked = target.with_name(f".{target.name}.link")
            os.link(old, linked)
        except OSError:  # unreadable, or a filesystem without hard links: the written copy stays
            return
        os.replace(linked, target)

    def _kept_from_previous(self, relpath: str, payload: bytes, target: Path) -> bool:
        old = self._previous_file(relpath, len(payload))
        try:
            if old is None or old.read_bytes() != payload:
                return False
            if self.recycled and _same_file(old, target):
                return True
            self._make_room(target)
            os.link(old, target)
        except OSError:  # unreadable, or a filesystem without hard links: write it
            return False
        return True

    def _previous_file(self, relpath: str, size: int) -> Path | None:
        """The previous site's regular file at relpath, if it has this size (else None)."""
        if self.previous is None:
            return None
        old = self.previous / relpath
        try:
            st = old.lstat()
        except OSError:
            return None
        return old if stat.S_ISREG(st.st_mode) and st.st_size == size else None

    def _make_room(self, target: Path) -> None:
        """Make target's folder; in a recycled tree, also take away what stands at target
        (a file, maybe the live site's inode, or a folder) or at a folder's place (a file)."""
        if not self.recycled:
            target.parent.mkdir(parents=True, exist_ok=True)
            return
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except (FileExistsError, NotADirectoryError):
            _clear_file_ancestors(self.root, target)
            target.parent.mkdir(parents=True, exist_ok=True)
        try:
            target.unlink()
        except FileNotFoundError:
            pass
        except (IsADirectoryError, PermissionError):
            shutil.rmtree(target)

    def sweep(self) -> None:
        """Remove from a recycled tree every file this build did not write (nor a share it
        adopted), and the folders left empty."""
        if not self.recycled:
            return
        for dirpath, dirnames, filenames in os.walk(self.root, topdown=False):
            folder = os.path.relpath(dirpath, self.root)
            prefix = "" if folder == "." else folder.replace(os.sep, "/") + "/"
            gone = [name for name in filenames if prefix + name not in self.written]
            for name in gone:
                os.unlink(os.path.join(dirpath, name))
            if prefix and len(gone) == len(filenames) and not os.listdir(dirpath):
                os.rmdir(dirpath)

    def copy_tree(self, source_dir: Path, dest: str, transform: Callable[[str, bytes], bytes] | None = None) -> None:
        """Copy every file under source_dir to dest/ in the site, in sorted order, each through
        transform(site path, bytes) if given.

        A symlink is followed only if it stays inside source_dir, so a stray link in
        static/ cannot publish a file from elsewhere on the machine.
        """
        source_dir = Path(source_dir)
        inside = source_dir.resolve()
        for path in sorted(source_dir.rglob("*")):
            if not path.is_file():
                continue
            if not path.resolve().is_relative_to(inside):
                raise ValueError(f"refusing to copy {path}: it links outside {source_dir}")
            rel = PurePosixPath(dest.strip("/") or ".", path.relative_to(source_dir).as_posix())
            data = path.read_bytes()
            self.write(rel.as_posix(), transform(rel.as_posix(), data) if transform else data)

    def _claim(self, relpath: str) -> Path:
        return self.root.joinpath(*self._claim_path(relpath))

    def _claim_path(self, relpath: str) -> list[str]:
        parts = _safe_parts(relpath)
        key = "/".join(parts)
        folded = key.casefold()
        if folded in self._files or folded in self._dirs:
            raise ValueError(f"two pages want the same path: {key}")
        # No path is both a file and a folder, so a known folder's ancestors are folders too.
        if folded.rpartition("/")[0] not in self._dirs:
            parents = {"/".join(parts[:i]).casefold() for i in range(1, len(parts))}
            if parents & self._files:
                raise ValueError(f"a page path is also a folder of another page: {key}")
            self._dirs |= parents
        self._files.add(folded)
        self.written.add(key)
        return parts


def _safe_parts(relpath: str) -> list[str]:
    """The path's segments, or ValueError if it could land outside the site root."""
    if not relpath or relpath.startswith("/") or _UNSAFE_CHARS.search(relpath):
        raise ValueError(f"refusing to write outside the site: {relpath!r}")
    parts = [p for p in relpath.split("/") if p not in ("", ".")]
    if not parts or ".." in parts:
        raise ValueError(f"refusing to write outside the site: {relpath!r}")
    return parts


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _clear_file_ancestors(root: Path, target: Path) -> None:
    """Unlink the files that stand where target's folders must be (a recycled tree's page
    whose path is now a folder)."""
    for folder in reversed(target.relative_to(root).parents[:-1]):
        place = root / folder
        if place.is_symlink() or place.is_file():
            place.unlink()


@contextmanager
def staged_site(out_dir: Path, spare: Path | None = None) -> Iterator[SiteWriter]:
    """Yield a writer on a temp folder; on success replace out_dir, on failure drop it.

    With `spare` (a path on out_dir's filesystem, outside it, that no other build uses), the
    site replaced is moved there instead of being deleted, and the next build stages in it:
    most of its folders and files are already in place, so a rebuild makes and removes only
    those that changed (making and removing folders is slow on journalling filesystems)."""
    out_dir = Path(out_dir).absolute()
    _check_replaceable(out_dir)
    staging = _make_staging(out_dir)
    recycled = spare is not None and _recycle_spare(spare, staging)
    swapped = False
    try:
        site = SiteWriter(staging, previous=out_dir if out_dir.is_dir() else None, recycled=recycled)
        yield site
        site.write(MARKER, MARKER_TEXT)
        site.sweep()
        staging.chmod(0o755)  # mkdtemp made it 0700; a web server must be able to read it
        _swap_in(staging, out_dir)
        swapped = True
    finally:
        if not (swapped and spare is not None and _keep_as_spare(staging, spare)):
            shutil.rmtree(staging, ignore_errors=True)  # after the swap this holds the old site


def _recycle_spare(spare: Path, staging: Path) -> bool:
    """Put the spare tree in the (empty) staging folder's place; False if there is none."""
    try:
        os.replace(spare, staging)  # an empty folder is replaced by a folder on POSIX
    except OSError:
        shutil.rmtree(spare, ignore_errors=True)  # missing, or on another filesystem
        return False
    return True


def _keep_as_spare(old_site: Path, spare: Path) -> bool:
    if not old_site.is_dir():
        return False  # the first build into out_dir: no site was replaced
    try:
        spare.parent.mkdir(parents=True, exist_ok=True)
        shutil.rmtree(spare, ignore_errors=True)
        os.replace(old_site, spare)
    except OSError:
        return False
    return True


def check_output_dir(out_dir: Path) -> None:
    """Fail early (before a long build) if out_dir could not be written or must not be replaced."""
    out_dir = Path(out_dir).absolute()
    _check_replaceable(out_dir)
    shutil.rmtree(_make_staging(out_dir))


def _check_replaceable(out_dir: Path) -> None:
    if out_dir.parent == out_dir:
        raise UserError(f"output folder {out_dir}: refusing to replace a filesystem root")
    if out_dir.is_symlink():  # the swap would replace the link itself, not the folder it names
        raise UserError(f"output folder {out_dir}: is a symbolic link; give the real folder as --out")
    if out_dir.exists() and not out_dir.is_dir():
        raise UserError(f"output folder {out_dir}: exists and is not a folder")
    if not out_dir.is_dir():
        return
    try:
        ours = (out_dir / MARKER).is_file() or not any(out_dir.iterdir())
    except OSError as exc:
        raise UserError(f"output folder {out_dir}: cannot be read ({exc.strerror})") from None
    if not ours:
        raise UserError(
            f"output folder {out_dir}: holds files wic-site did not write; "
            "refusing to replace it (empty it or choose another --out)"
        )


def _make_staging(out_dir: Path) -> Path:
    try:
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        _remove_abandoned(out_dir)
        return Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.staging-{os.getpid()}-", dir=out_dir.parent))
    except OSError as exc:
        raise UserError(f"output folder {out_dir}: cannot be written ({exc.strerror})") from None


def _remove_abandoned(out_dir: Path) -> None:
    """Drop staging folders left by builds that were killed (their process is gone)."""
    pattern = re.compile(rf"\.{re.escape(out_dir.name)}\.(?:staging|old)-(\d+)-")
    for sibling in out_dir.parent.iterdir():
        match = pattern.match(sibling.name)
        if match and sibling.is_dir() and not sibling.is_symlink() and not _alive(int(match[1])):
            shutil.rmtree(sibling, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _swap_in(staging: Path, out_dir: Path) -> None:
    try:
        if not out_dir.exists():
            os.replace(staging, out_dir)
        elif not _exchange(staging, out_dir):
            _replace_in_two_steps(staging, out_dir)
    except OSError as exc:
        raise UserError(f"output folder {out_dir}: cannot be replaced ({exc.strerror})") from None


def _replace_in_two_steps(staging: Path, out_dir: Path) -> None:
    retired = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.old-{os.getpid()}-", dir=out_dir.parent))
    os.replace(out_dir, retired / "site")
    try:
        os.replace(staging, out_dir)
    except OSError:
        os.replace(retired / "site", out_dir)  # put the previous site back before reporting
        raise
    finally:
        shutil.rmtree(retired, ignore_errors=True)


_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two folders (Linux renameat2); False where the system cannot."""
    libc_name = ctypes.util.find_library("c")
    libc = ctypes.CDLL(libc_name, use_errno=True) if libc_name else None
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if result == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):  # old kernel or filesystem without it
        return False
    raise OSError(err, os.strerror(err))
