"""The closed word classes are data (store/data/lexicon.tsv) that a user extends."""
import json
import os
import subprocess
import sys

import pytest

from store.nlp.lexicon import Lexicon, load_lexicon
from store.text.arabic import normalize


def _lex(*rows):
    return Lexicon({"class": c, "word": w, "value": v} for c, w, v in rows)


def test_a_class_includes_another_with_at():
    lex = _lex(("towns", "بلدة", ""), ("places", "@towns", ""), ("places", "قرية", ""))
    assert lex.words("places") == {normalize("بلدة"), normalize("قرية")}


def test_an_include_cycle_and_an_unknown_class_are_named():
    lex = _lex(("a", "@b", ""), ("b", "@a", ""))
    with pytest.raises(ValueError, match="includes itself"):
        lex.words("a")
    with pytest.raises(KeyError, match="no word class 'missing'"):
        lex.words("missing")


def test_values_keep_file_order_and_leave_out_what_does_not_read():
    lex = _lex(("counts", "ثلاثة", "3"), ("counts", "خمسة", "five"), ("counts", "اثنان", "2"))
    assert lex.values("counts") == {normalize("ثلاثة"): 3, normalize("اثنان"): 2}


def test_a_phrase_class_gives_tuples_and_a_word_class_refuses_phrases():
    lex = _lex(("joins", "بما في ذلك", ""))
    assert lex.phrases("joins") == {tuple(normalize(w) for w in "بما في ذلك".split())}
    with pytest.raises(ValueError, match="not single words"):
        lex.words("joins")


def test_a_phrase_class_is_found_in_tokens_as_a_scan_of_every_phrase_at_every_token_finds_it():
    """found_in (which tries only the tokens a phrase begins with) answers as
    the plain scan does, a phrase cut short by the end included."""
    lex = _lex(("p", "من حين لاخر", ""), ("p", "بين الحين والاخر", ""), ("p", "فجاه", ""))
    phrases = lex.phrases("p")

    def scan(norms):
        return any(tuple(norms[k:k + len(p)]) in phrases for p in phrases for k in range(len(norms)))
    words = [normalize(w) for w in "من حين لاخر بين الحين والاخر فجاه قصف".split()]
    cases = [words[:3], words[3:6], words[6:7], words[1:3] + words[7:], words[:2], words[3:5] + words[:1], [],
             [words[7], words[0], words[1], words[2]], [words[7]] * 4]
    assert [phrases.found_in(c) for c in cases] == [scan(c) for c in cases] == \
        [True, True, True, False, False, False, False, True, False]


def test_the_shipped_lexicon_defines_every_class_the_rules_ask_for():
    from store.nlp import lexicon

    shipped = load_lexicon(include_user=False)
    assert shipped.words("prepositions") <= shipped.words("locatives")  # locatives include @prepositions
    assert lexicon.NUMBER_WORDS[normalize("خمسة")] == 5


ARTICLE = """---
title: غارات على الرقة
published: 2017-06-10
---
يرجح مصدر محلي أن طائرات التحالف الدولي شنت غارات على مدينة الرقة أمس.
"""


def _extract(tmp_path, env):
    art = tmp_path / "a.md"
    art.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / f"out{len(env)}.jsonl"
    subprocess.run([sys.executable, "-m", "tui.cli", "extract", str(art), "-o", str(out), "--force"],
                   check=True, capture_output=True, env={**os.environ, **env})
    record = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    return record["dictionaries"], [(e["event_type"], e["hedged"]) for e in record["events"]]


def test_a_word_added_to_a_class_in_the_user_folder_reaches_extraction(tmp_path):
    folder = tmp_path / "dicts"
    folder.mkdir()
    (folder / "lexicon.tsv").write_text("class\tword\tvalue\nhedges\tيرجح\t\n", encoding="utf-8")
    before_print, before = _extract(tmp_path, {"CONFLICTUI_DICT_DIR": str(tmp_path / "none")})
    after_print, after = _extract(tmp_path, {"CONFLICTUI_DICT_DIR": str(folder)})
    assert before == [("airstrike", False)]
    assert after == [("airstrike", True)]  # «يرجح» now hedges the strike
    assert before_print != after_print  # the fingerprint covers lexicon.tsv


def test_each_shipped_class_is_defined_in_one_place():
    """Rows of one class stand together: a class name that comes back in
    another block is two helpers' classes merged by accident (one name, two
    meanings)."""
    from importlib import resources

    text = (resources.files("store") / "data" / "lexicon.tsv").read_text(encoding="utf-8")
    names = [line.split("\t")[0] for line in text.splitlines() if "\t" in line and not line.startswith("#")][1:]
    seen, again = set(), []
    for prev, name in zip([None, *names], names):
        if name != prev and name in seen:
            again.append(name)
        seen.add(name)
    assert not again, f"classes defined in more than one place in lexicon.tsv: {again}"
