"""The layout's promises that import-linter cannot see: SQL lives only in
store/db/, environment settings are read only in store/settings.py, and
Arabic words live in store/data/, not in code."""
import ast
import re
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SQL = re.compile(r"^\s*(select\b.*\bfrom\b|insert\s+(or\s+\w+\s+)?into\b|update\s+\w+\s+set\b|delete\s+from\b"
                 r"|pragma\s+\w+|(create|drop)\s+(virtual\s+)?(table|index|view|trigger)\b)", re.I | re.S)


def _modules(*folders: str):
    for folder in folders:
        yield from sorted((ROOT / folder).rglob("*.py"))


def _strings(path: Path):
    """(line, text) of every string constant that is not a docstring."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = {id(n.body[0].value) for n in ast.walk(tree)
            if isinstance(n, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
            and n.body and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs:
            yield node.lineno, node.value


def test_no_sql_outside_store_db():
    found = [f"{p.relative_to(ROOT)}:{line}: {text[:50]!r}"
             for p in _modules("store/text", "store/nlp", "store/report", "tui")
             for line, text in _strings(p) if SQL.match(text)]
    assert not found, "SQL belongs in store/db (the query API):\n" + "\n".join(found)


def test_the_sql_check_sees_sql():
    probe = ROOT / "tests" / "_probe_sql.py"
    probe.write_text('x = "select id from events"\n', encoding="utf-8")
    try:
        assert [t for _, t in _strings(probe) if SQL.match(t)] == ["select id from events"]
    finally:
        probe.unlink()


def test_environment_read_only_in_settings():
    reads = re.compile(r"os\.environ\.get\(|os\.getenv\(|platformdirs\.")
    found = [f"{p.relative_to(ROOT)}:{i}" for p in _modules("store", "tui") if p.name != "settings.py"
             for i, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if reads.search(line)]
    assert not found, "settings are read in store/settings.py:\n" + "\n".join(found)


def test_event_type_tables_follow_the_data_file():
    """README and docs/EVENTS.md show the table made from event_types.tsv,
    and every consumer's list is that file's."""
    from store.nlp.cues import EVENT_TYPES
    from store.nlp.event_types import event_types, markdown_table
    from store.report.export import ACLED_TYPES

    table = markdown_table()
    for doc in ("README.md", "docs/EVENTS.md"):
        assert table in (ROOT / doc).read_text(encoding="utf-8"), f"{doc}: regenerate the event type table"
    ids = [t.id for t in event_types()]
    assert list(EVENT_TYPES) == ids and len(set(ids)) == len(ids) >= 19
    assert set(ACLED_TYPES) == {t.id for t in event_types() if t.acled_event_type}
    assert all(t.cameo for t in event_types())


# The one module that may spell Arabic in code: letters, clitics, the article.
MORPHOLOGY = "store/text/morphology.py"
# Modules whose Arabic words are still being moved to store/data/ (issue 11).
# This set must only shrink: take a module out as its words land in data; a
# module listed here that holds no Arabic constant any more fails the test.
PENDING: set[str] = set()  # all moved: issue 11's words are data now


def _arabic(text: str) -> bool:
    """An Arabic string constant longer than one character: a word, a
    phrase or a clitic pair, never a lone letter."""
    return len(text) > 1 and any(unicodedata.category(ch).startswith("L") and
                                 unicodedata.name(ch, "").startswith("ARABIC") for ch in text)


def _arabic_constants() -> dict[str, list[str]]:
    """Module path → "line: constant" of each Arabic string constant in store/ and tui/."""
    found: dict[str, list[str]] = {}
    for path in _modules("store", "tui"):
        rel = path.relative_to(ROOT).as_posix()
        hits = [f"{line}: {text[:30]!r}" for line, text in _strings(path) if _arabic(text)]
        if hits:
            found[rel] = hits
    return found


def test_arabic_words_live_in_data_not_in_code():
    found = _arabic_constants()
    stray = {rel: hits for rel, hits in found.items() if rel != MORPHOLOGY and rel not in PENDING}
    assert not stray, ("Arabic words belong in store/data/ (lexicon.tsv and the dictionaries), letters and "
                       f"clitics in {MORPHOLOGY}:\n" + "\n".join(f"{rel}:{hit}" for rel, hits in stray.items()
                                                                   for hit in hits))
    done = sorted(PENDING - set(found))
    assert not done, f"no Arabic constant left in {done}: take them out of PENDING"


def test_the_arabic_check_sees_words_but_not_docstrings_comments_or_letters(tmp_path):
    probe = tmp_path / "probe.py"
    probe.write_text('"""«أمس»: a docstring."""\n'
                     'def f():\n'
                     '    """«اليوم»"""\n'
                     '    return "ب", "،", f"{1}ال", "~زعم"  # «غدا»\n', encoding="utf-8")
    assert sorted(t for _, t in _strings(probe) if _arabic(t)) == ["~زعم", "ال"]


# The longest function store/ may hold (issue 11), counted from its def line
# to its last line; a nested function counts in the one that holds it too.
MAX_FUNCTION_LINES = 60


def _long_functions(paths) -> list[str]:
    """"file:line: name (n lines)" of each function longer than MAX_FUNCTION_LINES."""
    found = []
    for path in paths:
        shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path.name
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                n = node.end_lineno - node.lineno + 1
                if n > MAX_FUNCTION_LINES:
                    found.append(f"{shown}:{node.lineno}: {node.name} ({n} lines)")
    return found


def test_no_function_in_store_is_longer_than_60_lines():
    found = _long_functions(_modules("store"))
    assert not found, (f"a function in store/ is at most {MAX_FUNCTION_LINES} lines; break these into "
                       "smaller ones with one job each:\n" + "\n".join(found))


def test_the_length_check_sees_a_long_function(tmp_path):
    probe = tmp_path / "probe.py"
    body = "".join(f"x{i} = {i}\n" for i in range(58))
    indented = "".join(f"        {line}\n" for line in body.splitlines())
    probe.write_text("class C:\n"
                     "    def long(self):  # 61 lines with its def line\n"
                     '        """a docstring counts"""\n'
                     f"{indented}"
                     "        return 1\n"
                     "\n"
                     "\n"
                     "async def fits():  # 60 lines\n"
                     + "".join(f"    {line}\n" for line in body.splitlines()) + "    return 1\n",
                     encoding="utf-8")
    assert _long_functions([probe]) == ["probe.py:2: long (61 lines)"]
