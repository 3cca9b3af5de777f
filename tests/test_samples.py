"""The sample articles: unchanged bodies, front matter, and the packaged copy."""
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"


def _split(text: str) -> tuple[dict, str]:
    _, fm, body = text.split("---\n", 2)
    return yaml.safe_load(fm), body


def test_every_sample_has_front_matter_with_a_date():
    files = sorted((ROOT / "sample_articles").glob("*.txt"))
    assert len(files) == 5
    for f in files:
        meta, body = _split(f.read_text(encoding="utf-8"))
        assert meta["published"] and meta["language"] == "ar" and meta["title"]
        assert body.strip()


def test_bodies_are_the_seeds_unchanged():
    if not SEEDS.is_dir():  # outside the project's workspace
        return
    for seed in sorted(SEEDS.glob("*.txt")):
        _, body = _split((ROOT / "sample_articles" / seed.name).read_text(encoding="utf-8"))
        assert body == seed.read_text(encoding="utf-8"), seed.name


def test_the_package_ships_the_same_samples():
    packaged = ROOT / "store" / "data" / "sample_articles"
    for f in (ROOT / "sample_articles").glob("*.txt"):
        assert (packaged / f.name).read_bytes() == f.read_bytes(), f.name
