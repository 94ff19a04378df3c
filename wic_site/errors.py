"""Errors meant for the person running the build: the CLI prints them as one line."""


class UserError(Exception):
    """A problem with the input or the command line; exit status 2, no traceback."""

    exit_status = 2
