"""Preview server: build, serve the site on localhost, rebuild on change, reload open pages.

Only for previewing. The reload script is added to HTML as it is sent, never to the built
files. Requests resolve inside the site folder or are refused: `..` in any spelling is 403,
a symlink leading out of the site is 403, anything else missing is 404 with the site's 404.html.
Rebuilds go through the staged writer, so a request sees the old site or the new one.
The HTTP thread runs while the site is rebuilt, so each build runs in a process of its own
started from the forkserver (workers.run_apart): nothing forks from this threaded process.
Builds take the lock on the cache folder as `wic-site build` does.
"""

from __future__ import annotations

import functools
import mimetypes
import os
import re
import secrets
import shutil
import socket
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote, unquote_to_bytes, urlsplit

from .config import SiteConfig
from .errors import UserError
from .workers import signals_interrupt

VERSION_PATH = "/__wic_version"
RELOAD_PATH = "/__wic_reload.js"
POLL_SECONDS = 0.5
LOOPBACK = {"127.0.0.1", "localhost", "::1"}

# Polls the version the page was sent with; a rebuild changes it and the page reloads.
RELOAD_JS = b"""(function () {
  var sent = document.currentScript && document.currentScript.dataset.version;
  function check() {
    fetch("%s", {cache: "no-store"})
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (now) { if (sent && now && now !== sent) { location.reload(); } })
      .catch(function () {});  /* server stopped: keep the page, ask again later */
  }
  setInterval(check, 1000);
})();
""" % VERSION_PATH.encode()

Builder = Callable[[SiteConfig], object]


@dataclass(frozen=True)
class Resolution:
    """Where a request path leads: a status, and the file to send or the place to redirect to."""

    status: int
    file: Path | None = None
    location: str | None = None


def resolve_request(root: Path, raw_path: str) -> Resolution:
    """Map a request path to a file inside root, refusing every way out of it."""
    path, _, query = _split_target(raw_path)
    try:
        decoded = unquote_to_bytes(path).decode("utf-8")
    except UnicodeDecodeError:
        return Resolution(404)
    segments = [s for s in decoded.split("/") if s not in ("", ".")]
    if not path.startswith("/") or "\x00" in decoded or "\\" in decoded or ".." in segments:
        return Resolution(403)
    if any(s.startswith(".") for s in segments):  # the build marker, editor and VCS files
        return Resolution(404)
    target = root.joinpath(*segments)
    if target.is_dir():
        if not path.endswith("/"):
            location = quote("/" + "/".join(segments) + "/") + (f"?{query}" if query else "")
            return Resolution(301, location=location)
        target = target / "index.html"
    real_root = Path(os.path.realpath(root))
    real = Path(os.path.realpath(target))
    if not real.is_relative_to(real_root):
        return Resolution(403)
    return Resolution(200, file=real) if real.is_file() else Resolution(404)


def _split_target(raw_path: str) -> tuple[str, str, str]:
    """Path and query of a request target; urlsplit would read `//host/x` as a host name."""
    path, _, query = raw_path.partition("#")[0].partition("?")
    return path, "?", query


def inject_reload(html: bytes, version: str) -> bytes:
    tag = f'<script src="{RELOAD_PATH}" data-version="{version}"></script>'.encode()
    at = html.lower().rfind(b"</body>")
    return html + tag if at < 0 else html[:at] + tag + html[at:]


def _root_based(html: bytes) -> bytes:
    """404.html links relative to the site root, but is sent for paths at any depth."""
    match = re.search(rb"<head[^>]*>", html, re.I)
    if match is None or re.search(rb"<base\b", html, re.I):
        return html
    return html[: match.end()] + b'<base href="/">' + html[match.end():]


class PreviewHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive: a page and its assets share one connection
    server_version = "wic-site-preview"
    sys_version = ""
    timeout = 30  # an idle or trickling client gives its thread back
    disable_nagle_algorithm = True  # else headers and body wait ~40 ms on delayed ACKs
    server: PreviewHTTPServer

    def do_GET(self) -> None:
        self._respond(send_body=True)

    def do_HEAD(self) -> None:
        self._respond(send_body=False)

    def log_message(self, format: str, *args: object) -> None:
        if self.server.preview.config.verbose:
            super().log_message(format, *args)

    def _respond(self, send_body: bool) -> None:
        preview = self.server.preview
        if not self._host_allowed():
            return self._send(403, b"Forbidden: unexpected Host header\n", "text/plain", send_body)
        version = preview.version  # read before the file: a page never carries a newer version
        route = _split_target(self.path)[0]
        if route == VERSION_PATH:
            return self._send(200, version.encode(), "text/plain", send_body)
        if route == RELOAD_PATH:
            return self._send(200, RELOAD_JS, "text/javascript", send_body)
        found = resolve_request(preview.config.out_dir, self.path)
        if found.status == 301:
            return self._send(301, b"", "text/plain", send_body, location=found.location)
        if found.file is None:
            return self._send_error_page(found.status, version, send_body)
        self._send_file(found.file, version, send_body)

    def _host_allowed(self) -> bool:
        allowed = self.server.allowed_hosts
        host = self.headers.get("Host")
        if allowed is None or host is None:
            return True
        try:
            return urlsplit(f"//{host}").hostname in allowed  # DNS rebinding sends a foreign name
        except ValueError:
            return False

    def _send_error_page(self, status: int, version: str, send_body: bool) -> None:
        page = self.server.preview.config.out_dir / "404.html"
        if status == 404 and page.is_file():
            body = inject_reload(_root_based(page.read_bytes()), version)
            return self._send(404, body, "text/html", send_body)
        reason = b"Not Found" if status == 404 else b"Forbidden"
        self._send(status, b"%d %s\n" % (status, reason), "text/plain", send_body)

    def _send_file(self, file: Path, version: str, send_body: bool) -> None:
        kind = _content_type(file)
        if kind == "text/html":
            return self._send(200, inject_reload(file.read_bytes(), version), kind, send_body)
        with file.open("rb") as handle:  # open first: after a swap the handle keeps this version
            size = os.fstat(handle.fileno()).st_size
            self._headers(200, kind, size)
            if send_body:
                shutil.copyfileobj(handle, self.wfile)

    def _send(self, status: int, body: bytes, kind: str, send_body: bool, location: str | None = None) -> None:
        self._headers(status, kind, len(body), location)
        if send_body:
            self.wfile.write(body)

    def _headers(self, status: int, kind: str, length: int, location: str | None = None) -> None:
        self.send_response(status)
        text = kind.startswith("text/") or kind in {"application/json", "application/xml"}
        self.send_header("Content-Type", f"{kind}; charset=utf-8" if text else kind)
        self.send_header("Content-Length", str(length))
        self.send_header("Cache-Control", "no-store")  # a reload must fetch the rebuilt page
        self.send_header("X-Content-Type-Options", "nosniff")
        if location:
            self.send_header("Location", location)
        self.end_headers()


def _content_type(file: Path) -> str:
    if file.suffix in {".js", ".mjs"}:
        return "text/javascript"
    return mimetypes.guess_type(file.name)[0] or "application/octet-stream"


class PreviewHTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128  # 20 clients connecting at once must not overflow the backlog

    def __init__(self, preview: Preview, host: str, port: int) -> None:
        self.preview = preview
        self.allowed_hosts = (LOOPBACK | {host}) if _is_loopback(host) else None
        if ":" in host:
            self.address_family = socket.AF_INET6
        super().__init__((host, port), PreviewHandler)

    def handle_error(self, request, client_address) -> None:
        if not isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            super().handle_error(request, client_address)  # a client hanging up is not news


def _is_loopback(host: str) -> bool:
    return host in LOOPBACK or host.startswith("127.")


class Preview:
    """One running preview: the HTTP server, the site version, and the watched inputs."""

    def __init__(self, config: SiteConfig, build: Builder) -> None:
        self.config = config
        self._build = build
        self._lock = threading.Lock()
        self._token = secrets.token_hex(4)  # pages from an earlier server run reload too
        self._builds = 0
        self._seen = snapshot(config)
        self._stop = threading.Event()
        self.server: PreviewHTTPServer | None = None
        self.threads: list[threading.Thread] = []

    @property
    def version(self) -> str:
        return f"{self._token}-{self._builds}"

    @property
    def url(self) -> str:
        assert self.server is not None
        host, port = self.server.server_address[:2]
        return f"http://{f'[{host}]' if ':' in host else host}:{port}/"

    def rebuild(self) -> bool:
        """Build once; on failure print one line and keep serving the previous site."""
        with self._lock:
            try:
                report = self._build(self.config)
            except UserError as exc:
                print(f"wic-site: error: {exc}", file=sys.stderr, flush=True)
                return False
            except Exception as exc:  # a template or module mid-edit: say where, keep serving
                print(f"wic-site: error: rebuild failed: {_one_line(exc)}", file=sys.stderr, flush=True)
                return False
            self._builds += 1
        for problem in getattr(report, "problems", ()):
            print(f"wic-site: warning: {problem}", file=sys.stderr, flush=True)
        if not self.config.quiet and hasattr(report, "summary"):
            verb = "Built" if self._builds == 1 else "Rebuilt"
            print(f"{verb} {self.config.out_dir}/: {report.summary()}", flush=True)
        return True

    def poll_once(self) -> bool:
        """Rebuild if a watched file changed since the last look; True if it rebuilt."""
        current = snapshot(self.config)
        if current == self._seen:
            return False
        while not self._stop.is_set():  # wait for an editor's burst of writes to settle
            time.sleep(POLL_SECONDS / 2)
            settled = snapshot(self.config)
            if settled == current:
                break
            current = settled
        self._seen = current  # taken before building: a change during the build is seen next time
        return self.rebuild()

    def watch_forever(self) -> None:
        while not self._stop.wait(POLL_SECONDS):
            self.poll_once()

    def stop(self) -> None:
        self._stop.set()
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
        for thread in self.threads:
            if thread is not threading.current_thread():
                thread.join(timeout=10)


