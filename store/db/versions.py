"""Which extractor made a store's events: a hash of the extraction code
(store/nlp and store/text, packages included) and of the data files it
reads (store/data/*.tsv), recorded in
meta as `extractor` by the first write and by `reextract`. With the
dictionaries' fingerprint (meta `dictionaries`) it tells whether the
running conflictui would extract the stored articles differently.
"""
from __future__ import annotations

import functools
import hashlib
from pathlib import Path

_STORE = Path(__file__).resolve().parents[1]


@functools.lru_cache(maxsize=1)
def extractor_version() -> str:
    h = hashlib.sha256()
    code = [*(_STORE / "nlp").rglob("*.py"), *(_STORE / "text").rglob("*.py")]
    for path in sorted([*code, *(_STORE / "data").glob("*.tsv")]):
        h.update(path.relative_to(_STORE).as_posix().encode() + b"\0" + path.read_bytes())
    return h.hexdigest()[:16]


def stamp_extractor(conn, replace: bool = False) -> None:
    """Record the running extractor's version (only when none is, unless
    `replace`: a store re-extracted whole is the running extractor's)."""
    verb = "insert or replace" if replace else "insert or ignore"
    conn.execute(f"{verb} into meta(key, value) values ('extractor', ?)", [extractor_version()])


def extraction_differs(conn, dictionaries_fingerprint: str) -> list[str]:
    """Why the stored events may not be what the running extractor and
    dictionaries would give (empty: they are), for the app to offer
    `reextract`."""
    meta = dict(conn.execute("select key, value from meta where key in ('dictionaries', 'extractor')"))
    if not conn.execute("select exists (select 1 from articles)").fetchone()[0]:
        return []
    out = []
    if meta.get("dictionaries") != dictionaries_fingerprint:
        out.append(f"the dictionaries changed ({meta.get('dictionaries') or 'unknown'} → {dictionaries_fingerprint})")
    if meta.get("extractor") != extractor_version():
        out.append(f"the extractor changed ({meta.get('extractor') or 'unknown'} → {extractor_version()})")
    return out
