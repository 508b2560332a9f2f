"""The one exception type readers raise for input they cannot use.

Why a type of its own: ingest turns it into a one-line message naming the file and the
reason and a row in the errors table, and goes on with the other files; any other
exception is a bug and is reported as such.
"""


class InputError(Exception):
    """A file that cannot be read as a plan: empty, junk, encrypted, no text, too large."""
