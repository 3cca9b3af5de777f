"""End-to-end review (issue 13): in a real terminal (tmux) the analyst
rejects, confirms and edits events and adds a missing town to the user
dictionary; then a later article is ingested, `conflictui reextract` runs
with the changed dictionary, and every correction is still applied, in
the app and in every export format.

The corpus is our own (tests/test_corrections.py, tests/test_app_review.py):
one raid told by two outlets, one town each side says it took, and a
shelling of a town no shipped dictionary knows.
"""

from __future__ import annotations

import csv
import json
import subprocess
import time
from pathlib import Path

from store.db.query import EventFilter, EventStore
from store.nlp.dictionaries import Dictionaries
from store.report.export import FORMATS
from tests.e2e.tmux_support import conflictui, keys, launch, needs_tmux, quit_app, wait_for
from tests.test_app_review import UNKNOWN_TOWN
from tests.test_corrections import CONTROL, LATER, RAID, make_store, write_articles

pytestmark = needs_tmux

TOWN_AR = "تل المعزولة الكبير"  # the town of UNKNOWN_TOWN
TOWN_ID = "tall-al-maazula"  # the id the dialog makes of its English name


def _events(db: Path, **flt) -> dict[tuple, dict]:
    """{(article of the first report, event_type, actor1): values as the
    store shows them}: the ids change on re-extraction, these do not."""
    store = EventStore(db)
    try:
        out = {}
        for r in store.page(EventFilter(**flt), 0, 1000):
            article = Path(store.detail(r.id).reports[0].article_path).name
            out[(article, r.event_type, r.actor1_id)] = {
                "id": r.id, "place": r.place_id, "date": r.date, "fatalities": r.fatalities,
                "n_reports": r.n_reports, "review": r.review or "unreviewed"}
        return out
    finally:
        store.close()


def _chosen(events: dict) -> dict[str, tuple]:
    """The events the analyst reviews, by what the extractor gives today:
    the raid told by two outlets, the shelling of the unknown town, and
    two events of the control articles (one confirmed, one rejected)."""
    (raid,) = [k for k, v in events.items() if k[0] in RAID and v["n_reports"] == 2]
    (town,) = [k for k in events if k[0] in UNKNOWN_TOWN]
    control = sorted(k for k in events if k[0] in CONTROL)
    assert len(control) >= 2, control
    return {"confirmed": control[-1], "rejected": control[0], "town": town, "edited": raid}


def _cursor_to(session: str, db: Path, event_id: int) -> None:
    """The cursor onto the event: find by id (ctrl+f, #id; the footer
    shows the find keys while the bar has the focus)."""
    keys(session, "C-f")
    wait_for(session, lambda s: "^f Find" in s, what="the find bar")
    _type(session, "End", "C-u", literal=f"#{event_id}")  # the bar keeps the last search
    wait_for(session, lambda s: f"#{event_id}" in s, what="the typed id")
    keys(session, "Enter")
    wait_for(session, lambda s: f"Event {event_id}" in s, what=f"the detail of event {event_id}")
    time.sleep(0.5)


def _type(session: str, *names: str, literal: str) -> None:
    """Keys into a dialog, each given time to move the focus before the
    next (a loaded machine draws slowly), then the text."""
    time.sleep(0.5)
    for name in names:
        keys(session, name)
        time.sleep(0.5)
    keys(session, literal=literal)


def _review_in_the_app(tmp_path: Path, session: str, db: Path, env: dict, ids: dict, total: int) -> None:
    launch(tmp_path, session, db, 160, 48, env=env)
    wait_for(session, lambda s: f"{total:,} events" in s, what=f"{total} events")
    # reject the rebels' claim (the newest event: the cursor is on it)
    _cursor_to(session, db, ids["rejected"])
    keys(session, "Delete")
    wait_for(session, lambda s: "(1 rejected)" in s, what="the rejection on the status line")
    # confirm the army's taking of the town
    _cursor_to(session, db, ids["confirmed"])
    keys(session, "v")
    wait_for(session, lambda s: "reviewed 1/" in s, what="the confirmation on the status line")
    # add the unknown town: + opens the dialog on the event's sentence
    _cursor_to(session, db, ids["town"])
    keys(session, "+")
    wait_for(session, lambda s: "English name" in s, what="the add-name dialog")
    time.sleep(0.5)
    _type(session, literal=TOWN_AR)
    _type(session, "Tab", "Tab", literal="Tall al-Maazula")  # past "add as" (place) to the English name
    wait_for(session, lambda s: "Tall al-Maazula" in s and TOWN_ID in s, what="the English name and its id")
    _type(session, "Tab", "Tab", "Tab", literal="SY-HL")  # past the id and the kind to the parent
    wait_for(session, lambda s: "SY-HL" in s, what="the parent")
    keys(session, "Enter")  # the coordinates are the parent's
    wait_for(session, lambda s: "Added the place" in s, what="the added place")
    # edit the raid: its date and the toll of the other outlet
    _cursor_to(session, db, ids["edited"])
    keys(session, "E")
    wait_for(session, lambda s: f"Correct event {ids['edited']}" in s, what="the edit dialog")
    _type(session, "Tab", "Tab", "Tab", "End", "C-u", literal="2019-05-13")  # actor1 > actor2 > place > date
    wait_for(session, lambda s: "2019-05-13" in s, what="the typed date")
    _type(session, "Tab", "Tab", "End", "C-u", literal="36")  # > precision > fatalities
    keys(session, "Enter")
    wait_for(session, lambda s: "reviewed 2/" in s, what="the edit on the status line")
    quit_app(session)


