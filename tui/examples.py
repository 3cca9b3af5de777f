"""The example names that the filter bar's placeholders and the command's
help show, read from ``tui/examples.toml`` (Arabic text is data, not
Python). A missing or broken file leaves the English names only."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

PATH = Path(__file__).with_name("examples.toml")


@dataclass(frozen=True)
class Example:
    """One name in English and Arabic."""

    en: str
    ar: str = ""

    def placeholder(self) -> str:
        """"ISIS, <the Arabic name> …", as the filter bar shows it."""
        return ", ".join(n for n in (self.en, self.ar) if n) + " …"


def load(path: Path = PATH) -> dict[str, Example]:
    """The examples by kind ("actor", "town")."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        data = {}
    fallback = {"actor": "ISIS", "town": "Deir ez-Zor"}
    out = {}
    for kind, en in fallback.items():
        entry = data.get(kind) if isinstance(data.get(kind), dict) else {}
        out[kind] = Example(str(entry.get("en") or en), str(entry.get("ar") or ""))
    return out


EXAMPLES = load()
ACTOR, TOWN = EXAMPLES["actor"], EXAMPLES["town"]
