"""cues.tsv states its rules in columns (requires, after, not_after, flags),
not in its note; a user's cues.tsv uses the same columns."""
import json
import os
import re
import subprocess
import sys
from pathlib import Path

from store.nlp.cues import CUE_FLAGS, build_cue_index
from store.nlp.dictionaries import Dictionaries
from store.text.arabic import normalize, tokenize

DATA = Path(__file__).resolve().parent.parent / "store" / "data"
HEADER = "event_type\tpattern\trole\tnot_after\trequires\tafter\tflags\tnote\n"


def _cues(index, words):
    return index.by_tokens.get(tuple(t.norm for t in tokenize(words)), [])


def test_a_row_gives_its_cue_conditions_and_flags():
    row = {"event_type": "territory_taken", "pattern": "~طهر", "role": "past", "not_after": "",
           "requires": "من|داخل", "after": "", "flags": "negated|killing", "note": "requires: في"}
    cue = _cues(build_cue_index([row]), "طهرت")[0]
    assert cue.requires == {normalize("من"), normalize("داخل")}
    assert cue.flags == {"negated", "killing"} and cue.has("killing") and not cue.has("loss")
    assert cue.after == frozenset()  # the note is prose: «requires: في» there is no condition


def test_the_shipped_notes_hold_no_rules_and_every_flag_is_known_and_documented():
    shipped = Dictionaries(include_user=False).cues
    directive = re.compile(r"^(requires|after|killing|generic)\b|sets:")
    assert not [r["pattern"] for r in shipped if directive.search(r.get("note") or "")]
    used = {f for r in shipped for f in (r.get("flags") or "").split("|") if f}
    assert used == set(CUE_FLAGS)
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    assert all(f"| `{flag}` |" in readme for flag in CUE_FLAGS)
    columns = (DATA / "cues.tsv").read_text(encoding="utf-8").split("\nevent_type\t")[1].split("\n")[0]
    assert all(f"| {col} |" in readme for col in ("event_type\t" + columns).split("\t"))


ARTICLE = """---
title: معارك ريف حماة
published: 2019-05-22
---
نظفت القوات العراقية بلدة القيارة من عناصر داعش أمس.

نظفت القوات العراقية بلدة القيارة أمس.

عجزت قوات النظام عن السيطرة على بلدة اللطامنة أمس.
"""


def _extract(tmp_path, folder):
    art = tmp_path / "a.md"
    art.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / f"{folder.name}.jsonl"
    subprocess.run([sys.executable, "-m", "tui.cli", "extract", str(art), "-o", str(out)], check=True,
                   capture_output=True, env={**os.environ, "CONFLICTUI_DICT_DIR": str(folder)})
    record = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    return {(e["rule"], e["place"], e["negated"]) for e in record["events"]}


def test_a_users_cue_with_a_requires_column_and_a_flag_reaches_extraction(tmp_path):
    none, folder = tmp_path / "none", tmp_path / "dicts"
    folder.mkdir()
    (folder / "cues.tsv").write_text(HEADER + "territory_taken\t~نظف\tpast\t\tمن\t\t\t\n"
                                     "territory_taken\t~عجز\tpast\t\tالسيطرة\t\tnegated\tfailed to take\n",
                                     encoding="utf-8")
    before, after = _extract(tmp_path, none), _extract(tmp_path, folder)
    assert not any("~نظف" in rule or "~عجز" in rule for rule, _, _ in before)
    # «نظفت ... من»: the cue; without «من» after it, the requires column keeps it out
    assert ("territory_taken:past:~نظف", "al-qayyarah", False) in after
    assert [rule for rule, _, _ in after].count("territory_taken:past:~نظف") == 1
    # «عجزت ... عن السيطرة»: the user's flag negates the act
    assert ("territory_taken:past:~عجز", "al-latamneh", True) in after
