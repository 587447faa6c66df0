"""Temporary files written beside their destination and renamed into place.

A file (or folder) is written as ``.<name>.<pid>.<random>.tmp`` next to ``<name>`` and renamed
over it when whole, so a reader never sees half of it. A process killed midway (kill -9)
leaves its temporary behind: the next writer of the same name removes those whose process is
no longer alive, and no reader looks at names starting with a dot.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

#: Leftovers without a readable process id (older versions) are removed after this long.
ORPHAN_SECONDS = 3600


def prefix(name: str) -> str:
    """The prefix of this process's temporary files for the destination ``name``.

    >>> prefix("findings.jsonl").startswith(".findings.jsonl.")
    True
    """
    return f".{name}.{os.getpid()}."


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_leftovers(parent: Path, name: str) -> list[Path]:
    """Remove the temporaries of ``name`` in ``parent`` left by processes that are gone;
    returns what was removed."""
    removed: list[Path] = []
    if not parent.is_dir():
        return removed
    head = f".{name}."
    for path in parent.iterdir():
        if not (path.name.startswith(head) and path.name.endswith(".tmp")):
            continue
        pid_text = path.name[len(head) :].split(".", 1)[0]
        if pid_text.isdigit():
            if int(pid_text) == os.getpid() or _alive(int(pid_text)):
                continue
        elif time.time() - path.stat().st_mtime < ORPHAN_SECONDS:
            continue
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
        removed.append(path)
    return removed
