"""Processes that must not outlive the one that started them.

An ingest extracts in worker processes. When the ingest is killed (SIGTERM,
SIGHUP, even SIGKILL), its workers must go too: left behind they burn CPU
and keep what they inherited (the store's ingest lock) for ever.
"""
from __future__ import annotations

import os
import signal
import sys

_PR_SET_PDEATHSIG = 1  # linux/prctl.h


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


def die_with_parent(parent: int) -> None:
    """In a worker: be killed when `parent` dies (Linux's PR_SET_PDEATHSIG,
    which holds even when the parent is killed with SIGKILL), and leave
    SIGINT, SIGTERM and SIGHUP to the parent, which stops its workers."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group: the parent handles it
    for sig in (signal.SIGTERM, getattr(signal, "SIGHUP", None)):
        if sig is not None:
            signal.signal(sig, signal.SIG_DFL)
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # the parent died before the line above took effect
        os._exit(1)


class Terminated(KeyboardInterrupt):
    """SIGTERM or SIGHUP, raised where the main process is, so that it
    unwinds as on Ctrl-C: the current transaction rolls back and the
    workers are stopped."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


def raise_on_termination() -> None:
    """In the main process: SIGTERM and SIGHUP raise Terminated."""
    def handler(signum, frame):
        raise Terminated(signum)

    for sig in (signal.SIGTERM, getattr(signal, "SIGHUP", None)):
        if sig is not None:
            signal.signal(sig, handler)
