"""wic-site: a static corpus explorer for World Internet Conference news articles."""

__version__ = "0.1.0"
