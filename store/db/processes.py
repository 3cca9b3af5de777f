"""Processes that must not outlive the one that started them.

An ingest extracts in worker processes. When the ingest is killed (SIGTERM,
SIGHUP, even SIGKILL), its workers must go too: left behind they burn CPU
and keep what they inherited (the store's ingest lock) for ever.
"""
from __future__ import annotations

import os


def process_alive(pid: int) -> bool:
    """Whether a process with this id exists (one we may not signal counts)."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True
    return True
