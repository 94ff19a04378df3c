"""How deep must the browser read impact-ordered postings to prove a query's top 10?

`python -m benchmarks.tier_probe SITE [--query Q ...]` reads the postings a built site exports
(search/t/, u/) and simulates tiered posting lists: each "field:term" list, in impact order
(weight descending, then passage number), cut into tiers of growing size (the first `--first`
postings, then `--growth` times more each time). Starting from every list's first tier, it
deepens the list whose unread weights may be highest until a bound proves the exact top 10
(score, then passage number, as search.js ranks):

  no membership  every unread posting of a list weighs at most the last weight read; a passage
                 not yet seen in a list may still be in it (the NRA bound)
  membership     each list's full passage set is known (an exact per-term set), so candidates
                 are exactly the result set and a passage absent from a list is known absent;
                 with each list's lowest weight, a member's unread weight is known once the
                 bound has come down to it (a filter's postings all weigh 1.0)

It prints, per query and bound, the depth reached in each list and the posting bytes read
(in today's chunk encoding) against all of them, and what the passage sets would cost. The
queries are words and `field:value` filters, all required (the default AND), as in issue 12.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path

from wic_site.search_export.fileformat import b36, chunk, fnv1a, load, script
from wic_site.search_index import PLAIN_FIELDS

QUERIES = ["digital economy cooperation", "internet china", "cyberspace governance security",
           "year:2018 internet governance", "cybersecurity"]
TOP = 10
Posting = tuple[int, float]
Groups = list[list[str]]  # AND of groups, each an OR of "field:term" keys


class Site:
    def __init__(self, site_dir: Path) -> None:
        self.dir = Path(site_dir)
        self.meta = load(self.dir, "index")

    def postings(self, key: str) -> list[Posting]:
        entry = load(self.dir, f"t/{fnv1a(key) % self.meta['nt']}").get(key)
        if not entry:
            return []
        posts = _decode(entry[1], [])
        for j in range(entry[4][1] if entry[4] else 0):
            _decode(load(self.dir, f"u/{entry[4][0]}-{j}"), posts)
        return posts

    def groups(self, query: str) -> Groups:
        """One group per word: its term in each plain field that holds it; a filter is its own key."""
        groups = []
        for word in query.lower().split():
            if ":" in word:
                groups.append([word])
                continue
            value = load(self.dir, f"f/{fnv1a(word) % self.meta['nf']}").get(word)
            if value is None:
                raise SystemExit(f"tier_probe: {word!r} is in no passage of {self.dir}")
            term, fields = (value, ["text"]) if isinstance(value, str) else (value[0], value[1:])
            groups.append([f"{field}:{term}" for field in PLAIN_FIELDS if field in fields])
        return groups


def _decode(coded: list, into: list[Posting]) -> list[Posting]:
    for weight, group in zip(coded[0], coded[1].split(";")):
        doc = 0
        for delta in filter(None, group.split(",")):
            doc += int(delta, 36)
            into.append((doc, weight))
    return into


def exact_top(groups: Groups, lists: dict[str, list[Posting]]) -> tuple[list[int], int]:
    """(the top passages of the whole lists, the number of results)."""
    scores: dict[int, float] | None = None
    for group in groups:
        summed: dict[int, float] = {}
        for key in group:
            for doc, weight in lists[key]:
                summed[doc] = summed.get(doc, 0.0) + weight
        scores = summed if scores is None else {d: s + summed[d] for d, s in scores.items() if d in summed}
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
    return [doc for doc, _ in ranked[:TOP]], len(ranked)


def prove(groups: Groups, lists: dict[str, list[Posting]], depth: dict[str, int], members: bool) -> list[int] | None:
    """The top passages if the first depth[key] postings of each list prove them, else None."""
    seen = {key: dict(lists[key][:depth[key]]) for key in lists}
    bound = {key: lists[key][depth[key] - 1][1] if depth[key] < len(lists[key]) else 0.0 for key in lists}
    sets = {key: {doc for doc, _ in lists[key]} for key in lists} if members else None
    candidates = set().union(*map(set, seen.values()))
    if members:
        candidates = set.intersection(*(set().union(*(sets[key] for key in group)) for group in groups))
    least = {key: lists[key][-1][1] if lists[key] else 0.0 for key in lists}  # a list's lowest weight
    done, open_ = [], []
    for doc in candidates:
        known = upper = 0.0
        for key in lists:
            if doc in seen[key]:
                known += seen[key][doc]
            elif members and doc in sets[key] and bound[key] == least[key]:
                known += bound[key]  # every unread weight is this one (a filter's constant 1.0)
            elif (doc in sets[key]) if members else bound[key] > 0:
                upper += bound[key]
        if not members and any(all(doc not in seen[k] and not bound[k] for k in group) for group in groups):
            continue  # a group none of whose lists can still hold the passage
        (open_ if upper else done).append((doc, known, known + upper))
    best_unread = [max(bound[k] for k in group) for group in groups]
    unseen = 0.0 if members or not all(best_unread) else sum(best_unread)
    top = sorted(done, key=lambda x: (-x[1], x[0]))[:TOP]
    if len(top) < TOP:
        return [d for d, _, _ in top] if not open_ and not unseen else None
    tenth = top[-1][1] * (1 - 1e-9)  # a sum in another order may differ in its last bit
    beaten = unseen < tenth and all(up < tenth for _, _, up in open_)
    return [d for d, _, _ in top] if beaten else None


def tier_ends(n: int, first: int, growth: int) -> list[int]:
    ends, size = [], first
    while not ends or ends[-1] < n:
        ends.append(min(n, (ends[-1] if ends else 0) + size))
        size *= growth
    return ends


@dataclass(frozen=True)
class Probe:
    top: list[int]  # what the bound proved
    exact: list[int]  # the top of the whole lists
    results: int
    depth: dict[str, tuple[int, int]]  # key -> (postings read, postings)
    read: int  # bytes of the tiers read
    every: int  # bytes of all tiers
    sets: int  # bytes of the lists' passage sets


def probe(site: Site, query: str, first: int, growth: int, members: bool) -> Probe:
    groups = site.groups(query)
    lists = {key: site.postings(key) for group in groups for key in group}
    exact, results = exact_top(groups, lists)
    ends = {key: tier_ends(len(posts), first, growth) for key, posts in lists.items()}
    level = dict.fromkeys(lists, 0)
    depth = {key: ends[key][0] for key in lists}
    while (top := prove(groups, lists, depth, members)) is None:
        deeper = [key for key in lists if level[key] + 1 < len(ends[key])]
        key = max(deeper, key=lambda k: lists[k][depth[k] - 1][1])  # the highest unread weight
        level[key] += 1
        depth[key] = ends[key][level[key]]

    def size(key: str, j: int) -> int:  # bytes of the key's tier j as a file
        return len(script("u/0-0", chunk(lists[key][ends[key][j - 1] if j else 0:ends[key][j]])))

    return Probe(top, exact, results, {key: (depth[key], len(lists[key])) for key in lists},
                 read=sum(size(key, j) for key in lists for j in range(level[key] + 1)),
                 every=sum(size(key, j) for key in lists for j in range(len(ends[key]))),
                 sets=sum(set_bytes(posts, site.meta["n"]) for posts in lists.values()))


def describe(found: Probe, members: bool) -> str:
    sets = f" + sets {found.sets / 1000:.1f} KB" if members else ""
    depths = ", ".join(f"{key} {read}/{n}" for key, (read, n) in found.depth.items())
    wrong = "" if found.top == found.exact else "  WRONG TOP 10"
    return (f"  {'membership' if members else 'no membership':<14} {found.read / 1000:6.1f} of "
            f"{found.every / 1000:6.1f} KB{sets}  ({depths}; {found.results} results){wrong}")


def set_bytes(posts: list[Posting], passages: int) -> int:
    """Bytes of a list's passage set: a bitmap in base64 or deltas in base 36, the smaller."""
    docs = sorted(doc for doc, _ in posts)
    deltas = sum(len(b36(b - a)) + 1 for a, b in zip([0] + docs[:-1], docs))
    return min(-(-passages // 6), deltas)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.tier_probe", description=__doc__.splitlines()[0])
    p.add_argument("site", help="a built site folder (its search/ files are read)")
    p.add_argument("--query", action="append", help="words and field:value filters (default: issue 12's)")
    p.add_argument("--first", type=int, default=128, help="postings in a list's first tier (default 128)")
    p.add_argument("--growth", type=int, default=4, help="each later tier is this many times larger (default 4)")
    args = p.parse_args(argv)
    site = Site(Path(args.site))
    for query in args.query or QUERIES:
        print(f"{query!r}, tiers of {args.first} x{args.growth}:")
        for members in (False, True):
            print(describe(probe(site, query, args.first, args.growth, members), members))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
