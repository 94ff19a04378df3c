"""wic-site installs as a real package: the wheel carries templates/ and static/.

The wheel is built from a copy of the source tree (so no build/ folder is left here),
installed into a fresh virtual environment that sees this one's packages (no network
needed), and its `wic-site` builds the seeds from another folder.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ("pyproject.toml", "README.md", "wic_site", "templates", "static")


def run(*command: str | Path, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    result = subprocess.run([str(c) for c in command], cwd=cwd, env=env, capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def test_the_wheel_installs_and_builds_the_seeds_from_another_folder(tmp_path):
    source = tmp_path / "source"
    source.mkdir()
    for name in SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(ROOT / name, source / name)
    run(sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "--no-index", "-w", tmp_path / "dist", source, cwd=tmp_path)
    wheel = next((tmp_path / "dist").glob("wic_site-*.whl"))
    packed = set(zipfile.ZipFile(wheel).namelist())
    expected = {p.relative_to(ROOT).as_posix() for p in (ROOT / "wic_site").rglob("*.py") if "__pycache__" not in p.parts}
    assert expected <= packed, f"missing from the wheel (list the package in pyproject.toml): {sorted(expected - packed)}"
    assets = {f"wic_site/{p.relative_to(ROOT).as_posix()}" for folder in ("templates", "static") for p in (ROOT / folder).iterdir()}
    assets |= {p.relative_to(ROOT).as_posix() for p in (ROOT / "wic_site" / "data").iterdir()}
    assert assets <= packed, sorted(assets - packed)

    venv = tmp_path / "venv"
    # No pip of its own (ensurepip takes most of a minute here): this one's pip installs into it.
    run(sys.executable, "-m", "venv", "--system-site-packages", "--without-pip", venv, cwd=tmp_path)
    python = venv / "bin" / "python"
    run(sys.executable, "-m", "pip", "--python", python, "install", "-q", "--no-deps", "--no-index", "--force-reinstall", wheel,
        cwd=tmp_path)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    where = run(python, "-c", "import wic_site; print(wic_site.__file__)", cwd=tmp_path, env=env).stdout.strip()
    assert Path(where).is_relative_to(venv), where  # the wheel's copy, not the source tree

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.copytree(ROOT / "seeds", elsewhere / "corpus")
    result = run(venv / "bin" / "wic-site", "build", "--seeds", "corpus", "--out", "site", "--index", "index", cwd=elsewhere, env=env)
    assert result.stderr == "", result.stderr
    site = elsewhere / "site"
    assert (site / "index.html").is_file() and (site / "search" / "index.html").is_file()
    assert (site / "static" / "site.css").read_bytes() == (ROOT / "static" / "site.css").read_bytes()
    articles = json.loads((site / "data" / "records.json").read_text(encoding="utf-8"))["articles"]
    assert len(articles) == 5 and all((site / a["url"] / "index.html").is_file() for a in articles)
