"""The preview server: serves only the site, refuses every way out of it, rebuilds and reloads.

Most tests drive the server with a small stand-in build (one page per corpus file, written
through the real staged writer) so they test serving, not extraction; the tests at the end
run the real pipeline on a copy of the seeds.
"""

from __future__ import annotations

import http.client
import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from wic_site.config import SiteConfig, load_config
from wic_site.errors import UserError
from wic_site.serve import RELOAD_PATH, VERSION_PATH, resolve_request, start_preview
from wic_site.writer import staged_site

ROOT = Path(__file__).resolve().parent.parent
SECRET = "top secret outside the site"


def small_build(config: SiteConfig) -> None:
    """One page per corpus .txt file; a file named broken.txt is bad input."""
    texts = {p.stem: p.read_text() for p in sorted(config.corpus_dir.glob("*.txt"))}
    if "broken" in texts:
        raise UserError(f"{config.corpus_dir / 'broken.txt'}: line 1: cannot be read")
    if "crash" in texts:
        raise KeyError("a bug in a stage")
    head = '<head><link rel="icon" href="data:,"></head>'  # no favicon request, so no console 404
    with staged_site(config.out_dir) as site:
        links = "".join(f'<a href="{name}/">{name}</a>' for name in texts)
        site.write("index.html", f"<!doctype html><html>{head}<body><h1>Home</h1>{links}</body></html>")
        site.write("404.html", f"<!doctype html><html>{head}<body><h1>Page not found</h1></body></html>")
        site.write("static/site.css", "body { color: black; }")
        for name, text in texts.items():
            site.write(f"{name}/index.html", f"<!doctype html><html>{head}<body><p>{text}</p></body></html>")


@pytest.fixture
def config(tmp_path) -> SiteConfig:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "alpha.txt").write_text("first article")
    (tmp_path / "secret.txt").write_text(SECRET)
    for folder in ("templates", "static"):
        (tmp_path / folder).mkdir()
    return SiteConfig(
        corpus_dir=corpus, out_dir=tmp_path / "site", index_dir=tmp_path / "index",
        templates_dir=tmp_path / "templates", static_dir=tmp_path / "static",
        taxonomy_path=tmp_path / "topics.yaml", quiet=True,
    )


@pytest.fixture
def preview(config):
    running = start_preview(config, port=0, watch=False, build=small_build)
    yield running
    running.stop()


def get(preview, path: str, method: str = "GET", headers: dict | None = None):
    """Send the path exactly as given (http.client does not normalise it)."""
    host, port = preview.server.server_address[:2]
    conn = http.client.HTTPConnection(host, port, timeout=10)
    try:
        conn.request(method, path, headers=headers or {})
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        conn.close()


def bump(path: Path, text: str) -> None:
    """Write text and move the mtime forward, so a change is seen even within one clock tick."""
    path.write_text(text)
    stamp = time.time() + 5
    os.utime(path, (stamp, stamp))


def test_serves_pages_with_the_reload_script_added_only_on_the_wire(preview, config):
    status, headers, body = get(preview, "/alpha/")
    assert status == 200
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert f'<script src="{RELOAD_PATH}" data-version="{preview.version}"></script></body>'.encode() in body
    assert b"first article" in body
    on_disk = b"".join(p.read_bytes() for p in config.out_dir.rglob("*") if p.is_file())
    assert b"__wic" not in on_disk


def test_version_endpoint_and_reload_script(preview):
    status, _, body = get(preview, VERSION_PATH)
    assert (status, body.decode()) == (200, preview.version)
    status, headers, body = get(preview, RELOAD_PATH)
    assert status == 200 and headers["Content-Type"].startswith("text/javascript")
    assert VERSION_PATH.encode() in body and b"location.reload()" in body


def test_static_files_keep_their_type_and_head_sends_no_body(preview):
    status, headers, body = get(preview, "/static/site.css")
    assert (status, headers["Content-Type"], body) == (200, "text/css; charset=utf-8", b"body { color: black; }")
    status, headers, body = get(preview, "/static/site.css", method="HEAD")
    assert (status, headers["Content-Length"], body) == (200, "22", b"")


def test_a_folder_without_slash_redirects_inside_the_site(preview):
    status, headers, _ = get(preview, "/alpha?q=1")
    assert (status, headers["Location"]) == (301, "/alpha/?q=1")
    status, headers, _ = get(preview, "//alpha")
    assert (status, headers["Location"]) == (301, "/alpha/")  # never `//alpha/`, another host


@pytest.mark.parametrize(
    "path",
    [
        "/../secret.txt", "/alpha/../../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/secret.txt",
        "/..%2fsecret.txt", "/alpha/%2e%2e/%2e%2e/secret.txt", "/.%2e/secret.txt",
        "/..\\secret.txt", "/%5c..%5csecret.txt", "/alpha%00.html", "/%2e%2e%2f%2e%2e%2fsecret.txt",
    ],
)
def test_traversal_in_any_spelling_is_forbidden(preview, path):
    status, _, body = get(preview, path)
    assert status == 403
    assert SECRET.encode() not in body


