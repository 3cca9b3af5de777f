"""store/data/datasette.json, the Datasette metadata of a store, names
only tables and columns that the schema makes, and describes all of them."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from store.db.schema import connect, ensure_schema
from store.settings import db_path

METADATA = Path(__file__).parents[1] / "store" / "data" / "datasette.json"


@pytest.fixture(scope="module")
def columns(tmp_path_factory) -> dict[str, set[str]]:
    """{table: its columns} of a new store, without the search index."""
    db = connect(tmp_path_factory.mktemp("datasette") / "conflictui.db")
    ensure_schema(db)
    out = {t: set(db[t].columns_dict) for t in db.table_names() if not t.startswith("sentences_fts")}
    db.conn.close()
    return out


@pytest.fixture(scope="module")
def tables() -> dict[str, dict]:
    meta = json.loads(METADATA.read_text(encoding="utf-8"))
    (name,) = meta["databases"]  # one database
    assert name == Path(db_path({})).stem  # Datasette matches it by the file's name: the default store's
    return meta["databases"][name]["tables"]


def _named_columns(table: dict) -> set[str]:
    named = set(table.get("columns", {})) | set(table.get("facets", []))
    named |= {table[k] for k in ("label_column", "sort", "sort_desc") if k in table}
    return named


def test_metadata_names_only_what_the_schema_makes(tables, columns):
    unknown_tables = set(tables) - set(columns)
    assert not unknown_tables
    unknown = {t: sorted(_named_columns(spec) - columns[t]) for t, spec in tables.items()}
    assert not {t: c for t, c in unknown.items() if c}


def test_every_table_and_column_is_described(tables, columns):
    assert set(columns) - set(tables) == set()
    for name, cols in columns.items():
        assert tables[name].get("description"), name
        described = {c for c, text in tables[name].get("columns", {}).items() if text.strip()}
        assert cols - described == set(), name


def test_ids_that_link_have_labels(tables):
    """The tables that other tables' keys point at show a readable label."""
    for name in ("articles", "sentences", "actors", "places", "events"):
        assert tables[name].get("label_column"), name
