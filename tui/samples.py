"""The bundled sample articles, and when the app may fill a store from them.

A store is filled from the samples only when it holds no article and no
ingest holds its ingest lock (``store.db.ingest.ingest_lock``): a first
ingest that is still extracting has written nothing yet, and the samples
must not land among its articles. When the user named a store that
already exists (``--db``), the app asks first; a store the app itself
creates has nobody else filling it. No Textual here: the app runs
``fill`` in a thread worker and asks with ``tui.screens.confirm``.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from store.db.ingest import IngestBusy, IngestSummary, ingest, ingest_lock

SKIP, BUSY, ASK, FILL = "skip", "busy", "ask", "fill"


def find_sample_articles() -> Path | None:
    """The bundled sample articles: the packaged copy
    (``store/data/sample_articles``) if installed, else the repository's
    ``sample_articles/`` next to the package."""
    try:
        res = resources.files("store").joinpath("data", "sample_articles")
        if res.is_dir():
            return Path(str(res))
    except (ModuleNotFoundError, FileNotFoundError, NotADirectoryError, TypeError):
        pass
    repo = Path(__file__).resolve().parent.parent / "sample_articles"
    return repo if repo.is_dir() else None


def ingest_running(db_path: str) -> bool:
    """True when an ingest holds the store's ingest lock now."""
    try:
        with ingest_lock(db_path, wait=False):
            return False
    except IngestBusy:
        return True
    except OSError:  # no lock to be had (a read-only folder): nobody can be ingesting there
        return False


def plan(empty: bool, busy: bool, ask: bool) -> str:
    """What to do with the samples: SKIP (the store has articles), BUSY
    (an ingest is filling it), ASK (the user named it: ask first) or FILL."""
    if not empty:
        return SKIP
    if busy:
        return BUSY
    return ASK if ask else FILL


def fill(db_path: str, samples: Path, still_empty) -> IngestSummary | None:
    """Ingest the samples into `db_path`, unless the store has filled up
    meanwhile (`still_empty()` is false: None). Raises IngestBusy when an
    ingest holds the lock: the samples never wait for one."""
    if not still_empty():
        return None
    return ingest(db_path, [str(samples)], wait=False)
