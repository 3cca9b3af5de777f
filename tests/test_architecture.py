"""The layout's promises that import-linter cannot see: SQL lives only in
store/db/, and environment settings are read only in store/settings.py."""
import ast
import re
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
