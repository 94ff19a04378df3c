"""`python -m benchmarks.serve_load`: load the preview server and print p50/p99 latency.

1,000 GET requests (--requests) from 20 concurrent clients (--clients) against 127.0.0.1,
spread over every file of the built site. Each client is a thread with its own keep-alive
connection, as a browser tab is; --new-connections opens one per request instead, the
harsher case. An error is any exception or a status other than 200. Not run in CI: latency
depends on the machine, so it is measured here and reported, never asserted.
"""

from __future__ import annotations

import argparse
import http.client
import multiprocessing
import statistics
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

from wic_site.config import SiteConfig, load_config
from wic_site.serve import start_preview

ROOT = Path(__file__).resolve().parent.parent


def site_paths(site: Path) -> list[str]:
    """Every URL of the site, folders as `dir/`, dotfiles left out as the server hides them."""
    paths = []
    for file in sorted(site.rglob("*")):
        rel = file.relative_to(site).as_posix()
        if not file.is_file() or any(part.startswith(".") for part in rel.split("/")):
            continue
        paths.append("/" + quote(rel[: -len("index.html")] if rel.endswith("index.html") else rel))
    return paths


def run_client(host: str, port: int, paths: list[str], fresh: bool, out: list, errors: list) -> None:
    conn = None
    for path in paths:
        start = time.perf_counter()
        try:
            if conn is None or fresh:
                conn = http.client.HTTPConnection(host, port, timeout=30)
            conn.request("GET", path)
            response = conn.getresponse()
            response.read()
            if response.status != 200:
                errors.append(f"{response.status} {path}")
        except (OSError, http.client.HTTPException) as exc:
            errors.append(f"{type(exc).__name__} {path}")
            conn = None
        out.append(time.perf_counter() - start)
        if fresh and conn is not None:
            conn.close()
    if conn is not None:
        conn.close()


def load(host: str, port: int, paths: list[str], requests: int, clients: int, fresh: bool) -> dict:
    plan = [paths[i % len(paths)] for i in range(requests)]
    shares = [plan[c::clients] for c in range(clients)]
    latencies: list[float] = []
    errors: list[str] = []
    threads = [
        threading.Thread(target=run_client, args=(host, port, share, fresh, latencies, errors))
        for share in shares
    ]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - start
    cuts = statistics.quantiles(latencies, n=100)
    return {"requests": len(latencies), "errors": errors, "wall": wall,
            "p50": cuts[49], "p99": cuts[98], "max": max(latencies)}


def serve_as_is(config: SiteConfig) -> None:
    """The build step for --site: nothing to build."""


def preview_config(args: argparse.Namespace, work: Path) -> tuple[SiteConfig, Callable | None]:
    """Serve --site as it is, or build the seeds (or --seeds) into a temp folder first."""
    if args.site:
        site = Path(args.site)
        return SiteConfig(corpus_dir=site, out_dir=site, index_dir=work / "index"), serve_as_is
    return load_config(args.seeds, work / "site", work / "index", quiet=True), None


def serve_in_child(args: argparse.Namespace, work: str, conn) -> None:
    """The server runs in its own process, so the load threads do not share its GIL."""
    config, build = preview_config(args, Path(work))
    preview = start_preview(config, port=0, watch=False, build=build)
    conn.send((preview.server.server_address[1], str(config.out_dir)))
    conn.recv()  # until the parent says stop
    preview.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seeds", default=str(ROOT / "seeds"), help="corpus to build and serve")
    parser.add_argument("--site", help="serve this already built folder instead of building")
    parser.add_argument("--new-connections", action="store_true", help="one TCP connection per request")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        parent, child = multiprocessing.Pipe()
        server = multiprocessing.Process(target=serve_in_child, args=(args, tmp, child))
        server.start()
        try:
            port, site = parent.recv()
            paths = site_paths(Path(site))
            result = load("127.0.0.1", port, paths, args.requests, args.clients, args.new_connections)
        finally:
            parent.send("stop")
            server.join(timeout=30)
    mode = "new connection per request" if args.new_connections else "keep-alive"
    print(f"{result['requests']} requests, {args.clients} clients, {len(paths)} distinct URLs, {mode}")
    print(f"p50 {result['p50'] * 1000:.2f} ms   p99 {result['p99'] * 1000:.2f} ms   "
          f"max {result['max'] * 1000:.2f} ms   {result['requests'] / result['wall']:.0f} req/s")
    print(f"errors: {len(result['errors'])}" + "".join(f"\n  {e}" for e in result["errors"][:10]))


if __name__ == "__main__":
    main()
