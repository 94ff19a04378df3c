"""`python build.py [options]` is `wic-site build [options]`; `python build.py search ...` works too."""

from wic_site.cli import main

if __name__ == "__main__":
    raise SystemExit(main(from_build_py=True))
