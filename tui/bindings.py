"""User keymap: remap any binding by its id, as in posting.

``keymap.toml`` in the user config folder (or the file named by
``$CONFLICTUI_KEYMAP``) holds ``binding-id = "keys"`` lines, optionally under
a ``[keymap]`` table, e.g.::

    [keymap]
    quit = "ctrl+q"
    toggle-shaping = "f5"
    events.mark = "m"

The help screen (F1) lists every binding id.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from store import settings

ENV_VAR = settings.KEYMAP_VAR


def keymap_path() -> Path:
    return settings.keymap_path()


def load_keymap(path: Path | None = None) -> tuple[dict[str, str], str | None]:
    """(keymap, error message or None). A missing file is an empty keymap."""
    path = path or keymap_path()
    if not path.is_file():
        return {}, None
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        return {}, f"{path}: {exc}"
    table = data.get("keymap", data)
    keymap = {str(k): str(v) for k, v in table.items() if isinstance(v, str)}
    return keymap, None
