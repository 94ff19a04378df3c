"""Benchmark harness for wic-site: a synthetic corpus, a timed build, a MkDocs comparison.

Not part of the package and not run in CI; see README, "Benchmark".
"""