def start_preview(
    config: SiteConfig, *, host: str = "127.0.0.1", port: int = 0, watch: bool = True,
    build: Builder | None = None,
) -> Preview:
    """Bind, build once, and serve in a background thread; watch inputs in another if asked.

    Port 0 picks a free port (tests); preview.url says which. Call preview.stop() to end.
    """
    if not 0 <= port <= 65535:
        raise UserError(f"--port {port}: must be between 0 and 65535")
    if build is None:
        build = build_apart
    preview = Preview(config, build)
    try:
        preview.server = PreviewHTTPServer(preview, host, port)
    except OSError as exc:
        raise UserError(f"cannot listen on {host}:{port} ({exc.strerror or exc})") from None
    try:
        if not preview.rebuild():
            raise UserError(f"the first build failed; nothing to serve from {config.out_dir}")
    except BaseException:
        preview.server.server_close()
        raise
    # polled every 0.05 s, not socketserver's 0.5 s: stopping the server (Ctrl-C) is prompt
    _start_thread(preview, functools.partial(preview.server.serve_forever, poll_interval=0.05), "wic-preview-http")
    if watch:
        _start_thread(preview, preview.watch_forever, "wic-preview-watch")
    return preview


def _start_thread(preview: Preview, target: Callable[[], None], name: str) -> None:
    thread = threading.Thread(target=target, name=name, daemon=True)
    thread.start()
    preview.threads.append(thread)


def serve(config: SiteConfig, *, host: str, port: int) -> int:
    """`wic-site serve`: watch in the main thread so Ctrl-C stops a rebuild cleanly; exit 0."""
    preview: Preview | None = None
    with signals_interrupt():  # `kill` stops the server the clean way Ctrl-C does
        try:
            preview = start_preview(config, host=host, port=port, watch=False)
            if not _is_loopback(host):
                print(f"wic-site: warning: serving on {host}: other machines can read the preview",
                      file=sys.stderr)
            print(f"Serving {config.out_dir}/ at {preview.url} (Ctrl-C to stop)", flush=True)
            while True:
                time.sleep(POLL_SECONDS)
                preview.poll_once()
        except KeyboardInterrupt:
            print("wic-site: preview stopped", file=sys.stderr, flush=True)
            return 0
        finally:
            if preview is not None:
                preview.stop()


@dataclass(frozen=True)
class BuildOutcome:
    """What the preview prints of a build done in another process (not its records)."""

    problems: tuple
    summary_line: str

    def summary(self) -> str:
        return self.summary_line


def build_apart(config: SiteConfig) -> BuildOutcome:
    from .workers import run_apart

    return run_apart(_build_and_summarise, config)


def _build_and_summarise(config: SiteConfig) -> BuildOutcome:
    from .pipeline import build

    report = build(config)
    return BuildOutcome(tuple(report.problems), report.summary())


def snapshot(config: SiteConfig) -> frozenset[tuple[str, int, int]]:
    """(path, mtime, size) of every watched input; any edit, addition or removal changes it."""
    skip = _build_outputs(config)
    found: set[tuple[str, int, int]] = set()
    for base in (config.corpus_dir, config.templates_dir, config.static_dir,
                 config.taxonomy_path, config.aliases_path):
        if base is not None:
            found |= _stat_tree(Path(base), skip)
    return frozenset(found)


def _build_outputs(config: SiteConfig) -> tuple[str, ...]:
    """Paths the build itself writes; if they sit inside a watched folder, ignore them."""
    out = config.out_dir.absolute()
    return (f"{out}{os.sep}", str(out.parent / f".{out.name}."), f"{config.index_dir.absolute()}{os.sep}")


def _stat_tree(base: Path, skip: tuple[str, ...]) -> set[tuple[str, int, int]]:
    paths = [base] if base.is_file() else [Path(d, f) for d, _, files in os.walk(base) for f in files]
    found = set()
    for path in paths:
        absolute = str(path.absolute())
        if path.name.startswith(".") or path.name.endswith("~") or absolute.startswith(skip):
            continue  # editor swap files and our own output
        try:
            info = path.stat()
        except OSError:
            continue  # removed between listing and stat; the next look sees it gone
        found.add((absolute, info.st_mtime_ns, info.st_size))
    return found


def _one_line(exc: Exception) -> str:
    message = (str(exc).splitlines() or [""])[0]
    where = getattr(exc, "filename", None), getattr(exc, "lineno", None)
    suffix = f" ({where[0]}, line {where[1]})" if all(where) else ""
    return f"{type(exc).__name__}: {message}{suffix}"