@pytest.mark.parametrize("path", ["/%252e%252e/secret.txt", "//secret.txt", "/.wic-site", "/nope/"])
def test_odd_but_harmless_paths_get_the_sites_404_page(preview, path):
    status, headers, body = get(preview, path)
    assert status == 404
    assert b"Page not found" in body and RELOAD_PATH.encode() in body
    assert SECRET.encode() not in body


def test_the_404_page_links_from_the_site_root_at_any_depth(preview):
    status, _, body = get(preview, "/deep/er/missing.html")
    assert status == 404
    assert body.startswith(b'<!doctype html><html><head><base href="/"><link rel="icon"')


def test_symlinks_out_of_the_site_are_forbidden(preview, config):
    (config.out_dir / "leak.txt").symlink_to(config.out_dir.parent / "secret.txt")
    (config.out_dir / "up").symlink_to(config.out_dir.parent)
    for path in ("/leak.txt", "/up/secret.txt", "/up/corpus/alpha.txt"):
        status, _, body = get(preview, path)
        assert status == 403, path
        assert SECRET.encode() not in body and b"first article" not in body


def test_resolve_request_allows_links_that_stay_inside(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text("a")
    (tmp_path / "alias").symlink_to(tmp_path / "a")
    found = resolve_request(tmp_path, "/alias/")
    assert (found.status, found.file) == (200, (tmp_path / "a" / "index.html").resolve())


def test_a_foreign_host_header_is_refused(preview):
    """A page on another site reaching 127.0.0.1 through DNS rebinding sends its own name."""
    port = preview.server.server_address[1]
    assert get(preview, "/", headers={"Host": "evil.example"})[0] == 403
    assert get(preview, "/", headers={"Host": f"localhost:{port}"})[0] == 200


def test_keep_alive_serves_many_requests_on_one_connection(preview):
    host, port = preview.server.server_address[:2]
    conn = http.client.HTTPConnection(host, port, timeout=10)
    statuses = []
    for path in ("/", "/alpha/", "/static/site.css", "/missing", "/"):
        conn.request("GET", path)
        response = conn.getresponse()
        response.read()
        statuses.append(response.status)
    conn.close()
    assert statuses == [200, 200, 200, 404, 200]


def test_a_change_rebuilds_and_bumps_the_version(preview, config):
    before = preview.version
    assert preview.poll_once() is False
    bump(config.corpus_dir / "beta.txt", "second article")
    assert preview.poll_once() is True
    assert preview.version != before
    status, _, body = get(preview, "/beta/")
    assert status == 200 and b"second article" in body
    assert get(preview, VERSION_PATH)[2].decode() == preview.version


def test_template_and_static_folders_are_watched_too(preview, config):
    for changed in (config.templates_dir / "page.html", config.static_dir / "site.css"):
        bump(changed, "edited")
        assert preview.poll_once() is True, changed


@pytest.mark.parametrize(
    "bad_file, message",
    [("broken.txt", r"wic-site: error: .*broken\.txt: line 1: cannot be read"),
     ("crash.txt", r"wic-site: error: rebuild failed: KeyError: 'a bug in a stage'")],
)
def test_a_failed_rebuild_prints_one_line_and_keeps_the_previous_site(preview, config, capsys, bad_file, message):
    before = preview.version
    capsys.readouterr()
    bump(config.corpus_dir / bad_file, "bad")
    bump(config.corpus_dir / "alpha.txt", "edited")
    assert preview.poll_once() is False
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and re.fullmatch(message, err[0]), err
    assert preview.version == before
    status, _, body = get(preview, "/alpha/")
    assert status == 200 and b"first article" in body


def test_output_inside_the_corpus_does_not_trigger_rebuilds(tmp_path, config):
    inside = SiteConfig(**{**config.__dict__, "out_dir": config.corpus_dir / "_site"})
    running = start_preview(inside, port=0, watch=False, build=small_build)
    try:
        assert running.poll_once() is False
        assert running.poll_once() is False
    finally:
        running.stop()


def test_the_watch_thread_rebuilds_by_itself(config):
    running = start_preview(config, port=0, watch=True, build=small_build)
    try:
        before = running.version
        bump(config.corpus_dir / "alpha.txt", "edited by hand")
        deadline = time.monotonic() + 30
        while running.version == before and time.monotonic() < deadline:
            time.sleep(0.1)
        assert get(running, "/alpha/")[2].count(b"edited by hand") == 1
    finally:
        running.stop()


def test_a_busy_port_and_a_bad_port_are_user_errors(preview, config):
    port = preview.server.server_address[1]
    with pytest.raises(UserError, match=rf"cannot listen on 127\.0\.0\.1:{port}"):
        start_preview(config, port=port, watch=False, build=small_build)
    with pytest.raises(UserError, match="--port 70000"):
        start_preview(config, port=70000, watch=False, build=small_build)


def test_a_first_build_that_fails_is_a_user_error(config):
    bump(config.corpus_dir / "broken.txt", "bad")
    with pytest.raises(UserError, match="first build failed"):
        start_preview(config, port=0, watch=False, build=small_build)


@pytest.mark.browser
def test_an_open_page_reloads_itself_after_a_rebuild(preview, config, page):
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("response", lambda r: errors.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.goto(preview.url + "alpha/")
    assert page.text_content("p") == "first article"
    bump(config.corpus_dir / "alpha.txt", "rebuilt text")
    assert preview.poll_once() is True
    page.wait_for_function("document.querySelector('p').textContent === 'rebuilt text'", timeout=15000)
    assert errors == []


# --- the real pipeline -------------------------------------------------------------------


def test_serve_command_builds_serves_and_exits_0_on_ctrl_c(tmp_path, seeds_dir):
    corpus = tmp_path / "seeds"
    corpus.mkdir()
    for seed in sorted(seeds_dir.glob("*.txt")):
        (corpus / seed.name).write_bytes(seed.read_bytes())
    command = [sys.executable, str(ROOT / "build.py"), "serve", "--port", "0", "--seeds", str(corpus),
               "--out", str(tmp_path / "site"), "--index", str(tmp_path / "index"), "--jobs", "1"]
    server = subprocess.Popen(command, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = ""
        while "Serving" not in line:
            line = server.stdout.readline()
            assert line, server.stderr.read()
        url = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        conn = http.client.HTTPConnection("127.0.0.1", int(url[1]), timeout=10)
        conn.request("GET", "/")
        response = conn.getresponse()
        assert response.status == 200 and RELOAD_PATH.encode() in response.read()
        conn.close()
    finally:
        server.send_signal(signal.SIGINT)
        out, err = server.communicate(timeout=30)
    assert server.returncode == 0, err
    assert "Traceback" not in err
    assert list(tmp_path.glob(".site.*")) == []


def test_a_real_rebuild_after_a_seed_edit_and_a_broken_template(tmp_path, seeds_dir, capsys):
    corpus = tmp_path / "seeds"
    corpus.mkdir()
    for seed in sorted(seeds_dir.glob("*.txt")):
        (corpus / seed.name).write_bytes(seed.read_bytes())
    templates = tmp_path / "templates"
    templates.mkdir()
    for template in sorted((ROOT / "templates").rglob("*.html")):
        (templates / template.name).write_bytes(template.read_bytes())
    base = load_config(corpus, tmp_path / "site", tmp_path / "index", jobs=1, quiet=True)
    config = SiteConfig(**{**base.__dict__, "templates_dir": templates})
    running = start_preview(config, port=0, watch=False)
    try:
        first = sorted(p.relative_to(config.out_dir) for p in config.out_dir.rglob("*"))
        seed = sorted(corpus.glob("*.txt"))[0]
        bump(seed, seed.read_text() + "\n\nA freshly added closing paragraph about zebrafish.\n")
        assert running.poll_once() is True
        assert "zebrafish" in (config.out_dir / "data" / "records.json").read_text()
        good = {p: p.read_bytes() for p in config.out_dir.rglob("*") if p.is_file()}
        capsys.readouterr()
        bump(templates / "base.html", "{% block content %}{% if %}{% endblock %}")
        assert running.poll_once() is False
        err = capsys.readouterr().err.splitlines()
        assert len(err) == 1 and err[0].startswith("wic-site: error: rebuild failed: "), err
        assert {p: p.read_bytes() for p in config.out_dir.rglob("*") if p.is_file()} == good
        assert get(running, "/")[0] == 200
        assert first
    finally:
        running.stop()


def test_builds_run_apart_so_the_threaded_server_never_forks(tmp_path, monkeypatch):
    """Forking a process whose threads may hold locks can deadlock the child: the preview's
    builds (pools and all) run in a process from the forkserver, never forked from here."""
    from benchmarks import synth
    from wic_site.pipeline import POOL_MIN

    corpus = tmp_path / "corpus"
    synth.write_corpus(corpus, POOL_MIN, ROOT / "seeds")  # enough for the extraction pool
    forks = []
    fork = os.fork
    monkeypatch.setattr(os, "fork", lambda: forks.append(threading.active_count()) or fork())
    config = load_config(corpus, tmp_path / "site", tmp_path / "index", jobs=2, quiet=True)
    running = start_preview(config, port=0, watch=False)  # its first build goes the way every rebuild does
    running.stop()
    assert (config.out_dir / "index.html").is_file()
    assert forks == []
