"""A stopped build leaves nothing running and the previous site as it was.

A real `python build.py` on 80 synthetic articles and two processes (so the extraction
pool and the index's side process are running) is stopped mid-build: by SIGTERM, as
`timeout`, CI runners, systemd and `docker stop` stop it, by Ctrl-C (SIGINT to the whole
process group), and by SIGKILL, which it cannot catch. The build runs in a session of its own, so every process it started carries its
process group: none may remain a few seconds later, and its output pipe must close.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from benchmarks import synth

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = 80  # enough for the extraction pool (POOL_MIN articles)
GONE_WITHIN = 5.0  # seconds


def group_members(pgid: int) -> set[int]:
    """Live (not zombie) processes in process group pgid, found by walking /proc."""
    found = set()
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        fields = stat.rpartition(")")[2].split()  # after "pid (comm)": state ppid pgrp ...
        if fields[0] != "Z" and int(fields[2]) == pgid:
            found.add(int(entry))
    return found


def wait_until(check, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.05)
    return check()


def tree_bytes(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def start_build(corpus: Path, work: Path) -> subprocess.Popen:
    command = [sys.executable, str(ROOT / "build.py"), "--seeds", str(corpus), "--out", str(work / "site"),
               "--index", str(work / "index"), "--jobs", "2", "-q"]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)


def stop_mid_build(build: subprocess.Popen, signum: int, whole_group: bool) -> tuple[int, str]:
    """Wait until the build has workers running, send signum to it (or, as a terminal's Ctrl-C
    does, to its whole process group); (exit status, stderr)."""
    assert wait_until(lambda: len(group_members(build.pid)) >= 2 or build.poll() is not None, 60)
    assert build.poll() is None, "the build ended before it could be stopped"
    (os.killpg if whole_group else os.kill)(build.pid, signum)
    _, err = build.communicate(timeout=30)  # returns only once every holder of the pipe is gone
    return build.returncode, err


def edit_one_article(corpus: Path) -> None:
    """A changed article: the build extracts it, reindexes and renders again."""
    path = sorted(corpus.glob("*.txt"))[7]
    path.write_text(path.read_text() + "\nDelegates discussed data security at an evening session.\n")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, Path]:
    work = tmp_path_factory.mktemp("signals")
    corpus = work / "corpus"
    synth.write_corpus(corpus, ARTICLES, ROOT / "seeds")
    first = start_build(corpus, work)
    _, err = first.communicate(timeout=300)
    assert first.returncode == 0, err
    return corpus, work


@pytest.mark.parametrize("signum, whole_group, status, stderr", [
    (signal.SIGTERM, False, 128 + signal.SIGTERM, "wic-site: interrupted\n"),
    (signal.SIGINT, True, 128 + signal.SIGINT, "wic-site: interrupted\n"),  # Ctrl-C
    (signal.SIGKILL, False, -signal.SIGKILL, ""),
])
def test_a_stopped_build_leaves_no_process_and_the_previous_site(built, signum, whole_group, status, stderr):
    corpus, work = built
    before = tree_bytes(work / "site")
    edit_one_article(corpus)
    build = start_build(corpus, work)
    got_status, got_stderr = stop_mid_build(build, signum, whole_group)
    assert (got_status, got_stderr) == (status, stderr)
    assert wait_until(lambda: not group_members(build.pid), GONE_WITHIN), group_members(build.pid)
    assert tree_bytes(work / "site") == before
    after = start_build(corpus, work)
    _, err = after.communicate(timeout=300)
    assert after.returncode == 0, err
    assert all(line.startswith("wic-site: warning: ") for line in err.splitlines()), err
    assert not [p for p in work.iterdir() if ".site.staging" in p.name or ".site.old" in p.name]


def _child_pid_and_parent(_: object) -> tuple[int, int]:
    return os.getpid(), os.getppid()


def _start_a_pool_of_its_own() -> list[tuple[int, int]]:
    """What Whoosh's writer does in the side process: start processes of its own."""
    import multiprocessing

    with multiprocessing.Pool(2) as pool:
        return pool.map(_child_pid_and_parent, range(4))


def test_the_side_process_may_start_processes_of_its_own():
    from wic_site.workers import side_processes

    with side_processes(True) as side:
        result = side(_start_a_pool_of_its_own)()
    assert {parent for _, parent in result} != {os.getpid()}  # the side process is their parent
