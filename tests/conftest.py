"""Shared fixtures: stores built through the normal ingest path.

Stores are built once per session into a template and copied for each test,
so a test may write to its store freely. Never hard-code what extraction
yields (counts, names): extraction improves and the numbers move; compute
expectations from the store with the query API instead.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SAMPLE_ARTICLES = REPO / "sample_articles"
APP_FIXTURE_ARTICLES = REPO / "tests" / "fixtures" / "app" / "articles.jsonl"


def build_store(path: Path, sources: list[Path]) -> Path:
    """Ingest `sources` into a new store at `path` (as `conflictui ingest`),
    given relative to the checkout as a user would type them: the stored
    paths (drawn in the app's detail pane) are then the same on every
    machine, and the app snapshots do not depend on where the repo is."""
    import os

    from store.db.ingest import ingest

    here = os.getcwd()
    os.chdir(REPO)
    try:
        summary = ingest(str(path), [os.path.relpath(s, REPO) if Path(s).resolve().is_relative_to(REPO) else str(s)
                                     for s in sources])
    finally:
        os.chdir(here)
    assert summary.ok, [str(f) for f in summary.failures]
    return path


def _copy_store(template: Path, dest_dir: Path, name: str = "store.db") -> Path:
    dest = dest_dir / name
    for suffix in ("", "-wal", "-shm"):
        src = Path(str(template) + suffix)
        if src.exists():
            shutil.copyfile(src, Path(str(dest) + suffix))
    return dest


@pytest.fixture(scope="session")
def disputes_db(tmp_path_factory) -> Path:
    """The samples and our own articles (among them the dispute articles),
    ingested once for the tests that only read it."""
    path = tmp_path_factory.mktemp("disputes") / "store.db"
    return build_store(path, [SAMPLE_ARTICLES, REPO / "tests" / "articles"])


@pytest.fixture(scope="session")
def _sample_store_template(tmp_path_factory) -> Path:
    return build_store(tmp_path_factory.mktemp("sample-store") / "store.db", [SAMPLE_ARTICLES])


@pytest.fixture(scope="session")
def _tiny_store_template(tmp_path_factory) -> Path:
    return build_store(tmp_path_factory.mktemp("tiny-store") / "store.db", [APP_FIXTURE_ARTICLES])


@pytest.fixture
def sample_store(tmp_path, _sample_store_template) -> Path:
    """A store holding the 5 bundled sample articles (a fresh copy)."""
    return _copy_store(_sample_store_template, tmp_path)


@pytest.fixture
def tiny_store(tmp_path, _tiny_store_template) -> Path:
    """A store of the 3 short articles in tests/fixtures/app/articles.jsonl."""
    return _copy_store(_tiny_store_template, tmp_path)


@pytest.fixture(autouse=True)
def _user_config_in_tmp(tmp_path_factory, monkeypatch):
    """The app reads and writes the user config (keymap.toml: the keymap
    and the table's columns): a test never touches the real one. A test
    that wants one sets $CONFLICTUI_KEYMAP itself."""
    monkeypatch.setenv("CONFLICTUI_KEYMAP", str(tmp_path_factory.mktemp("config") / "keymap.toml"))
