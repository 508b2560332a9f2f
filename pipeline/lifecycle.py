"""Processes that die with the one that started them (Linux ``PR_SET_PDEATHSIG``).

Why one place: the ingest's workers and ``serve``'s Datasette child both ask the kernel to
SIGTERM them when their parent ends, even by SIGKILL, so nothing outlives a killed command.
"""
from __future__ import annotations

import ctypes
import signal

_PR_SET_PDEATHSIG = 1


def term_with_parent() -> bool:
    """Have the kernel SIGTERM this process when its parent ends; False where it cannot
    (not Linux). SIGTERM, not SIGKILL, so the process may take its own children along."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    except (OSError, AttributeError):
        return False
    return True
