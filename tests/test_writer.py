"""The staged writer: pages land only inside the site, never twice, and the swap is all or nothing."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from wic_site import writer
from wic_site.errors import UserError
from wic_site.writer import MARKER, staged_site


def tree_hashes(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def build_site(out: Path, pages: dict[str, str]) -> None:
    with staged_site(out) as site:
        for relpath, text in pages.items():
            site.write(relpath, text)


def siblings(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.parent.iterdir() if p != folder)


def test_first_build_creates_the_folder_with_every_page_and_the_marker(tmp_path):
    out = tmp_path / "site"
    build_site(out, {"index.html": "home", "articles/a/index.html": "<p>a</p>"})
    assert (out / "articles/a/index.html").read_text() == "<p>a</p>"
    assert sorted(tree_hashes(out)) == [MARKER, "articles/a/index.html", "index.html"]
    assert siblings(out) == []


def test_rebuild_replaces_the_whole_previous_site(tmp_path):
    out = tmp_path / "site"
    build_site(out, {"index.html": "one", "old/index.html": "gone soon"})
    build_site(out, {"index.html": "two"})
    assert (out / "index.html").read_text() == "two"
    assert not (out / "old").exists()
    assert siblings(out) == []


def test_failure_while_writing_leaves_previous_site_byte_for_byte(tmp_path):
    out = tmp_path / "site"
    build_site(out, {"index.html": "good", "a/index.html": "page a"})
    before = tree_hashes(out)
    with pytest.raises(RuntimeError, match="render exploded"):
        with staged_site(out) as site:
            site.write("index.html", "half")
            raise RuntimeError("render exploded")
    assert tree_hashes(out) == before
    assert siblings(out) == []


def test_keyboard_interrupt_mid_build_also_leaves_no_staging(tmp_path):
    out = tmp_path / "site"
    with pytest.raises(KeyboardInterrupt):
        with staged_site(out) as site:
            site.write("index.html", "half")
            raise KeyboardInterrupt
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "relpath",
    ["../escape.html", "a/../../escape.html", "/etc/passwd", "", ".", "a/\x00b", "..\\..\\x", "a/\nb"],
)
def test_paths_that_could_leave_the_site_are_refused(tmp_path, relpath):
    out = tmp_path / "deep" / "site"
    with pytest.raises(ValueError, match="outside the site"):
        with staged_site(out) as site:
            site.write(relpath, "x")
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["deep"]


@pytest.mark.parametrize(
    "first, second",
    [("a/index.html", "a/index.html"), ("About/index.html", "about/index.html"), ("a/./b", "a//b")],
)
def test_the_same_path_twice_is_refused(tmp_path, first, second):
    with pytest.raises(ValueError, match="same path"):
        with staged_site(tmp_path / "site") as site:
            site.write(first, "first")
            site.write(second, "second")


@pytest.mark.parametrize("first, second", [("a", "a/index.html"), ("a/index.html", "a")])
def test_a_page_cannot_also_be_a_folder(tmp_path, first, second):
    with pytest.raises(ValueError):
        with staged_site(tmp_path / "site") as site:
            site.write(first, "first")
            site.write(second, "second")
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize(
    "first, second, refusal",
    [("a/index.html", "a/index.html", "same path"), ("About/index.html", "about/index.html", "same path"),
     ("a", "a/index.html", "folder of another|cannot write"), ("a/index.html", "a", "same path|cannot write")],
)
def test_a_path_two_shares_wrote_is_refused(tmp_path, first, second, refusal):
    """Render workers write through shares of one staged site; the listings they hand back
    are adopted, and a clash between two of them fails the build: when the listing is adopted,
    or already on disk when one's file is the other's folder."""
    out = tmp_path / "site"
    with pytest.raises((ValueError, UserError), match=refusal):
        with staged_site(out) as site:
            one, two = site.share(), site.share()
            one.write(first, "first")
            two.write(second, "second")
            site.adopt(one.written)
            site.adopt(two.written)
    assert not out.exists() and siblings(out) == []


def test_shares_write_into_the_staged_site_and_keep_unchanged_files(tmp_path):
    out = tmp_path / "site"

    def build(pages: dict[str, str]) -> dict[str, int]:
        with staged_site(out) as site:
            shares = [site.share() for _ in pages]
            for share, (relpath, text) in zip(shares, pages.items()):
                share.write(relpath, text)
            for share in shares:
                site.adopt(share.written)
        return {relpath: (out / relpath).stat().st_ino for relpath in pages}

    first = build({"a/index.html": "a", "b/index.html": "b"})
    second = build({"a/index.html": "a", "b/index.html": "b!"})
    assert second["a/index.html"] == first["a/index.html"]  # unchanged: the previous file, linked
    assert second["b/index.html"] != first["b/index.html"]
    assert sorted(tree_hashes(out)) == [MARKER, "a/index.html", "b/index.html"]


def test_a_share_refuses_paths_outside_the_site(tmp_path):
    out = tmp_path / "site"
    with pytest.raises(ValueError, match="outside the site"):
        with staged_site(out) as site:
            site.share().write("../escape.html", "x")
    assert sorted(p.name for p in tmp_path.rglob("*")) == []


def test_copy_tree_copies_every_file_under_dest(tmp_path):
    static = tmp_path / "static"
    (static / "img").mkdir(parents=True)
    (static / "site.css").write_text("body{}")
    (static / "img" / "logo.svg").write_bytes(b"<svg/>")
    out = tmp_path / "site"
    with staged_site(out) as site:
        site.copy_tree(static, "static")
        site.copy_tree(static, "")
    assert set(tree_hashes(out)) == {
        MARKER, "static/site.css", "static/img/logo.svg", "site.css", "img/logo.svg",
    }


def test_copy_tree_refuses_a_symlink_out_of_the_source(tmp_path):
    static = tmp_path / "static"
    static.mkdir()
    secret = tmp_path / "secret.txt"
    secret.write_text("private")
    (static / "leak.txt").symlink_to(secret)
    with pytest.raises(ValueError, match="links outside"):
        with staged_site(tmp_path / "site") as site:
            site.copy_tree(static, "static")
    assert not (tmp_path / "site").exists()


def test_a_folder_wic_site_did_not_write_is_never_replaced(tmp_path):
    project = tmp_path / "project"
    project.mkdir()
    (project / "notes.txt").write_text("precious")
    with pytest.raises(UserError, match="did not write"):
        build_site(project, {"index.html": "x"})
    assert tree_hashes(project) == {"notes.txt": hashlib.sha256(b"precious").hexdigest()}
    assert siblings(project) == []


def test_an_empty_existing_folder_is_fine(tmp_path):
    out = tmp_path / "site"
    out.mkdir()
    build_site(out, {"index.html": "x"})
    assert (out / "index.html").read_text() == "x"


def test_out_that_is_a_file_or_symlink_or_under_a_file_is_a_user_error(tmp_path):
    a_file = tmp_path / "file"
    a_file.write_text("not a folder")
    link = tmp_path / "link"
    link.symlink_to(tmp_path)
    with pytest.raises(UserError, match="not a folder"):
        build_site(a_file, {"index.html": "x"})
    with pytest.raises(UserError, match="symbolic link"):
        build_site(link, {"index.html": "x"})
    with pytest.raises(UserError, match="cannot be written"):
        build_site(a_file / "site", {"index.html": "x"})
    assert a_file.read_text() == "not a folder"


def test_staging_left_by_a_killed_build_is_removed_and_a_live_one_kept(tmp_path):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    abandoned = tmp_path / f".site.staging-{dead.stdout.strip()}-abc"
    live = tmp_path / f".site.staging-{os.getpid()}-def"
    for folder in (abandoned, live):
        folder.mkdir()
        (folder / "index.html").write_text("half")
    build_site(tmp_path / "site", {"index.html": "x"})
    assert not abandoned.exists()
    assert live.exists()


def test_two_step_swap_where_exchange_is_unavailable(tmp_path, monkeypatch):
    monkeypatch.setattr(writer, "_exchange", lambda a, b: False)
    out = tmp_path / "site"
    build_site(out, {"index.html": "one"})
    build_site(out, {"index.html": "two"})
    assert (out / "index.html").read_text() == "two"
    assert siblings(out) == []


def test_a_reader_never_finds_the_site_missing_during_swaps(tmp_path):
    """Linux's renameat2 exchange: there is no instant with no site (CI runs on Linux)."""
    out = tmp_path / "site"
    build_site(out, {"index.html": "0"})
    misses: list[str] = []
    stop = threading.Event()

    def read_forever() -> None:
        while not stop.is_set():
            try:
                (out / "index.html").read_text()
            except OSError as exc:
                misses.append(repr(exc))

    reader = threading.Thread(target=read_forever)
    reader.start()
    try:
        for n in range(1, 60):
            build_site(out, {"index.html": str(n)})
    finally:
        stop.set()
        reader.join()
    assert misses == []
    assert (out / "index.html").read_text() == "59"


