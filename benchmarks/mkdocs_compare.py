"""Build the same corpus with MkDocs (search plugin on) to time wic-site against it.

Each article becomes one Markdown page with its headline as the title; MkDocs' default
theme and automatic navigation are kept, as a user trying MkDocs on these texts would get.
Needs the optional `bench` extra (`pip install -e .[bench]`).
"""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

from .measure import Run, python_cmd, run_measured

MKDOCS_YML = """site_name: WIC corpus (MkDocs comparison)
use_directory_urls: true
theme:
  name: mkdocs
plugins:
  - search
"""


def mkdocs_available() -> bool:
    return importlib.util.find_spec("mkdocs") is not None


def write_project(corpus_dir: Path, project: Path) -> None:
    """Turn every .txt article into docs/<stem>.md under a fresh MkDocs project folder."""
    shutil.rmtree(project, ignore_errors=True)
    docs = project / "docs"
    docs.mkdir(parents=True)
    (project / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    (docs / "index.md").write_text("# WIC corpus\n\nArticles from the World Internet Conference.\n", encoding="utf-8")
    for path in sorted(corpus_dir.glob("*.txt")):
        paragraphs = [p.strip() for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]
        title = next((p for p in paragraphs if 20 <= len(p) <= 120), path.stem)
        body = "\n\n".join(p for p in paragraphs if p != title)
        (docs / f"{path.stem}.md").write_text(f"# {title}\n\n{body}\n", encoding="utf-8")


def build_with_mkdocs(corpus_dir: Path, work: Path) -> Run:
    project = work / "mkdocs-project"
    write_project(corpus_dir, project)
    run = run_measured(python_cmd("-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml"),
                                  "-d", str(work / "mkdocs-site")), cwd=project)
    if run.returncode != 0:
        raise SystemExit(f"benchmarks: mkdocs build failed:\n{run.stderr[-2000:]}")
    return run
