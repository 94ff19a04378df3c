"""Two builds on one index folder take turns: the second waits for the first's lock on the
cache folder, or stops with one line and exit status 2; never a traceback.

Every case runs the real `python build.py` in a subprocess. The lock is an flock on
build.lock in the cache folder, so a test can hold it from here as another build would.
"""

from __future__ import annotations

import fcntl
import os
import re
import subprocess
import sys
import time
from pathlib import Path

from wic_site.cache import LOCK_NAME, default_cache_dir

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def build_command(tmp_path: Path, *extra: str, out: str = "site") -> list[str]:
    return [sys.executable, str(ROOT / "build.py"), "--seeds", str(SEEDS), "--out", str(tmp_path / out),
            "--index", str(tmp_path / "index"), "--jobs", "2", *extra]


def hold_lock(cache: Path) -> int:
    cache.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd = os.open(cache / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o600)
    fcntl.flock(fd, fcntl.LOCK_EX)
    return fd


def page_count(site: Path) -> int:
    return sum(1 for _ in site.rglob("*.html"))


def test_two_builds_started_at_once_on_one_index_both_succeed(tmp_path):
    first = subprocess.Popen(build_command(tmp_path, out="one"), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    second = subprocess.Popen(build_command(tmp_path, out="two"), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    results = [(p.wait(timeout=120), p.communicate()) for p in (first, second)]
    for status, (out, err) in results:
        assert status == 0, err
        assert "Traceback" not in err
        assert re.fullmatch(r"(wic-site: waiting for another build of index .*…\n)?", err), err
    assert page_count(tmp_path / "one") == page_count(tmp_path / "two") > 20
    search = subprocess.run([sys.executable, str(ROOT / "build.py"), "search", "--index", str(tmp_path / "index"), "internet"],
                            capture_output=True, text=True, timeout=60)
    assert search.returncode == 0 and search.stdout.strip(), search.stderr


def test_a_second_build_waits_for_the_lock_of_the_cache_folder_given(tmp_path):
    cache = tmp_path / "elsewhere"
    fd = hold_lock(cache)
    try:
        waiting = subprocess.Popen(build_command(tmp_path, "-q", "--cache", str(cache)),
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        time.sleep(1.5)
        assert waiting.poll() is None  # still waiting
        assert not (tmp_path / "site").exists()
    finally:
        os.close(fd)
    out, err = waiting.communicate(timeout=120)
    assert waiting.returncode == 0, err
    assert err == "", err  # -q: not even the note
    assert (tmp_path / "site" / "index.html").is_file()
    assert (cache / "extract").is_dir() and not default_cache_dir(tmp_path / "index").exists()


def test_no_wait_stops_at_once_with_one_line_naming_the_folder(tmp_path):
    fd = hold_lock(default_cache_dir(tmp_path / "index"))
    try:
        result = subprocess.run(build_command(tmp_path, "--no-wait"), capture_output=True, text=True, timeout=60)
        timed_out = subprocess.run(build_command(tmp_path, "--wait", "0.5"), capture_output=True, text=True, timeout=60)
    finally:
        os.close(fd)
    index = re.escape(str(tmp_path / "index"))
    assert result.returncode == 2
    assert re.fullmatch(rf"wic-site: error: index {index} \(cache .*\.wic-cache\): another build is using it.*\n", result.stderr)
    assert timed_out.returncode == 2
    note, error = timed_out.stderr.splitlines()
    assert re.fullmatch(rf"wic-site: waiting for another build of index {index} .*…", note)
    assert re.fullmatch(rf"wic-site: error: index {index} .*gave up waiting", error)
    assert not (tmp_path / "site").exists()