def test_check_output_dir_fails_early_and_leaves_nothing_behind(tmp_path):
    a_file = tmp_path / "file"
    a_file.write_text("x")
    with pytest.raises(UserError, match="cannot be written"):
        writer.check_output_dir(a_file / "site")
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    (foreign / "keep.txt").write_text("keep")
    with pytest.raises(UserError, match="did not write"):
        writer.check_output_dir(foreign)
    writer.check_output_dir(tmp_path / "new" / "site")
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["file", "foreign", "keep.txt", "new"]


def test_unchanged_files_are_the_previous_sites_and_changed_ones_new(tmp_path):
    out = tmp_path / "site"

    def build(page: str, data: str) -> dict[str, int]:
        with staged_site(out) as site:
            site.write("index.html", page)
            site.write_pieces("data/records.json", iter(data.split(" ")))
        return {name: (out / name).stat().st_ino for name in ("index.html", "data/records.json")}

    first = build("home", "a b c")
    same = build("home", "a b c")
    changed = build("home!", "a b d")
    assert same == first  # hard links to the previous files: same inodes
    assert changed["index.html"] != first["index.html"] and changed["data/records.json"] != first["data/records.json"]
    assert (out / "data/records.json").read_text() == "abd" and (out / "index.html").read_text() == "home!"


