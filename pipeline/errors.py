"""The one exception type readers raise for input they cannot use.

Why a type of its own: ingest turns it into a one-line message naming the file and the
reason and a row in the errors table, and goes on with the other files; any other
exception is a bug and is reported as such (``internal_error``).
"""
from __future__ import annotations

import traceback
from pathlib import Path


class InputError(Exception):
    """A file that cannot be read as a plan: empty, junk, encrypted, no text, too large."""


def internal_error(e: BaseException) -> str:
    """One line for an unexpected failure while reading a file: the exception and where it
    was raised, so a user can report it and the other files go on."""
    tb = traceback.extract_tb(e.__traceback__)
    where = f" ({Path(tb[-1].filename).name}:{tb[-1].lineno})" if tb else ""
    return f"internal error {type(e).__name__}: {e}{where}"