def _cli(db: Path, env: dict, *args: str) -> str:
    import os

    out = subprocess.run([*conflictui(), "--db", str(db), *args], capture_output=True, text=True, timeout=300,
                         env={**os.environ, **env})
    assert out.returncode == 0, out.stderr
    return out.stdout


def _exported(db: Path, env: dict, fmt: str, path: Path, *more: str) -> list[dict]:
    """The records an export writes, as {review, fatalities, date?} per event."""
    _cli(db, env, "export", "--format", fmt, "-o", str(path), *more)
    text = path.read_text(encoding="utf-8-sig")
    if fmt in ("csv", "acled"):
        rows = list(csv.DictReader(text.splitlines()))
    elif fmt == "jsonl":
        rows = [json.loads(line) for line in text.splitlines() if line.strip()]
    elif fmt == "json":
        rows = json.loads(text)
    elif fmt == "geojson":
        rows = [f["properties"] for f in json.loads(text)["features"]]
    else:  # markdown: one "review: ..." line per event
        return [{"review": line.split("review:", 1)[1].strip().strip("`*")} for line in text.splitlines()
                if "review:" in line]
    return [{"review": r.get("review") or "unreviewed", "fatalities": int(r.get("fatalities") or 0),
             "date": r.get("date") or r.get("event_date")} for r in rows]


def test_reviews_survive_reingest_and_reextract_in_the_app_and_every_export(tmp_path, session):
    user = tmp_path / "dicts"
    user.mkdir()
    env = {"CONFLICTUI_DICT_DIR": str(user)}
    db = make_store(tmp_path, Dictionaries(user_dir=user), {**RAID, **CONTROL, **UNKNOWN_TOWN})
    before = _events(db)
    chosen = _chosen(before)
    ids = {what: before[key]["id"] for what, key in chosen.items()}
    assert before[chosen["town"]]["place"] != TOWN_ID
    _review_in_the_app(tmp_path, session, db, env, ids, len(before))
    assert (user / "places.tsv").read_text(encoding="utf-8").count(TOWN_ID) == 1

    # a later outlet's report of the raid, then re-extraction with the new town
    _cli(db, env, "ingest", str(tmp_path / "in0"), str(write_articles(tmp_path / "later", LATER)))
    _cli(db, env, "reextract", "--quiet")
    after = _events(db)
    assert chosen["rejected"] not in after
    assert _events(db, include_rejected=True)[chosen["rejected"]]["review"] == "rejected"
    assert after[chosen["confirmed"]]["review"] == "confirmed"
    raid = after[chosen["edited"]]
    assert (raid["date"], raid["fatalities"], raid["n_reports"], raid["review"]) == ("2019-05-13", 36, 3, "corrected")
    assert after[chosen["town"]]["place"] == TOWN_ID  # the added town is found

    # in the app: the review counts, the marks, and the edited values
    launch(tmp_path, session + "b", db, 160, 48, env=env)
    try:
        text = wait_for(session + "b", lambda s: f"reviewed 2/{len(after)} (1 rejected)" in s, what="the review counts")
        assert "●" in text and "✎" in text  # the confirmed and the corrected event are marked
        _cursor_to(session + "b", db, raid["id"])
        wait_for(session + "b", lambda s: "2019-05-13" in s and "36" in s, what="the corrected raid")
        quit_app(session + "b")
    finally:
        from tests.e2e.tmux_support import end_session

        end_session(session + "b")

    # every export format: the corrected values, the review column, no rejected event
    want = sorted((v["review"], v["fatalities"] or 0) for v in after.values())
    for fmt in FORMATS:
        got = _exported(db, env, fmt, tmp_path / f"out.{fmt}")
        assert sorted(r["review"] for r in got) == sorted(r for r, _ in want), fmt
        if fmt != "markdown":
            (edited,) = [r for r in got if r["review"] == "corrected"]
            assert edited["fatalities"] == 36, fmt
            assert fmt == "acled" or edited["date"].startswith("2019-05-13"), fmt  # ACLED writes its own date form
        kept = _exported(db, env, fmt, tmp_path / f"all.{fmt}", "--include-rejected")
        assert sorted(r["review"] for r in kept) == sorted([r for r, _ in want] + ["rejected"]), fmt
