"""Every setting conflictui reads from the environment or the user's
folders, in one place (the lowest layer: any module may ask it).

| variable | what it sets | default |
|---|---|---|
| ``CONFLICTUI_DB`` | the store | ``conflictui.db`` in the user data folder |
| ``CONFLICTUI_DICT_DIR`` | the user dictionary folder | ``dictionaries/`` in the user config folder |
| ``CONFLICTUI_KEYMAP`` | the user keymap | ``keymap.toml`` in the user config folder |
| ``CONFLICTUI_SHAPING`` | ``auto``, ``on`` or ``off`` | ``auto`` |
| ``USER`` (``USERNAME``) | who made a correction, unless ``--by`` | ``unknown`` |
"""
from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

import platformdirs

APP = "conflictui"
DB_VAR = "CONFLICTUI_DB"
DICT_DIR_VAR = "CONFLICTUI_DICT_DIR"
KEYMAP_VAR = "CONFLICTUI_KEYMAP"
SHAPING_VAR = "CONFLICTUI_SHAPING"


def _env(environ: Mapping[str, str] | None) -> Mapping[str, str]:
    return os.environ if environ is None else environ


def config_dir() -> Path:
    """The user config folder (dictionaries, keymap, app settings)."""
    return Path(platformdirs.user_config_dir(APP))


def db_path(environ: Mapping[str, str] | None = None) -> str:
    """The store the commands and the app use unless given --db."""
    return _env(environ).get(DB_VAR) or str(Path(platformdirs.user_data_dir(APP)) / "conflictui.db")


def dict_dir(environ: Mapping[str, str] | None = None) -> Path:
    """The user dictionary folder, whose TSV files extend the shipped ones."""
    value = _env(environ).get(DICT_DIR_VAR)
    return Path(value) if value else config_dir() / "dictionaries"


def use_dict_dir(folder: Path) -> None:
    """Make `folder` this process's user dictionary folder (a cluster
    worker, before it first reads the lexicon)."""
    os.environ[DICT_DIR_VAR] = str(folder)


def keymap_path(environ: Mapping[str, str] | None = None) -> Path:
    """The user keymap (binding id = keys)."""
    value = _env(environ).get(KEYMAP_VAR)
    return Path(value) if value else config_dir() / "keymap.toml"


def shaping_mode(environ: Mapping[str, str] | None = None) -> str:
    """The shaping mode asked for in the environment, ``auto`` when none."""
    return _env(environ).get(SHAPING_VAR) or "auto"


def reviewer(environ: Mapping[str, str] | None = None) -> str:
    """Who a correction is recorded as made by, unless the command names one."""
    env = _env(environ)
    return env.get("USER") or env.get("USERNAME") or "unknown"
