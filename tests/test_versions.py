"""The extractor version covers every file extraction reads."""
from pathlib import Path

import store
from store.db import versions


def test_a_change_in_a_subpackage_of_nlp_or_in_text_changes_the_version(tmp_path, monkeypatch):
    root = tmp_path / "store"
    for rel in ("nlp/extract.py", "nlp/positions/finder.py", "text/morphology.py", "data/cues.tsv"):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text("x = 1\n", encoding="utf-8")
    monkeypatch.setattr(versions, "_STORE", root)

    def version():
        versions.extractor_version.cache_clear()
        return versions.extractor_version()

    before = version()
    for rel in ("nlp/positions/finder.py", "text/morphology.py"):
        (root / rel).write_text("x = 2\n", encoding="utf-8")
        after = version()
        assert after != before, rel
        before = after
    versions.extractor_version.cache_clear()


def test_the_real_version_reads_the_positions_package():
    assert (Path(store.__file__).parent / "nlp" / "positions").is_dir()
    assert len(versions.extractor_version()) == 16
