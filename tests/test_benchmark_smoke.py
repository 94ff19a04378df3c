"""The benchmark's synthetic corpus and table, on 20 articles (the benchmark itself is not run in CI)."""

from __future__ import annotations

import re
from pathlib import Path

from benchmarks import synth
from benchmarks.measure import folder_stats, parse_stage_timings
from benchmarks.run import Row, _size, format_tables, query_bytes, whoosh_floor
from wic_site.config import load_config
from wic_site.pipeline import build

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SEED_TEXT = "\n".join(p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt"))


def test_synthetic_corpus_is_repeatable_and_made_of_seed_sentences(tmp_path):
    first = synth.write_corpus(tmp_path / "a", 20, SEEDS)
    second = synth.write_corpus(tmp_path / "b", 20, SEEDS)
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]
    texts = [p.read_text(encoding="utf-8") for p in first]
    years = {int(y) for t in texts for y in re.findall(r"Zhejiang province, in (\d{4})\.", t)}
    assert len(years) == 12 and min(years) == synth.FIRST_YEAR and max(years) == synth.LAST_YEAR
    assert any(re.search(r', (CEO|chairman|director|professor|president)\b[^,"]* of [A-Z]', t) for t in texts)
    assert any(re.search(r'," (he|she) said\.', t) for t in texts)
    material = synth.load_material(SEEDS)
    assert all(sentence in SEED_TEXT for sentence in material.sentences)
    assert all(quote[:-1] in SEED_TEXT for quote in material.quotes)


def test_twenty_synthetic_articles_build_and_fill_the_table(tmp_path):
    corpus = tmp_path / "corpus"
    synth.write_corpus(corpus, 20, SEEDS)
    report = build(load_config(corpus, tmp_path / "site", tmp_path / "index", jobs=1, quiet=True))
    assert len(report.records.articles) == 20
    assert {a.year for a in report.records.articles} >= {2014, 2015, 2016}
    assert len(report.records.speakers) >= 10
    assert set(report.timings) == {"read", "extract", "index", "render", "write"}
    size, pages = folder_stats(tmp_path / "site")
    assert pages > 20 and size > 20 * 4000

    verbose = "".join(f"  {stage:<8} {seconds:7.3f} s\n" for stage, seconds in report.timings.items())
    costs = {q: query_bytes(tmp_path / "site", q) for q in ["cybersecurity", "digital economy"]}
    one, two = costs["cybersecurity"], costs["digital economy"]
    assert one[1] < one[0] == one[2]  # gzipped is smaller; a one-word query's counts come with it
    assert two[1] < two[0] < two[2]  # a compound query's counts cost more, and only when asked
    row = Row("synthetic", 20, parse_stage_timings(verbose), 1.5, 80.0, 60.0, size, pages, 3, costs)
    row.whoosh_floor = whoosh_floor(corpus, tmp_path / "probe", procs=1)
    row.one_changed_wall, row.one_edited_wall = 1.2, 0.3
    table = format_tables([row])
    assert "| 20 (synthetic) |" in table and "| 20 | `cybersecurity` |" in table
    assert f"| 20 | `digital economy` | {_size(two[0])} | {_size(two[1])} | {_size(two[2])} |" in table
    assert 0 < row.whoosh_floor < 60 and "wic-site / Whoosh" in table and "| 80 % |" in table and "| 20 % |" in table
    assert f"{1.5 / row.whoosh_floor:.2f}" in table
    assert parse_stage_timings(verbose) == {k: round(v, 3) for k, v in report.timings.items()}
