"""Command line: `wic-site build|search|serve`. User errors become one line and exit status 2;
Ctrl-C and SIGTERM print `wic-site: interrupted` and exit 130 and 143 (128 + the signal)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from .errors import UserError

COMMANDS = ("build", "search", "serve")


def main(argv: Sequence[str] | None = None, *, from_build_py: bool = False) -> int:
    """Run one command; from build.py a leading --help is build's, as build.py is `wic-site build`."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    top_level_help = args_list[:1] in (["-h"], ["--help"]) and not from_build_py
    if not args_list or (args_list[0] not in COMMANDS and not top_level_help):
        args_list.insert(0, "build")  # `python build.py --out x` means `wic-site build --out x`
    args = _parser().parse_args(args_list)
    from .workers import signals_end_build, signals_interrupt

    try:
        with signals_interrupt() if args.command == "serve" else signals_end_build():
            return args.run(args)
    except UserError as exc:
        print(f"wic-site: error: {exc}", file=sys.stderr)
        return exc.exit_status
    except KeyboardInterrupt:
        print("wic-site: interrupted", file=sys.stderr)
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="wic-site", description="Build a static explorer site from a folder of WIC news articles."
    )
    sub = parser.add_subparsers(dest="command", required=True)

    build = sub.add_parser("build", help="read, extract, index and render the site (the default)")
    _add_build_options(build)
    build.add_argument("--report", action="store_true", help="print one row per article to check extraction")
    build.set_defaults(run=_run_build)

    search = sub.add_parser("search", help="query the Whoosh index from the terminal")
    search.add_argument("query", nargs="+", help="query in the search syntax (see README)")
    search.add_argument("--index", default=".wic-index", metavar="DIR", help="index folder (default .wic-index/)")
    search.add_argument("--json", action="store_true", help="print results as JSON")
    search.add_argument("--limit", type=int, default=10, metavar="N", help="number of results (default 10)")
    search.set_defaults(run=_run_search)

    serve = sub.add_parser("serve", help="build, serve on localhost, rebuild on change")
    _add_build_options(serve)
    serve.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    serve.set_defaults(run=_run_serve)
    return parser


def _add_build_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--seeds", default="seeds", metavar="DIR", help="corpus folder (default seeds/)")
    parser.add_argument("--out", default="_site", metavar="DIR", help="output folder (default _site/)")
    parser.add_argument("--index", default=".wic-index", metavar="DIR", help="Whoosh index folder (default .wic-index/)")
    parser.add_argument("--cache", metavar="DIR", help="cache folder (default .wic-cache/ beside the index folder)")
    from .config import LOCK_WAIT_SECONDS

    wait = parser.add_mutually_exclusive_group()
    wait.add_argument("--wait", type=float, default=LOCK_WAIT_SECONDS, metavar="SECONDS",
                      help=f"if another build holds the cache folder, wait this long for it (default {LOCK_WAIT_SECONDS:g})")
    wait.add_argument("--no-wait", dest="wait", action="store_const", const=0.0,
                      help="if another build holds the cache folder, stop at once (exit 2)")
    parser.add_argument("--base-url", metavar="URL", help="absolute site URL: enables sitemap.xml, feed.xml, canonical links and absolute links on 404.html")
    parser.add_argument("--aliases", metavar="FILE", help="YAML alias list (default <seeds>/aliases.yaml if present)")
    parser.add_argument("--taxonomy", metavar="FILE", help="YAML topic taxonomy (default: the one shipped)")
    parser.add_argument("--jobs", type=int, metavar="N", help="worker processes (default: all cores)")
    loud = parser.add_mutually_exclusive_group()
    loud.add_argument("--quiet", "-q", action="store_true", help="print errors only")
    loud.add_argument("--verbose", "-v", action="store_true", help="print every stage and warning")


def _config_from(args: argparse.Namespace):
    from .config import load_config

    return load_config(
        args.seeds, args.out, args.index, base_url=args.base_url, aliases=args.aliases, taxonomy=args.taxonomy,
        jobs=args.jobs, quiet=args.quiet, verbose=args.verbose, cache=args.cache, lock_wait=args.wait,
    )


def _run_build(args: argparse.Namespace) -> int:
    from .pipeline import build

    config = _config_from(args)
    report = build(config)
    for problem in report.problems:
        print(f"wic-site: warning: {problem}", file=sys.stderr)
    if args.report:
        from .report import format_report

        print(format_report(report))
    if config.verbose:
        for stage, seconds in report.timings.items():
            print(f"  {stage:<8} {seconds:7.3f} s")
    if not config.quiet:
        print(f"Built {config.out_dir}/: {report.summary()}")
    return 0


def _run_search(args: argparse.Namespace) -> int:
    from .search_index import print_search

    if args.limit < 1:
        raise UserError(f"--limit {args.limit}: must be 1 or more")
    return print_search(" ".join(args.query), index_dir=args.index, as_json=args.json, limit=args.limit)


def _run_serve(args: argparse.Namespace) -> int:
    from .serve import serve

    return serve(_config_from(args), host=args.host, port=args.port)
