"""Regenerate the export goldens:

    python tests/golden/regen.py

tests/golden/fixture/  exports of the fixed fixture store (tests/export_fixtures.py);
                       they change only when the export code changes, so review
                       every diff here.
tests/golden/sample/   exports of the sample articles (sample_articles/) through
                       the real extractor and the shipped dictionaries; they change
                       whenever extraction or the dictionaries improve. Run this
                       script then and commit the new files (test_export skips the
                       sample comparison, saying so, while the extraction differs
                       from the one the goldens were made with).
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE.parent.parent))

from export_fixtures import GOLDEN_FILES, build_fixture_store, build_sample_store, render  # noqa: E402


def regenerate(which: tuple[str, ...] = ("fixture", "sample")) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for name in which:
            build = build_fixture_store if name == "fixture" else build_sample_store
            store = build(Path(tmp) / f"{name}.db")
            out = HERE / name
            out.mkdir(exist_ok=True)
            for fmt, filename in GOLDEN_FILES.items():
                (out / filename).write_bytes(render(store, fmt))
                print(f"wrote {out / filename}")
            store.close()


if __name__ == "__main__":
    regenerate(tuple(sys.argv[1:]) or ("fixture", "sample"))