def build_with_spare(out: Path, spare: Path, pages: dict[str, str]) -> None:
    with staged_site(out, spare) as site:
        for relpath, text in pages.items():
            site.write(relpath, text)


def test_a_build_stages_in_the_site_it_replaced_before_and_writes_only_the_new_site(tmp_path):
    """The replaced site is kept as the spare and the next build stages in it: files it no
    longer has go, a page whose path became a folder (and the reverse) is replaced, and the
    result is exactly the new site."""
    out, spare = tmp_path / "site", tmp_path / "cache" / "spare"
    builds = [
        {"index.html": "one", "a/index.html": "a", "gone/index.html": "soon gone", "x": "a file"},
        {"index.html": "two", "a/index.html": "a", "gone/index.html": "still here", "y/index.html": "y"},
        {"index.html": "three", "a/index.html": "a", "x/index.html": "x is a folder now", "y": "y is a file now"},
        {"index.html": "three", "b/index.html": "b"},
    ]
    for n, pages in enumerate(builds):
        build_with_spare(out, spare, pages)
        assert {k: v for k, v in tree_hashes(out).items() if k != MARKER} == {
            k: hashlib.sha256(v.encode()).hexdigest() for k, v in pages.items()}, n
        assert siblings(out) == (["cache"] if n else [])  # the first build replaced no site
        assert spare.is_dir() == (n > 0)
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*")) == [MARKER, "b", "b/index.html", "index.html"]


def test_a_failed_build_in_a_recycled_tree_leaves_the_live_site_byte_for_byte(tmp_path):
    """The spare shares unchanged files (inodes) with the live site: a build replaces them by
    name, never writes into them, so a failure leaves the live site as it was."""
    out, spare = tmp_path / "site", tmp_path / "cache" / "spare"
    build_with_spare(out, spare, {"index.html": "home", "a/index.html": "page a", "b/index.html": "page b"})
    build_with_spare(out, spare, {"index.html": "home", "a/index.html": "page a", "b/index.html": "page b, edited"})
    before = tree_hashes(out)
    with pytest.raises(RuntimeError, match="render exploded"):
        with staged_site(out, spare) as site:
            site.write("a/index.html", "overwritten?")
            site.write_pieces("index.html", ["overwritten", " too?"])
            raise RuntimeError("render exploded")
    assert tree_hashes(out) == before
    assert siblings(out) == ["cache"]
    build_with_spare(out, spare, {"index.html": "home", "a/index.html": "page a"})  # no spare now: a fresh staging
    assert sorted(tree_hashes(out)) == [MARKER, "a/index.html", "index.html"]


def test_a_spare_that_cannot_be_kept_is_removed_and_the_next_build_stages_afresh(tmp_path):
    """A spare place that cannot be used (on another filesystem, or here under a file) costs
    nothing but the reuse: the replaced site is removed as without a spare."""
    out, blocker = tmp_path / "site", tmp_path / "not-a-folder"
    blocker.write_text("a file where the spare's folder would be\n", encoding="utf-8")
    for text in ("one", "two", "three"):
        build_with_spare(out, blocker / "spare", {"index.html": text, "a/index.html": "a"})
        assert (out / "index.html").read_text() == text
    assert sorted(siblings(out)) == ["not-a-folder"]
