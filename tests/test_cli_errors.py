"""Bad input on the command line: one line on stderr naming the file and problem, exit status 2.

Each case runs the real `python build.py` in a subprocess, so a traceback or a wrong exit
status cannot hide. Permission cases need the kernel to refuse access; as root it refuses
nothing, so there the command runs with the two capabilities that bypass permissions dropped
(setpriv, util-linux), which makes root obey file modes like anyone else.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = """Digital Summit Opens

2019-10-20 Source: Example Daily

The summit opened on Sunday with delegates from many countries discussing the digital economy.

"Cooperation matters more than ever," said Jane Example, chief executive of Example Networks.
"""


def run_build(*args: str | Path, obey_permissions: bool = False) -> subprocess.CompletedProcess:
    command = [sys.executable, str(ROOT / "build.py"), *map(str, args)]
    if obey_permissions and os.geteuid() == 0:
        command = ["setpriv", "--bounding-set=-dac_override,-dac_read_search", *command]
    return subprocess.run(command, capture_output=True, text=True, timeout=300, cwd=ROOT)


def assert_one_line_error(result: subprocess.CompletedProcess, pattern: str) -> None:
    lines = result.stderr.splitlines()
    assert result.returncode == 2, result.stderr
    assert len(lines) == 1, result.stderr
    assert re.fullmatch(rf"wic-site: error: .*{pattern}.*", lines[0]), lines[0]


@pytest.fixture
def corpus(tmp_path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "summit.txt").write_text(ARTICLE)
    return folder


def build_args(corpus: Path, tmp_path: Path) -> list:
    return ["--seeds", corpus, "--out", tmp_path / "site", "--index", tmp_path / "index", "--jobs", "1", "-q"]


def test_a_good_corpus_builds_with_exit_0(corpus, tmp_path):
    result = run_build(*build_args(corpus, tmp_path))
    assert (result.returncode, result.stderr) == (0, "")
    assert (tmp_path / "site" / "index.html").is_file()


def test_missing_corpus_folder(tmp_path):
    missing = tmp_path / "nowhere"
    assert_one_line_error(run_build(*build_args(missing, tmp_path)), rf"{re.escape(str(missing))}: does not exist")


def test_corpus_that_is_a_file(corpus, tmp_path):
    a_file = corpus / "summit.txt"
    assert_one_line_error(run_build(*build_args(a_file, tmp_path)), r"summit\.txt: is not a folder")


def test_empty_corpus_folder(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.pdf").write_bytes(b"%PDF-1.4")
    assert_one_line_error(run_build(*build_args(empty, tmp_path)), r"empty: holds no .*articles")


def test_unreadable_corpus_folder(corpus, tmp_path):
    corpus.chmod(0o000)
    try:
        result = run_build(*build_args(corpus, tmp_path), obey_permissions=True)
    finally:
        corpus.chmod(0o755)
    assert_one_line_error(result, r"corpus: cannot be read \(Permission denied\)")
    assert not (tmp_path / "site").exists()


def test_unwritable_output_folder(corpus, tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        result = run_build(*build_args(corpus, tmp_path)[:2], "--out", locked / "site",
                           "--index", tmp_path / "index", "-q", obey_permissions=True)
    finally:
        locked.chmod(0o755)
    assert_one_line_error(result, r"locked/site: cannot be written \(Permission denied\)")
    assert list(locked.iterdir()) == []


def test_output_inside_a_file(corpus, tmp_path):
    result = run_build("--seeds", corpus, "--out", corpus / "summit.txt" / "site", "--index", tmp_path / "i", "-q")
    assert_one_line_error(result, r"summit\.txt/site: cannot be written")
    assert (corpus / "summit.txt").read_text() == ARTICLE


def test_output_folder_holding_other_files_is_not_replaced(corpus, tmp_path):
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "thesis.tex").write_text("years of work")
    result = run_build("--seeds", corpus, "--out", mine, "--index", tmp_path / "index", "-q")
    assert_one_line_error(result, r"mine: holds files wic-site did not write")
    assert [p.name for p in mine.iterdir()] == ["thesis.tex"]


def test_out_dot_never_replaces_the_working_folder(corpus, tmp_path):
    (tmp_path / "keep.txt").write_text("keep me")
    command = [sys.executable, str(ROOT / "build.py"), "--seeds", str(corpus), "--out", ".", "-q"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert_one_line_error(result, r"holds files wic-site did not write")
    assert (tmp_path / "keep.txt").read_text() == "keep me"


def test_broken_front_matter_names_file_and_line(corpus, tmp_path):
    (corpus / "bad.md").write_text("---\ntitle: Fine\ndate: [2019, 10\n---\n\nBody text of the article here.\n")
    assert_one_line_error(run_build(*build_args(corpus, tmp_path)), r"bad\.md: line \d+: .*front matter")


def test_broken_aliases_file_names_file_and_line(corpus, tmp_path):
    (corpus / "aliases.yaml").write_text("Jane Example:\n  - J. Example\n  - [unclosed\n")
    assert_one_line_error(run_build(*build_args(corpus, tmp_path)), r"aliases\.yaml.*line \d+")


def test_bad_options_are_all_listed_in_one_line(tmp_path):
    result = run_build("--seeds", tmp_path / "none", "--jobs", "0", "--base-url", "ftp://x", "--out", tmp_path / "s")
    assert_one_line_error(result, r"does not exist.*--base-url 'ftp://x'.*--jobs 0")


def test_broken_taxonomy_names_file_and_line(corpus, tmp_path):
    """There is no --taxonomy flag yet, so this goes through load_config + build, as the CLI does."""
    from wic_site.config import load_config
    from wic_site.errors import UserError
    from wic_site.pipeline import build

    taxonomy = tmp_path / "topics.yaml"
    taxonomy.write_text("Security:\n  keywords: [cyber security]\nEconomy:\n  keywords: [digital economy]]\n")
    config = load_config(corpus, tmp_path / "site", tmp_path / "index", taxonomy=taxonomy, jobs=1, quiet=True)
    with pytest.raises(UserError) as caught:
        build(config)
    message = str(caught.value)
    assert "\n" not in message
    assert re.match(rf"{re.escape(str(taxonomy))}: line 4: ", message), message
    assert not (tmp_path / "site").exists()


def test_unclosed_front_matter_is_an_error_not_published_text(corpus, tmp_path):
    (corpus / "open.md").write_text("---\ntitle: Never Closed\nsecret_note: do not publish\n\nBody text here.\n")
    assert_one_line_error(run_build(*build_args(corpus, tmp_path)), r"open\.md: line 1: .*front matter")
    assert not (tmp_path / "site").exists()
