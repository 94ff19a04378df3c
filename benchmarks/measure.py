"""Run a command and measure it: wall time, peak RSS of its whole process tree, its output.

The build uses a process pool, so the peak of any single process (what getrusage reports)
understates the memory a user needs; the tree is sampled from /proc as well and both are kept.
The tree's RSS counts each page a forked worker shares with its parent once per process, so
it overstates; its PSS (each shared page split among its sharers) is sampled too, less often.
"""

from __future__ import annotations

import os
import re
import resource
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

PAGE_KIB = os.sysconf("SC_PAGE_SIZE") // 1024
PSS_EVERY = 5  # samples


@dataclass(frozen=True)
class Run:
    wall: float  # seconds, process start to exit
    tree_rss_mib: float  # peak of the sum over the process and its descendants (sampled)
    max_rss_mib: float  # largest single process (getrusage of waited children)
    stdout: str
    stderr: str
    returncode: int
    tree_pss_mib: float = float("nan")  # peak of the tree's proportional set size (sampled)


def run_measured(cmd: list[str], cwd: Path | None = None, env: dict | None = None) -> Run:
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    sampler = _TreeSampler(proc.pid)
    sampler.start()
    out, err = proc.communicate()
    wall = time.perf_counter() - start
    sampler.stop()
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    # ru_maxrss of children is a running maximum: it only says something when it grew.
    single = after / 1024 if after > before else float("nan")
    return Run(wall, sampler.peak_kib / 1024, single, out, err, proc.returncode, sampler.peak_pss_kib / 1024)


def python_cmd(*args: str) -> list[str]:
    return [sys.executable, *args]


class _TreeSampler(threading.Thread):
    def __init__(self, root: int, interval: float = 0.02) -> None:
        super().__init__(daemon=True)
        self.root, self.interval = root, interval
        self.peak_kib = self.peak_pss_kib = 0
        self._done = threading.Event()

    def run(self) -> None:
        samples = 0
        while not self._done.is_set():
            tree, rss = _tree_rss_kib(self.root)
            self.peak_kib = max(self.peak_kib, rss)
            if samples % PSS_EVERY == 0:  # reading smaps costs the machine more than statm
                self.peak_pss_kib = max(self.peak_pss_kib, _tree_pss_kib(tree))
            samples += 1
            self._done.wait(self.interval)

    def stop(self) -> None:
        self._done.set()
        self.join()


def _tree_pss_kib(tree: set[int]) -> int:
    total = 0
    for pid in tree:
        try:
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:
            continue
        total += sum(int(line.split()[1]) for line in rollup.splitlines() if line.startswith("Pss:"))
    return total


def _tree_rss_kib(root: int) -> tuple[set[int], int]:
    """(the pids of root's tree, the sum of their RSS in KiB)."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
            statm = Path(f"/proc/{entry}/statm").read_text().split()
        except OSError:
            continue  # the process ended while we looked
        fields = stat[stat.rindex(")") + 2:].split()
        parents[int(entry)] = int(fields[1])
        rss[int(entry)] = int(statm[1]) * PAGE_KIB
    tree = {root}
    grew = True
    while grew:
        grew = False
        for pid, ppid in parents.items():
            if ppid in tree and pid not in tree:
                tree.add(pid)
                grew = True
    return tree, sum(rss.get(pid, 0) for pid in tree)


def folder_stats(folder: Path) -> tuple[int, int]:
    """(total bytes, number of .html pages) under folder."""
    size = pages = 0
    for dirpath, _, files in os.walk(folder):
        for name in files:
            size += os.path.getsize(os.path.join(dirpath, name))
            pages += name.endswith(".html")
    return size, pages


def parse_stage_timings(verbose_out: str) -> dict[str, float]:
    """Stage lines as `wic-site build --verbose` prints them: `  read       0.123 s`."""
    return {
        m.group(1): float(m.group(2))
        for m in re.finditer(r"^\s+([a-z_]+)\s+([0-9.]+) s$", verbose_out, re.MULTILINE)
    }
