"""Argument types of the ``saylau`` command (light: no heavy import at start)."""

from __future__ import annotations

import argparse

#: The largest id a bigint column holds.
MAX_ID = 2**63 - 1


def row_id(text: str) -> int:
    """An ``argparse`` type for a database id (``--election 3``): a whole number from 1 to what
    a bigint column holds, so that a 24-digit or negative id is a usage error (exit 2), not a
    database traceback (issue 11, item 7).

    >>> row_id("3")
    3
    """
    digits = text.strip()
    if not (digits.isascii() and digits.isdigit()) or len(digits) > 19:
        msg = f"{text[:30]!r} is not an id (a whole number from 1)"
        raise argparse.ArgumentTypeError(msg)
    value = int(digits)
    if not 1 <= value <= MAX_ID:
        msg = f"{text[:30]!r} is not an id (a whole number from 1)"
        raise argparse.ArgumentTypeError(msg)
    return value
