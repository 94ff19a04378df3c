"""Processes beside the build: one start method, and workers that die with their parent.

Every pool and side process of a build is started from CONTEXT, which says `fork`
explicitly instead of relying on the platform default (Python 3.14 makes it forkserver on
Linux): a build process has no threads of its own when it starts them, and fork lets a
worker inherit the corpus instead of unpickling a copy. `serve`, whose HTTP thread is
running, never forks: each of its builds runs in a subprocess from the forkserver
(run_apart), and forks its own workers there.

Any process forked while this module is loaded (our pools, the side process, Whoosh's
sub-writers) asks the kernel to kill it when its parent dies, even by SIGKILL, and leaves
Ctrl-C and SIGTERM to its parent: no orphan keeps running or prints a traceback later.
"""

from __future__ import annotations

import ctypes
import gc
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from typing import Any

CONTEXT = multiprocessing.get_context("fork")
APART = "forkserver"  # for serve: no fork from a process with threads
PR_SET_PDEATHSIG = 1
PARENT_POLL_SECONDS = 0.5


INTERRUPTED = b"wic-site: interrupted\n"


@contextmanager
def signals_interrupt() -> Iterator[None]:
    """SIGTERM stops a long-running command (serve) the clean way Ctrl-C does: as a
    KeyboardInterrupt. Only the main thread may set handlers; elsewhere, no change."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@contextmanager
def signals_end_build(say: bool = True) -> Iterator[None]:
    """Ctrl-C and SIGTERM (as `timeout`, CI runners, systemd and `docker stop` send it) end a
    build at once: `wic-site: interrupted`, exit status 128 + the signal. Nothing is left
    half done: its workers die with it (they watch their parent), the kernel drops its lock,
    the previous site was never touched, and the next build removes the staging folder.
    Raising KeyboardInterrupt instead is not safe to rely on: when the signal lands in a
    finalizer, Python prints "Exception ignored" and the build goes on."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def end(signum: int, frame: Any) -> None:
        if say:
            os.write(2, INTERRUPTED)  # not sys.stderr: the signal may land inside its write
        os._exit(128 + signum)

    previous = {signum: signal.signal(signum, end) for signum in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


# ---------------------------------------------------------------- children die with their parent

_parent_pid = os.getpid()


def _before_fork() -> None:
    global _parent_pid
    _parent_pid = os.getpid()


def _after_fork_in_child() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group: the parent handles it
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    watch_parent(_parent_pid)


def watch_parent(parent: int) -> None:
    """Die when `parent` does: the kernel's parent-death signal on Linux, else a thread that
    polls (only then: with a thread running, the side process would fork Whoosh's
    sub-writers from a threaded process). The check after asking covers a parent that
    died in between."""
    if not _ask_kernel():
        threading.Thread(target=_poll_parent, args=(parent,), daemon=True, name="wic-parent-watch").start()
    if os.getppid() != parent:
        os._exit(1)


def _ask_kernel() -> bool:
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _poll_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(PARENT_POLL_SECONDS)
    os._exit(1)


os.register_at_fork(before=_before_fork, after_in_child=_after_fork_in_child)


# ---------------------------------------------------------------- pools and side processes


@contextmanager
def pool(jobs: int, initializer: Callable[..., None] | None = None, initargs: tuple = ()) -> Iterator[ProcessPoolExecutor]:
    """A process pool from CONTEXT. On an error or an interrupt its workers are killed at
    once: shutting it down the usual way would first finish every queued task."""
    executor = ProcessPoolExecutor(jobs, mp_context=CONTEXT, initializer=initializer, initargs=initargs)
    gc.freeze()  # a worker's collections then never write to the objects it shares with us
    try:
        yield executor
    except BaseException:
        kill_pool(executor)
        raise
    finally:
        gc.unfreeze()
    executor.shutdown()


def kill_pool(executor: ProcessPoolExecutor) -> None:
    processes = list((getattr(executor, "_processes", None) or {}).values())  # no public way to reach them
    executor.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.kill()
    for process in processes:
        process.join(timeout=5)


@contextmanager
def side_processes(wanted: bool) -> Iterator[Callable[..., Callable[[], Any]]]:
    """side: side(func, *args) starts func(*args) in a process of its own when wanted (else
    runs it here when its result is asked for) and returns a callable that waits for its
    result. The arguments reach the process by fork, not pickled: they are the whole corpus."""
    if not wanted:
        yield lambda func, *args: lambda: func(*args)
        return
    started: list[Any] = []

    def side(func: Callable[..., Any], *args: Any) -> Callable[[], Any]:
        receive, send = CONTEXT.Pipe(duplex=False)
        # Not a daemon: daemons may not have children, and Whoosh's sub-writers are its children.
        process = CONTEXT.Process(target=_send_result, args=(send, func, args), name="wic-side")
        gc.freeze()  # frozen in the child too: its collections never copy the pages it shares with us
        try:
            process.start()
        finally:
            gc.unfreeze()
        send.close()
        started.append(process)
        return lambda: _receive_result(receive, process)

    try:
        yield side
    except BaseException:
        for process in started:
            process.kill()
        raise
    finally:
        for process in started:
            process.join()


def _send_result(send: Any, func: Callable[..., Any], args: tuple) -> None:
    multiprocessing.set_start_method("fork", force=True)  # Whoosh's sub-writers use the default
    try:
        outcome = ("ok", func(*args))
    except BaseException as exc:  # noqa: BLE001 - the parent re-raises it
        outcome = ("error", _picklable(exc))
    send.send(outcome)
    send.close()


def _receive_result(receive: Any, process: Any) -> Any:
    try:
        kind, value = receive.recv()
    except EOFError:
        process.join()
        raise RuntimeError(f"a build process died (exit status {process.exitcode})") from None
    if kind == "error":
        raise value
    return value


def _picklable(exc: BaseException) -> BaseException:
    import pickle

    try:
        pickle.loads(pickle.dumps(exc))
        return exc
    except Exception:  # noqa: BLE001
        return RuntimeError(f"{type(exc).__name__}: {exc}")


def run_apart(func: Callable[..., Any], *args: Any) -> Any:
    """func(*args) in a fresh process from the forkserver, for a caller that has threads
    running; its result or its exception comes back here. An interrupt here ends it as
    SIGTERM ends a build."""
    context = multiprocessing.get_context(APART)
    context.set_forkserver_preload(["wic_site.pipeline"])  # each build then starts with it imported
    receive, send = context.Pipe(duplex=False)
    process = context.Process(target=_send_result_apart, args=(send, func, args), name="wic-build")
    process.start()
    send.close()
    try:
        return _receive_result(receive, process)
    except BaseException:
        if process.is_alive():
            process.terminate()
        raise
    finally:
        process.join()
        receive.close()


def _send_result_apart(send: Any, func: Callable[..., Any], args: tuple) -> None:
    with signals_end_build(say=False):  # the parent says what happened
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's; it sends SIGTERM
        _send_result(send, func, args)
