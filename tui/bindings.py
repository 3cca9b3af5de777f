"""The user config: the keymap (remap any binding by its id, as in
posting) and the events table's columns, in one file.

``keymap.toml`` in the user config folder (or the file named by
``$CONFLICTUI_KEYMAP``) holds ``binding-id = "keys"`` lines, optionally under
a ``[keymap]`` table, e.g.::

    [keymap]
    quit = "ctrl+q"
    toggle-shaping = "f5"
    events.mark = "m"

The help screen (F1) lists every binding id.

The app writes the ``[columns]`` table itself when the user hides or
resizes a column (``-``, ``_``, ``<``, ``>``, ``V``)::

    [columns]
    hidden = ["reported_by"]

    [columns.width]
    actor1 = 30

Only that table is rewritten: the keymap lines and comments stay as typed.
"""

from __future__ import annotations

import os
import re
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


COLUMNS = "columns"
TABLE_RE = re.compile(r"^\s*\[\s*([^\[\]]+?)\s*\]\s*(#.*)?$")  # a [table] header line


def load_columns(path: Path | None = None) -> tuple[list[str], dict[str, int], str | None]:
    """(hidden column keys, widths by key, error message or None) from the
    ``[columns]`` table; a missing file or table hides nothing."""
    path = path or keymap_path()
    if not path.is_file():
        return [], {}, None
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        return [], {}, f"{path}: {exc}"
    table = data.get(COLUMNS, {})
    if not isinstance(table, dict):
        return [], {}, f"{path}: [{COLUMNS}] is not a table"
    hidden = table.get("hidden", [])
    widths = table.get("width", {})
    return ([str(k) for k in hidden] if isinstance(hidden, list) else [],
            dict(widths) if isinstance(widths, dict) else {}, None)


def save_columns(hidden, widths: dict[str, int], path: Path | None = None) -> str | None:
    """Write the ``[columns]`` table (the rest of the file kept as it is);
    the error message, or None."""
    path = path or keymap_path()
    try:
        old = path.read_text(encoding="utf-8") if path.is_file() else ""
        text = _without_columns(old).rstrip("\n")
        text = (text + "\n\n" if text else "") + _columns_toml(sorted(hidden), widths)
        tomllib.loads(text)  # never write a file the app cannot read back
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return f"{path}: {exc}"
    return None


def _without_columns(text: str) -> str:
    """`text` without its ``[columns]`` and ``[columns.*]`` tables."""
    kept, skipping = [], False
    for line in text.splitlines():
        header = TABLE_RE.match(line)
        if header:
            name = header.group(1)
            skipping = name == COLUMNS or name.startswith(COLUMNS + ".")
        if not skipping:
            kept.append(line)
    return "\n".join(kept)


def _columns_toml(hidden: list[str], widths: dict[str, int]) -> str:
    quoted = ", ".join('"' + k + '"' for k in hidden if re.fullmatch(r"[a-z0-9_]+", k))
    lines = [f"[{COLUMNS}]", f"hidden = [{quoted}]", "", f"[{COLUMNS}.width]"]
    lines += [f"{k} = {int(w)}" for k, w in sorted(widths.items()) if re.fullmatch(r"[a-z0-9_]+", k)]
    return "\n".join(lines) + "\n"
