"""The app draws every stored string through the store's cleaning
(store/text/textsafe.py), whichever way the string reached the store: a
title, a sentence or a name holding a terminal escape (OSC 0 renames the
window, SGR 5 blinks, RLO reverses the line) never reaches the terminal.

The store here is written past ingest's own cleaning, as a line of
`ingest --extracted` or an older store could hold it, and the test reads
what the app would write to the terminal for the whole screen."""

from __future__ import annotations

import json
import sqlite3

import pytest

from tests.test_app import SIZE, run_async, settle
from tui.app import ConflictApp
from tui.widgets.common import inert_with_spans
from tui.widgets.detail import EventDetailView

OSC_TITLE = "\x1b]0;pwned\x07"  # renames the terminal window or tmux pane
BLINK = "\x1b[5;31m"
CLEAR = "\x1b[2J"
RLO = "\u202e"
PAYLOADS = (OSC_TITLE, "\x1b]0;", BLINK, CLEAR, RLO, "\x07")
PREFIX = f"{OSC_TITLE}{BLINK}{RLO}"  # put before each sentence: its spans move by len(PREFIX)


def poison(db) -> None:
    """Escapes in titles, sources, sentences, rules and names, as they
    would be if they had reached the store uncleaned."""
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("update articles set title = ? || 'Zorbatitle' || ? || coalesce(title, '') || ?,"
                     " source = ? || 'Zorbasource'", (OSC_TITLE, BLINK, RLO, CLEAR))
        conn.execute("update sentences set text = ? || text", (PREFIX,))
        for report_id, spans in conn.execute("select id, spans from reports").fetchall():
            moved = {role: [s + len(PREFIX), e + len(PREFIX)] for role, (s, e) in json.loads(spans or "{}").items()}
            conn.execute("update reports set spans = ?, rule = ? || rule where id = ?",
                         (json.dumps(moved), BLINK, report_id))
        conn.execute("update actors set name_en = ? || name_en || ?, name_ar = ? || name_ar", (OSC_TITLE, BLINK, RLO))
        conn.execute("update places set name_en = ? || name_en, name_ar = name_ar || ?", (BLINK, OSC_TITLE))
    conn.close()


def drawn(app) -> str:
    """What the app would write to the terminal for the whole screen."""
    return app.screen._compositor.render_update(full=True).render_segments(app.console)


def assert_inert(text: str) -> None:
    found = [p for p in PAYLOADS if p in text]
    assert not found, f"escape sequences reached the terminal: {found!r}"


@pytest.mark.parametrize("shaping", [False, True])
@run_async
async def test_stored_escapes_never_reach_the_terminal(tiny_store, shaping):
    poison(tiny_store)
    app = ConflictApp(tiny_store, shaping=shaping)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = drawn(app)
        assert "Zorbatitle" in screen  # the poisoned title is drawn (the detail pane)
        assert_inert(screen)
        for keys in (("n",), ("n",), ("2",), ("3",)):  # names: Arabic, English; the other tabs
            await pilot.press(*keys)
            await settle(app, pilot)
            assert_inert(drawn(app))


@run_async
async def test_highlighted_spans_stay_on_their_words_after_cleaning(tiny_store):
    poison(tiny_store)
    app = ConflictApp(tiny_store, shaping=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        rep = app.query_one(EventDetailView).detail.reports[0]
        trig = rep.spans.get("trigger")
        if not trig:
            pytest.skip("no trigger span in the first report")
        word = rep.sentence[trig[0]:trig[1]]
        text = app.query_one(EventDetailView).render_detail(100)
        styled = [text.plain[s.start:s.end] for s in text.spans if s.style == "bold reverse red"]
        assert word in styled


def test_inert_with_spans_moves_spans_onto_the_same_characters():
    text = f"{OSC_TITLE}قصف{BLINK} الطيران {RLO}مدينة"
    spans = {"trigger": [text.index("قصف"), text.index("قصف") + 3],
             "place": [text.index("مدينة"), len(text)], "broken": [0, 10 ** 6], "odd": "x"}
    clean, moved = inert_with_spans(text, spans)
    assert clean == "قصف الطيران مدينة"
    assert clean[slice(*moved["trigger"])] == "قصف"
    assert clean[slice(*moved["place"])] == "مدينة"
    assert "broken" not in moved and "odd" not in moved
