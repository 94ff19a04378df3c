"""`python -m benchmarks.index_probe --articles 10000`: time Whoosh alone on the corpus' passages.

The index stage sets the pace of a large build, so its writer settings are measured apart from
everything else: one process, `procs=N` with and without `multisegment`, and stored fields on or
off. Passages are the articles' blank-line-separated paragraphs, as the build indexes them.
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
from pathlib import Path

from . import synth

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def passages(corpus: Path) -> list[tuple[str, str]]:
    out = []
    for path in sorted(corpus.glob("*.txt")):
        paras = [p.strip() for p in path.read_text(encoding="utf-8").split("\n\n") if len(p.strip()) > 40]
        out += [(f"{path.stem}#{i}", p) for i, p in enumerate(paras)]
    return out


def time_variant(docs: list[tuple[str, str]], folder: Path, procs: int, multisegment: bool,
                 stored: bool, limitmb: int) -> float:
    from whoosh import fields, index
    from whoosh.analysis import StemmingAnalyzer

    schema = fields.Schema(
        id=fields.ID(stored=True, unique=False),
        text=fields.TEXT(analyzer=StemmingAnalyzer(), phrase=True, stored=stored),
    )
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    start = time.perf_counter()
    ix = index.create_in(folder, schema)
    kwargs = {"limitmb": limitmb}
    if procs > 1:
        kwargs.update(procs=procs, multisegment=multisegment)
    writer = ix.writer(**kwargs)
    for doc_id, text in docs:
        writer.add_document(id=doc_id, text=text)
    writer.commit()
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.index_probe")
    p.add_argument("--articles", type=int, default=10000)
    p.add_argument("--procs", type=int, default=os.cpu_count() or 1)
    p.add_argument("--work", default=str(Path(tempfile.gettempdir()) / "wic-bench"))
    args = p.parse_args(argv)
    work = Path(args.work)
    corpus = work / f"corpus-{args.articles}"
    synth.write_corpus(corpus, args.articles, SEEDS)
    docs = passages(corpus)
    print(f"{args.articles} articles, {len(docs)} passages")
    variants = [
        (1, False, True, 128), (1, False, False, 128), (1, False, False, 512),
        (args.procs, False, False, 128), (args.procs, True, False, 128), (args.procs, True, True, 128),
    ]
    for procs, multi, stored, limitmb in variants:
        seconds = time_variant(docs, work / "probe-index", procs, multi, stored, limitmb)
        print(f"procs={procs} multisegment={multi} stored_text={stored} limitmb={limitmb}: {seconds:.1f} s",
              flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
