"""Whoosh passage index, CLI search and the client index exported from it (no browser)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from wic_site.models import ArticleRecord, ClaimRecord, Records, SpeakerRecord, TopicRecord


def article(aid: str, title: str, year: int | None, paragraphs: list[str], topics: list[tuple[str, ...]] | None = None) -> ArticleRecord:
    ptopics = tuple(topics or [()] * len(paragraphs))
    return ArticleRecord(
        id=aid, source_file=f"{aid}.txt", title=title, publication=None, date=None, year=year,
        edition=None, theme=None, authors=(), speakers=(), mentioned=(), topics=tuple(sorted({t for ts in ptopics for t in ts})),
        paragraphs=tuple(paragraphs), paragraph_topics=ptopics, dropped=(), source_url=None,
        markdown=False, url=f"articles/{aid}/",
    )


def claim(aid: str, paragraph: int, speaker: str | None, kind: str = "quote", year: int | None = None) -> ClaimRecord:
    return ClaimRecord(id=f"{aid}-{paragraph}-{speaker}", article=aid, speaker=speaker, kind=kind, text="x",
                       paragraph=paragraph, start=0, end=1, topics=(), year=year,
                       url=f"articles/{aid}/#p-{paragraph + 1}")


def speaker(sid: str, name: str) -> SpeakerRecord:
    return SpeakerRecord(id=sid, name=name, aliases=(), roles=(), organizations=(), affiliations=(),
                         articles=(), years=(), claims=0, url=f"speakers/{sid}/")


def topic(tid: str, name: str) -> TopicRecord:
    return TopicRecord(id=tid, name=name, articles=(), claims=0, url=f"topics/{tid}/")


def small_records() -> Records:
    a = article("alpha", "Digital economy in the spotlight", 2018, [
        "The digital economy grows as regulators regulate data flows across borders.",
        "Cybersecurity experts said security of networks matters for the digital economy.",
        "Artificial intelligence and big data drive the economy of the future.",
        "Regulation of platforms was debated; the regulation debate continues.",
    ], [("economy",), ("security",), ("ai",), ("governance",)])
    b = article("beta", "Internet governance and security", 2019, [
        "Internet governance needs cooperation: governments regulate, companies innovate.",
        "Security, security and more security: the network security agenda.",
        "The digital divide remains; economies of developing countries need internet access.",
        "Leaders discussed the future of the internet and digital trade.",
    ], [("governance",), ("security",), ("economy",), ("economy", "governance")])
    c = article("gamma", "AI and the economy", None, [
        "Artificial intelligence changes how the economy works, said one economist.",
        "Data regulation and privacy regulations were the topic of the panel on the internet.",
    ], [("ai",), ("governance",)])
    return Records(
        articles=(a, b, c),
        speakers=(speaker("ada-lin", "Ada Lin"), speaker("bo-chen", "Bo Chen")),
        claims=(claim("alpha", 1, "ada-lin", year=2018), claim("beta", 0, "bo-chen", "paraphrase", 2019),
                claim("beta", 1, "ada-lin", year=2019), claim("beta", 2, None, "statistic", 2019),
                claim("gamma", 0, "bo-chen")),
        topics=(topic("ai", "Artificial intelligence"), topic("economy", "Digital economy"),
                topic("governance", "Internet governance"), topic("security", "Cybersecurity")),
        years=(),
    )


def build_search_site(records: Records, work, index_with=None) -> tuple:
    """Index `records` (with index_with(records, index_dir), default build_index) and write
    only what the search page needs: (site_dir, index_dir). Uses the real template,
    stylesheet, search.js and client index; no extraction involved."""
    from wic_site import search_export, search_index
    from wic_site.config import PROJECT_DIR
    from wic_site.pages import Page, url_for
    from wic_site.render import make_environment, render_page, site_chrome
    from wic_site.writer import staged_site

    index_dir, site_dir = work / "index", work / "site"
    (index_with or search_index.build_index)(records, index_dir)
    page = Page(url_for("search"), "search.html", "Search", "search", None)
    html = render_page(make_environment(PROJECT_DIR / "templates"), page, site_chrome(False))
    with staged_site(site_dir) as site:
        site.write(page.path, html)
        site.copy_tree(PROJECT_DIR / "static", "static")
        search_export.write_client_index(records, _hints(records), site)
    return site_dir, index_dir


def _hints(records: Records) -> dict:
    from wic_site.config import SiteConfig
    from wic_site.search_labels import hints_of

    return hints_of(records, SiteConfig.taxonomy_path)


# ---------------------------------------------------------------- tests


@pytest.fixture(scope="module")
def small_site(tmp_path_factory):
    return build_search_site(small_records(), tmp_path_factory.mktemp("search"))


def hits(index_dir, query, limit=10):
    from wic_site.search_index import search_passages

    return [(h.article, h.paragraph) for h in search_passages(index_dir, query, limit)]


def test_one_document_per_paragraph_with_claim_facets(small_site):
    from whoosh import index

    ix = index.open_dir(str(small_site[1]))
    with ix.searcher() as s:
        assert s.doc_count() == 10
        assert sorted(s.lexicon("speaker")) == [b"ada-lin", b"bo-chen"]
        assert sorted(s.lexicon("kind")) == [b"paraphrase", b"quote", b"statistic"]
    assert hits(small_site[1], "speaker:ada-lin") == [("alpha", 1), ("beta", 1)]
    assert hits(small_site[1], "kind:statistic") == [("beta", 2)]
    assert set(hits(small_site[1], "topic:ai")) == {("alpha", 2), ("gamma", 0)}


def test_stemming_matches_other_inflections(small_site):
    assert set(hits(small_site[1], "regulations")) == {("alpha", 0), ("alpha", 3), ("beta", 0), ("gamma", 1)}
    assert hits(small_site[1], "economies") == hits(small_site[1], "economy")


def test_boolean_field_phrase_prefix(small_site):
    ix = small_site[1]
    assert hits(ix, "security -network") == []
    assert set(hits(ix, "economy NOT security")) == set(hits(ix, "economy")) - {("alpha", 1)}
    assert set(hits(ix, "internet OR privacy")) == {("beta", 0), ("beta", 2), ("beta", 3), ("gamma", 1)}
    assert hits(ix, '"digital economy"') == [("alpha", 1), ("alpha", 0)]
    assert set(hits(ix, "year:2019 internet")) == {("beta", 0), ("beta", 2), ("beta", 3)}
    assert set(hits(ix, "regul*")) == set(hits(ix, "regulation"))
    assert hits(ix, "cyber-security") == []  # two words, AND: no passage has "cyber"


def test_markdown_paragraphs_are_indexed_as_text():
    from wic_site.text.plain import plain_text

    assert plain_text("**Bold** claim, see [the report](http://example.com/x)") == "Bold claim, see the report"


def test_print_search_json(small_site, capsys):
    from wic_site.search_index import print_search

    assert print_search("security", index_dir=small_site[1], as_json=True, limit=1) == 0
    out = json.loads(capsys.readouterr().out)
    assert out == [{"article": "beta", "paragraph": 1, "score": pytest.approx(3.797, abs=1e-3),
                    "url": "articles/beta/#p-2", "snippet": out[0]["snippet"]}]
    assert "**Security**" in out[0]["snippet"]


def test_print_search_text_and_unknown_field(small_site, capsys):
    from wic_site.search_index import print_search

    assert print_search("foo:economy", index_dir=small_site[1], as_json=False, limit=3) == 0
    captured = capsys.readouterr()
    assert "note: foo: is not a field" in captured.err
    assert captured.out.startswith("No passages match")  # "foo" AND "economy", as Whoosh reads it


def test_missing_index_and_bad_query_are_one_line_errors(tmp_path, small_site):
    from wic_site.errors import UserError
    from wic_site.search_index import print_search

    with pytest.raises(UserError, match=r"no index at .*: run `wic-site build` first"):
        print_search("x", index_dir=tmp_path / "nothing", as_json=False, limit=10)
    with pytest.raises(UserError, match="cannot read the query"):
        print_search("NOT -economy", index_dir=small_site[1], as_json=False, limit=10)
    with pytest.raises(UserError, match="only common words"):
        print_search("the of", index_dir=small_site[1], as_json=False, limit=10)
    with pytest.raises(UserError, match="empty query"):
        print_search("  ", index_dir=small_site[1], as_json=False, limit=10)


def test_unbalanced_quote_is_noted_and_ignored_as_whoosh_does(small_site, capsys):
    from wic_site.search_index import print_search

    print_search('"digital economy', index_dir=small_site[1], as_json=True, limit=10)
    captured = capsys.readouterr()
    assert "unbalanced quote" in captured.err
    assert len(json.loads(captured.out)) == 3  # digital AND economy, no phrase


def test_cli_search_exit_codes(small_site, capsys):
    from wic_site.cli import main

    assert main(["search", "security", "--index", str(small_site[1]), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["url"] == "articles/beta/#p-2"
    assert main(["search", "x", "--index", str(small_site[1]) + "-missing"]) == 2
    assert "run `wic-site build` first" in capsys.readouterr().err


def test_build_index_refuses_a_folder_that_is_no_index(tmp_path):
    from wic_site.errors import UserError
    from wic_site.search_index import build_index

    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(UserError, match="no Whoosh index"):
        build_index(small_records(), tmp_path)
    assert (tmp_path / "notes.txt").read_text() == "mine"


def _load(site, name):
    from wic_site.search_export.fileformat import load

    return load(site, name)


def exported_weights(site: Path, key: str) -> dict[int, float]:
    """num -> weight of every posting of `key` in a built site's export, weighed as search.js
    weigher() does (the same operations in the same order, on IEEE doubles)."""
    from wic_site.search_export import fnv1a
    from wic_site.search_export.fileformat import chunk_postings, decode_nums

    meta = _load(site, "index")
    entry = _load(site, f"t/{fnv1a(key) % meta['nt']}")[key]
    tails = [_load(site, f"u/{entry[4][0]}-{j}") for j in range(len(decode_nums(entry[4][1])))] if entry[4] else []
    assert [min(num for num, _, _ in chunk_postings(t)) for t in tails] == (decode_nums(entry[4][1]) if tails else [])
    chunks = [entry[1]] + tails
    avg, b, k1, idf = meta["avgfl"].get(key.split(":")[0]), meta["B"], meta["K1"], entry[5]
    weigh = (lambda tf, fl: idf * ((tf * (k1 + 1)) / (tf + k1 * ((1 - b) + b * fl / avg)))) if avg else (lambda tf, fl: tf)
    out = {num: weigh(tf, fl) for data in chunks for num, tf, fl in chunk_postings(data)}
    assert len(out) == entry[0]
    return out


def test_exported_weights_are_whooshs_scores_for_every_term(small_site):
    """Every term of every field, weighed from the export, scores each passage exactly as
    Whoosh's BM25F does, and the export has exactly the index's terms."""
    from whoosh import index, scoring
    from whoosh.query import Term

    from benchmarks.query_cost import passage_numbers
    from wic_site.search_index import QUERY_FIELDS

    site, ix_dir = small_site
    with index.open_dir(str(ix_dir)).searcher(weighting=scoring.BM25F()) as s:
        num = passage_numbers(s)
        keys = [(f, t) for f in QUERY_FIELDS for t in s.reader().field_terms(f)]
        for field, term in keys:
            whoosh = {num[h.docnum]: h.score for h in s.search(Term(field, term), limit=None)}
            assert exported_weights(site, f"{field}:{term}") == whoosh, (field, term)
    chunks = [_load(site, f"x/{i}") for i in range(len(_load(site, "x/lex")))]
    assert _load(site, "x/lex") == [chunk[0] for chunk in chunks]
    lexicon = [k for chunk in chunks for k in chunk]
    assert lexicon == sorted(f"{f}:{t}" for f, t in keys)


def test_a_heads_first_results_are_the_terms_first_results_whatever_the_statistics():
    """split_head keeps every posting that could be among the first `head`, for any idf and
    average length: random postings, weighed with random statistics, rank the same in the
    head as in the whole list."""
    import random

    from wic_site.search_export.postings import split_head

    rng = random.Random(7)
    for _ in range(200):
        posts = [(n, rng.choice([1, 1, 1, 2, 3]), rng.choice([5, 9, 14, 21, 36, 57])) for n in range(rng.randint(1, 60))]
        head_size = rng.randint(1, 12)
        head, tail = split_head(posts, head_size)
        assert sorted(head + tail) == posts and head == sorted(head)
        idf, avg = rng.uniform(0.1, 5), rng.uniform(3, 40)
        rank = lambda ps: sorted(ps, key=lambda p: (-idf * p[1] * 2.2 / (p[1] + 1.2 * (0.25 + 0.75 * p[2] / avg)), p[0]))  # noqa: E731
        assert rank(head)[:head_size] == rank(posts)[:head_size]


def test_posting_numbers_decode_to_what_was_coded():
    """code_nums round-trips sparse, dense and consecutive numbers (runs of neighbouring
    paragraphs, a year's passages), large gaps included, and a run costs two letters."""
    import random

    from wic_site.search_export.fileformat import code_nums, decode_nums, varint

    rng = random.Random(11)
    for _ in range(500):
        nums = sorted(rng.sample(range(rng.choice([40, 900, 10 ** 5, 10 ** 7])), rng.randint(0, 30)))
        start = nums[-1] + 1 if nums else 0
        nums += list(range(start, start + rng.randint(0, 70)))
        assert decode_nums(code_nums(nums)) == nums
    assert code_nums(list(range(5000, 8000))) == varint(5001) + "A" + varint(2999)  # deltas from -1
    assert len(code_nums(list(range(0, 64, 2)))) == 32  # a delta under 32: one letter


def test_forms_map_holds_corpus_forms_and_inflections(small_site):
    from wic_site.search_export import fnv1a

    site = small_site[0]
    meta = _load(site, "index")
    lookup = lambda w: _load(site, f"f/{fnv1a(w) % meta['nf']}").get(w)  # noqa: E731
    assert lookup("regulation") == "regul" and lookup("regulations") == "regul"
    assert lookup("economies") == "economi"
    assert lookup("the") is None  # stop words are not indexed
    assert "the" in meta["stop"]


def test_every_index_file_registers_itself(small_site):
    site = small_site[0]
    for path in sorted((site / "search").rglob("*.js")):
        name = path.relative_to(site / "search").with_suffix("").as_posix()
        assert path.read_text("utf-8").startswith(f'WicSearch.add("{name}",'), path


def test_search_script_is_small_and_published_minified(site_dir):
    source = (Path(__file__).resolve().parent.parent / "static" / "search.js").read_text("utf-8")
    published = (site_dir / "static" / "search.js").read_text("utf-8")
    assert len(source) < 28 * 1024  # names, labels, suggestions, facets on request, history, tail planning: 27 KB
    assert len(published) < 20 * 1024 and "/* " not in published and "\n  " not in published  # what readers fetch


def test_bytes_for_query_on_seeds(site_dir):
    from benchmarks.query_cost import bytes_for_query, files_for_query

    one = bytes_for_query(site_dir, "cybersecurity")
    assert one <= 40 * 1024, files_for_query(site_dir, "cybersecurity")
    assert "static/search.js" in files_for_query(site_dir, "cybersecurity")


def test_exported_positions_are_the_indexed_positions(small_site):
    """Positions come from re-running the schema's analyzer; they must be what Whoosh stored."""
    from whoosh import index

    from wic_site.search_export import fnv1a

    site, ix_dir = small_site
    meta = _load(site, "index")
    with index.open_dir(str(ix_dir)).searcher() as s:
        for field in ("text", "title", "name"):
            for term in s.reader().field_terms(field):
                key = f"{field}:{term}"
                coded = _load(site, f"p/{fnv1a(key) % meta['np']}")[key]
                exported = {int(d, 36): [int(p, 36) for p in ps.split(",")]
                            for d, ps in (part.split(":") for part in coded.split(";"))}
                m = s.postings(field, term)
                stored = {}
                while m.is_active():
                    stored[m.id()] = list(m.value_as("positions"))
                    m.next()
                assert exported == stored, key


def _index_in_two_segments(records: Records, index_dir: Path) -> None:
    """The index build_index writes, in two segments whose docnums are not passage numbers:
    the later half of the passages is written first."""
    from whoosh import index

    from wic_site.config import SiteConfig
    from wic_site.search_index import iter_passages, make_schema, passage_document
    from wic_site.search_labels import write_hints

    passages = list(iter_passages(records))
    half = len(passages) // 2
    index_dir.mkdir()
    ix = index.create_in(str(index_dir), make_schema())
    for part in (range(half, len(passages)), range(half)):
        writer = ix.writer()
        for num in part:
            writer.add_document(**passage_document(passages[num]))
        writer.commit(merge=False)
    write_hints(index_dir, records, SiteConfig.taxonomy_path)


def _exported(records: Records) -> dict[str, str]:
    from wic_site import search_export

    files: dict[str, str] = {}

    def keep(name: str, text: str) -> None:
        assert name not in files, name
        files[name] = text

    search_export.export(records, _hints(records), keep)
    return files


def test_export_does_not_depend_on_blocks_and_splits_long_lists(monkeypatch):
    """Passages are tokenized in blocks: one-passage blocks give the same files. Small heads
    and tails make every term long: its tail files are named by its own hash."""
    from wic_site.search_export import analysis, fileformat
    from wic_site.search_export.terms import tail_name

    records = small_records()
    monkeypatch.setattr(fileformat, "HEAD", 1)
    monkeypatch.setattr(fileformat, "TAIL", 2)
    expected = _exported(records)
    monkeypatch.setattr(analysis, "POSITION_BLOCK", 1)
    assert _exported(records) == expected
    assert {name.split("/")[0] for name in expected} == {"index", "d", "g", "p", "f", "t", "u", "x", "l", "v"}
    assert f"u/{tail_name('text:secur')}-0" in expected


def test_terms_with_positions_are_exactly_the_indexed_terms(tmp_path):
    """The export keeps forms of the terms it found positions for; those must be the index's
    text and title terms, no more (an article with no paragraph has its title in no passage)
    and no fewer."""
    from whoosh import index

    from wic_site.search_export import export_from_records
    from wic_site.search_index import build_index

    records = small_records()
    untitled = article("delta", "Quixotic zeppelins", 2020, [])
    records = Records(articles=records.articles + (untitled,), speakers=records.speakers,
                      claims=records.claims, topics=records.topics, years=records.years)
    build_index(records, tmp_path / "ix")
    files: dict[str, str] = {}
    made = export_from_records(records, files.__setitem__)
    with index.open_dir(str(tmp_path / "ix")).reader() as reader:
        indexed = {f"{field}:{term}" for field in ("text", "title", "name") for term in reader.field_terms(field)}
    positioned = {key for name, text in files.items() if name.startswith("p/")
                  for key in _load_text(text)}
    assert positioned == indexed
    assert "zeppelin" not in {term for term in made.surface}


def _load_text(text: str):
    return json.loads(text[text.index(",") + 1:text.rindex(")")])


def test_an_index_from_an_older_schema_is_one_line_not_a_traceback(tmp_path):
    from whoosh import fields, index

    from wic_site.errors import UserError
    from wic_site.search_index import print_search

    index.create_in(str(tmp_path), fields.Schema(text=fields.TEXT(stored=True), num=fields.STORED))
    with pytest.raises(UserError, match="built by an older wic-site"):
        print_search("internet", index_dir=tmp_path)


def _edited(records: Records, paragraph: str) -> Records:
    """records with the second paragraph of the first article replaced."""
    from dataclasses import replace

    first = records.articles[0]
    changed = replace(first, paragraphs=(first.paragraphs[0], paragraph, *first.paragraphs[2:]))
    return replace(records, articles=(changed, *records.articles[1:]))


@pytest.mark.parametrize("paragraph", ["Regulating satellite economies, regulators said, needs quantum patience.", ""])
def test_an_export_patched_from_the_last_one_is_a_fresh_export(tmp_path, paragraph):
    """With the last export kept, a changed passage is analysed alone and only the terms it
    had or has are made again; the files are those of an export made from nothing."""
    before, after = small_records(), _edited(small_records(), paragraph)
    patched = _exported_again(before, after, tmp_path, "_patched")
    assert len(patched) == 1 and 0 < len(patched[0].touched) < len(patched[0].index.counted.postings) / 2


def _exported_again(before: Records, after: Records, keep_in: Path, way: str) -> list:
    """Export `before` keeping what it made in keep_in, then `after` from it; check that the
    files are a fresh export's and the kept index a whole one's. Returns what the analysis
    function named `way` (_patched, _renumbered) gave, each time it was called."""
    from wic_site import search_export
    from wic_site.search_export import analysis
    from wic_site.search_index import iter_passages

    files: dict[str, str] = {}
    search_export.export(before, _hints(before), lambda name, text: None, keep_in=keep_in)
    made = []
    real = getattr(analysis, way)

    def recording(*args):
        made.append(real(*args))
        return made[-1]

    with pytest.MonkeyPatch.context() as m:
        m.setattr(analysis, way, recording)
        search_export.export(after, _hints(after), files.__setitem__, keep_in=keep_in)
    assert files == _exported(after)
    whole = analysis.analyse(list(iter_passages(after))).index
    for kept in (result.index for result in made):
        assert (kept.counted.postings, kept.counted.lengths, kept.positions) == \
            (whole.counted.postings, whole.counted.lengths, whole.positions)
    return made


def _with_fillers(records: Records) -> Records:
    """records and a dozen short articles after them: passages enough that a stretch of a few
    is a small share."""
    from dataclasses import replace

    fillers = tuple(article(f"filler-{i:02d}", f"Filler report {i}", 2020,
                            [f"Notes {i} on internet governance.", f"More notes {i} on the digital economy."])
                    for i in range(12))
    return replace(records, articles=records.articles + fillers)


def _renumbering(records: Records, how: str) -> Records:
    """records with passages added or removed in one stretch, so every later passage renumbers."""
    from dataclasses import replace

    first, *rest = records.articles
    if how == "paragraph inserted":
        first = replace(first, paragraphs=(first.paragraphs[0], "Satellite regulators met quantum economists.",
                                           *first.paragraphs[1:]),
                        paragraph_topics=(first.paragraph_topics[0], (), *first.paragraph_topics[1:]))
        return replace(records, articles=(first, *rest))
    if how == "paragraph removed":
        first = replace(first, paragraphs=first.paragraphs[1:], paragraph_topics=first.paragraph_topics[1:])
        return replace(records, articles=(first, *rest))
    added = article("aardvark", "Quantum cables at the summit", 2019, ["Satellite regulators met quantum economists."])
    return replace(records, articles=(first, added, *rest))


@pytest.mark.parametrize("how", ["paragraph inserted", "paragraph removed", "article added"])
def test_an_export_after_passages_renumber_is_a_fresh_export(tmp_path, how, monkeypatch):
    """Passages added or removed in one stretch: the passages after it keep their analysis
    under new numbers, only the stretch is analysed, and the entries of terms whose postings
    only moved are re-coded, heads and tail files included (short ones here); the files are
    those of a fresh export."""
    from wic_site.search_export import fileformat
    from wic_site.search_index import iter_passages

    monkeypatch.setattr(fileformat, "HEAD", 2)
    monkeypatch.setattr(fileformat, "TAIL", 3)
    before = _with_fillers(small_records())
    after = _renumbering(before, how)
    assert len(list(iter_passages(before))) != len(list(iter_passages(after)))
    made = _exported_again(before, after, tmp_path, "_renumbered")
    assert len(made) == 1 and made[0].shift.by == (1 if how != "paragraph removed" else -1)
    moved = made[0].shift.keys
    assert any(len(made[0].index.counted.postings[key]) > 5 for key in moved)  # some with tail files
