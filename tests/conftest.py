"""Shared fixtures: a built seed site, a local HTTP server for it, and Debian's Chromium.

Browser tests never skip: if Chromium cannot start, they fail (CI must notice).
"""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from pathlib import Path

import pytest

from wic_site.config import load_config
from wic_site.pipeline import build

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def built_seeds(tmp_path_factory):
    """The seeds built once per session: (site folder, BuildReport)."""
    work = tmp_path_factory.mktemp("seed-build")
    config = load_config(SEEDS, work / "site", work / "index", jobs=1, quiet=True)
    report = build(config)
    return work / "site", report


@pytest.fixture(scope="session")
def site_dir(built_seeds) -> Path:
    return built_seeds[0]


@pytest.fixture(scope="session")
def seed_records(built_seeds):
    return built_seeds[1].records


SERVER_POLL = 0.05  # seconds: server.shutdown() waits up to one poll (socketserver's default is 0.5)


def serve_folder(folder: Path):
    """Start a quiet HTTP server on 127.0.0.1 for `folder`; returns (server, base_url)."""

    class QuietHandler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):  # keep test output readable
            pass

    handler = functools.partial(QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, args=(SERVER_POLL,), daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


@pytest.fixture(scope="session")
def site_url(site_dir):
    server, url = serve_folder(site_dir)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """pytest-playwright's launch args, pointed at Debian's Chromium (never `playwright install`)."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium package (apt-get install -y chromium)")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


def node_tool(relpath: str) -> Path:
    """A file from tests/node_modules (installed by `npm ci --prefix tests`); fail if absent."""
    path = ROOT / "tests" / "node_modules" / relpath
    if not path.exists():
        pytest.fail(f"{path} is missing: run `npm ci --prefix tests` (see README)")
    return path


def nu_checker() -> list[str]:
    """The command that runs the W3C Nu HTML checker (tests/node_modules/vnu-jar). A check is
    one short JVM run: the quick compiler alone halves its CPU time and checks the same."""
    vnu = node_tool("vnu-jar/build/dist/vnu.jar")
    return ["java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", str(vnu)]


def copy_seeds(dest: Path) -> Path:
    shutil.copytree(SEEDS, dest)
    return dest
