"""The Arabic words the store and its reports use live in store/data:
the ACLED export's outlets (outlets.tsv) and sub-event words
(acled_sub_events.tsv) are data, and no module of store/db or store/report
holds an Arabic string constant."""
from __future__ import annotations

import ast
import unicodedata
from pathlib import Path

from store.nlp.event_types import event_types
from store.report.export import OUTLETS, SUB_EVENT_RULES, _outlet, acled_types

STORE = Path(__file__).parents[1] / "store"


def _arabic_letters(text: str) -> int:
    return sum(1 for ch in text if unicodedata.category(ch).startswith("L")
               and unicodedata.name(ch, "").startswith("ARABIC"))


def _arabic_constants(path: Path) -> list[tuple[int, str]]:
    """(line, value) of each str constant with two Arabic letters or more
    that is not a docstring."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                docstrings.add(id(first.value))
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
            and _arabic_letters(node.value) >= 2]


def test_no_arabic_string_constants_in_db_and_report():
    found = {str(p.relative_to(STORE)): _arabic_constants(p)
             for folder in ("db", "report") for p in sorted((STORE / folder).glob("*.py"))}
    assert {k: v for k, v in found.items() if v} == {}


def test_sub_event_rules_name_known_types_and_their_acled_sub_events():
    types = {t.id: t for t in event_types()}
    assert SUB_EVENT_RULES
    for event_type, rules in SUB_EVENT_RULES.items():
        assert event_type in types, event_type
        for rule in rules:
            assert rule.sub_event_type in types[event_type].acled_sub_event_types, (event_type, rule)


def test_sub_event_words_choose_the_sub_event():
    planted = {"event_type": "suicide_or_ied", "sentence": "انفجرت عبوة ناسفة على طريق القرية"}
    suicide = {"event_type": "suicide_or_ied", "sentence": "فجر انتحاري عبوة ناسفة عند الحاجز"}
    assert acled_types(planted) == ("Explosions/Remote violence", "Remote explosive/landmine/IED")
    assert acled_types(suicide) == ("Explosions/Remote violence", "Suicide bomb")
    # the first report's rule, when given, is what is read, not the sentence
    assert acled_types(planted, rule="suicide_or_ied:noun:انتحاري")[1] == "Suicide bomb"
    assert acled_types({"event_type": "suicide_or_ied", "sentence": "A roadside IED"})[1].startswith("Remote")


def test_outlets_come_from_the_data_file():
    assert len(OUTLETS) >= 20 and all(names and scale in {"National", "International"}
                                      for names, _, scale in OUTLETS)
    assert _outlet("وكالة سانا") == ("SANA", "National")
    assert _outlet("قناة الجزيرة") == ("Al Jazeera", "International")
    assert _outlet("Reuters") == ("Reuters", "International")  # compared in lower case
    assert _outlet("جريدة محلية") == ("جريدة محلية", "")
