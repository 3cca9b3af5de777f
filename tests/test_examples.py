"""The example names of the filter bar and `conflictui --help` are data
(tui/examples.toml; tests/test_architecture.py keeps Arabic constants out
of Python), and they name something the samples hold."""

from __future__ import annotations

import re

from click.testing import CliRunner

from store.db.query import EventStore
from tui import examples
from tui.examples import ACTOR, TOWN

ARABIC_WORD = re.compile("[\u0621-\u064a]{2,}")


def test_the_examples_name_the_same_thing_in_both_languages(sample_store):
    store = EventStore(sample_store)
    assert ARABIC_WORD.search(ACTOR.ar) and ARABIC_WORD.search(TOWN.ar)
    assert store.resolve("actor", ACTOR.ar) == store.resolve("actor", ACTOR.en) != ()
    assert set(store.resolve("place", TOWN.ar)) & set(store.resolve("place", TOWN.en))


def test_the_help_and_the_placeholders_show_them(sample_store):
    from textual.widgets import Input

    from tests.test_app import SIZE, run_async, settle
    from tui.app import ConflictApp
    from tui.cli.main import main

    out = CliRunner().invoke(main, ["--help"]).output
    assert f'--actor {ACTOR.ar} --town "{TOWN.ar}"' in out

    @run_async
    async def placeholders():
        app = ConflictApp(sample_store, shaping=False)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            fields = [app.query_one(f"#filter-{k}", Input) for k in ("actor", "town")]
            return [(f._logical_placeholder, f.placeholder) for f in fields]

    full = [f"{ACTOR.en}, {ACTOR.ar} …", f"{TOWN.en}, {TOWN.ar} …"]
    shown = placeholders()
    assert [logical for logical, _ in shown] == full
    for text, (_, drawn) in zip(full, shown):  # drawn cut to its field (in logical order: shaping is off)
        assert drawn == text or (drawn.endswith("…") and text.startswith(drawn[:-1]) and len(drawn) > 4)


def test_a_broken_examples_file_leaves_the_english_names(tmp_path):
    bad = tmp_path / "examples.toml"
    bad.write_bytes(b"[actor\nen = \xff")
    loaded = examples.load(bad)
    assert loaded["actor"].placeholder() == "ISIS …" and loaded["town"].ar == ""
    assert examples.load(tmp_path / "missing.toml")["town"].en == "Deir ez-Zor"
