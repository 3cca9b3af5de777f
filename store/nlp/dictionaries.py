"""Loading the actor, place and cue dictionaries: the TSV files shipped in
store/data plus the user's own files of the same names (see
store/data/README.md for the columns)."""
from __future__ import annotations

import csv
import hashlib
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from pathlib import Path

from .. import settings
from ..text.arabic import normalize
from ..text.textsafe import one_line

ACTOR_KINDS = {
    "state_force", "armed_group", "militia", "coalition", "international_body",
    "government", "person", "media", "monitor", "civilians",
}


@dataclass
class Entry:
    """What actors and places share: an id, names in both scripts, aliases
    and a kind."""

    id: str
    name_en: str
    name_ar: str
    aliases: list[str] = field(default_factory=list)
    kind: str = ""

    def names(self) -> list[str]:
        return [n for n in [self.name_ar, self.name_en, *self.aliases] if n]


@dataclass
class Actor(Entry):
    country: str = ""
    parent: str = ""


@dataclass
class Place(Entry):
    lat: float | None = None
    lon: float | None = None
    parent: str = ""
    country: str = ""
    population: int = 0
    geonameid: str = ""
    namesake: str = ""  # a governorate named after its seat: the town's id (SY-HM: hama)


def user_dict_dir() -> Path:
    return settings.dict_dir()


def _rows(text: str, where: str, key: str = "id", problems: list[str] | None = None,
          at: dict[str, str] | None = None) -> Iterator[dict[str, str]]:
    """The usable rows of a TSV file. A broken row (row_problem) is left out
    and told to `problems` as «where:line: reason»; `at` gets «where:line»
    of each row by its key."""
    # split at "\n" only: splitlines() also breaks at NEL (U+0085), U+2028 and \x1c-\x1e inside a field
    numbered = [(n, ln) for n, ln in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), 1)
                if ln.strip() and not ln.lstrip().startswith("#")]
    if not numbered:
        return
    reader = csv.DictReader([ln for _, ln in numbered], delimiter="\t", quoting=csv.QUOTE_NONE)
    columns = len(reader.fieldnames or ())
    for (lineno, _), row in zip(numbered[1:], reader):  # QUOTE_NONE: one line, one row
        problem = row_problem(row, columns)
        if problem:
            if problems is not None:
                problems.append(f"{where}:{lineno}: {problem}; row left out")
            continue
        clean = {k.strip(): one_line(v) for k, v in row.items() if k and isinstance(v, str)}
        if clean.get(key):
            if at is not None:
                at[clean[key]] = f"{where}:{lineno}"
            yield clean


# Numeric columns and their sane ranges: «inf», «nan» or 1e400 would
# overflow an int or reach the JSON exports as Infinity.
_NUMBERS = {"lat": (-90.0, 90.0), "lon": (-180.0, 180.0), "population": (0.0, 1e10)}


def row_problem(row: dict, columns: int) -> str | None:
    """Why a dictionary row (a csv.DictReader row) cannot be used, or None."""
    if None in row:  # DictReader's restkey: more fields than the header has
        return f"has {columns + len(row[None])} columns where the header has {columns}"
    given = sum(1 for v in row.values() if v is not None)
    if given < columns:
        return f"has {given} columns where the header has {columns}"
    for col, (low, high) in _NUMBERS.items():
        value = (row.get(col) or "").strip()
        if not value:
            continue
        try:
            number = float(value)
        except ValueError:
            return f"{col} {one_line(value)[:40]!r} is not a number"
        if not low <= number <= high:  # False for nan
            return f"{col} {one_line(value)[:40]} is not a number from {low:g} to {high:g}"
    return None


def _split(value: str) -> list[str]:
    return [a.strip() for a in (value or "").split("|") if a.strip()]


def _float(value: str) -> float | None:
    try:
        return float(value) if value else None
    except ValueError:
        return None


def _shipped(name: str) -> str:
    try:
        return (resources.files("store") / "data" / name).read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        return ""


def dictionary_texts(names: Iterable[str], user_dir: Path | None,
                     problems: list[str] | None = None) -> Iterator[tuple[str, str]]:
    """(where, text) of each shipped file named, then of the user's files of
    the same names in `user_dir` (none when it is None). A user file that
    cannot be read is told to `problems`."""
    names = list(names)
    for name in names:
        text = _shipped(name)
        if text:
            yield f"store/data/{name}", text
    if user_dir is None:
        return
    for name in names:
        path = user_dir / name
        if path.is_file():
            try:
                yield str(path), path.read_text(encoding="utf-8-sig")
            except UnicodeDecodeError as exc:
                if problems is not None:
                    problems.append(f"{path}: is not UTF-8 text (byte {exc.start}); file not loaded")
            except OSError as exc:
                if problems is not None:
                    problems.append(f"{path}: cannot be read ({exc.strerror or exc}); file not loaded")


def _merge(rows: Iterable[dict[str, str]], into: dict[str, dict[str, str]]) -> None:
    """Later rows replace rows with the same id; `+id` rows add aliases."""
    for row in rows:
        rid = row["id"]
        if rid.startswith("+"):
            base = into.get(rid[1:])
            if base is not None:
                base["aliases"] = "|".join(filter(None, [base.get("aliases", ""), row.get("aliases", ""),
                                                          row.get("name_ar", ""), row.get("name_en", "")]))
            continue
        into[rid] = dict(row)


class Dictionaries:
    """Actors, places, cues, metonyms, dispute subjects and their aspects: the shipped
    files plus the user's, loaded once."""

    FILES = ("actors.tsv", "places_geonames.tsv", "places.tsv", "cues.tsv", "metonyms.tsv", "subjects.tsv",
             "lexicon.tsv", "aspects.tsv")

    def __init__(self, user_dir: Path | None = None, include_user: bool = True):
        self.user_dir = user_dir or user_dict_dir()
        self.include_user = include_user
        self.sources: list[str] = []
        self.actors: dict[str, Actor] = {}
        self.places: dict[str, Place] = {}
        self.cues: list[dict[str, str]] = []
        self.metonyms: list[dict[str, str]] = []  # name, actor_id, kind: added to, in file order
        self.subjects: list[dict[str, str]] = []  # by id: a user row replaces a shipped one
        self.aspects: list[dict[str, str]] = []  # in file order, the user's last
        self.problems: list[str] = []  # broken rows and unreadable files: «where[:line]: reason»
        self._load()
        self._check_parents()
        problem_notice(self.problems)

    def _texts(self, *names: str, problems: list[str] | None = None) -> Iterator[tuple[str, str]]:
        return dictionary_texts(names, self.user_dir if self.include_user else None, problems)

    def _load(self) -> None:
        actor_rows: dict[str, dict[str, str]] = {}
        self._at: dict[str, dict[str, str]] = {"actor": {}, "place": {}}  # id -> where:line, for _check_parents
        for where, text in self._texts("actors.tsv", problems=self.problems):
            self.sources.append(where)
            _merge(_rows(text, where, problems=self.problems, at=self._at["actor"]), actor_rows)
        for r in actor_rows.values():
            self.actors[r["id"]] = Actor(
                r["id"], r.get("name_en", ""), r.get("name_ar", ""), _split(r.get("aliases", "")),
                r.get("kind", ""), r.get("country", ""), r.get("parent", ""),
            )
        place_rows: dict[str, dict[str, str]] = {}
        for where, text in self._texts("places_geonames.tsv", "places.tsv", problems=self.problems):
            self.sources.append(where)
            _merge(_rows(text, where, problems=self.problems, at=self._at["place"]), place_rows)
        for r in place_rows.values():
            try:
                pop = int(float(r.get("population") or 0))
            except ValueError:
                pop = 0
            self.places[r["id"]] = Place(
                r["id"], r.get("name_en", ""), r.get("name_ar", ""), _split(r.get("aliases", "")),
                r.get("kind", ""), _float(r.get("lat", "")), _float(r.get("lon", "")),
                r.get("parent", ""), r.get("country", ""), pop, r.get("geonameid", ""), r.get("namesake", ""),
            )
        for where, text in self._texts("cues.tsv"):
            self.sources.append(where)
            self.cues.extend(_cue_rows(text))
        for where, text in self._texts("metonyms.tsv", problems=self.problems):
            self.sources.append(where)
            self.metonyms.extend(r for r in _rows(text, where, "name", self.problems) if r.get("actor_id") and r.get("kind"))
        subject_rows: dict[str, dict[str, str]] = {}
        for where, text in self._texts("subjects.tsv", problems=self.problems):
            self.sources.append(where)
            _merge(_rows(text, where, problems=self.problems), subject_rows)
        self.subjects = list(subject_rows.values())
        for where, text in self._texts("aspects.tsv", problems=self.problems):
            self.sources.append(where)
            self.aspects.extend(_rows(text, where, "aspect", self.problems))

    def _check_parents(self) -> None:
        """A parent that names no actor (place) is told to `problems`; the
        row stays, its chain ends there."""
        for kind, entries in (("actor", self.actors), ("place", self.places)):
            for e in entries.values():
                if e.parent and e.parent not in entries:
                    where = self._at[kind].get(e.id, "?")
                    self.problems.append(f"{where}: parent {e.parent!r} is not a known {kind}")

    @cached_property
    def fingerprint(self) -> str:
        """Changes when any dictionary changes: the store re-extracts then."""
        h = hashlib.sha256()
        for _, text in self._texts(*self.FILES):
            h.update(text.encode("utf-8"))
        return h.hexdigest()[:16]

    # -- the place hierarchy ------------------------------------------------
    def place_chain(self, place_id: str) -> list[Place]:
        """The place and its ancestors, innermost first (an unlisted place,
        then its known parent's chain)."""
        if place_id not in self.places:
            found = self.unlisted(place_id)
            return [found, *_parent_chain(self.places, found.parent)] if found else []
        return _parent_chain(self.places, place_id)

    @cached_property
    def governorate_named_after(self) -> dict[str, str]:
        """Town id → the governorate named after it (places.tsv `namesake`):
        hama → SY-HM."""
        return {p.namesake: p.id for p in self.places.values()
                if p.kind == "governorate" and p.namesake in self.places}

    def unlisted(self, place_id: str | None) -> Place | None:
        """The place an `unlisted_id` names («قرية X بريف إدلب»): its kind
        and name as written, at its known parent's coordinates; None for
        any other id or a parent the dictionaries do not have."""
        parts = split_unlisted(place_id)
        if parts is None or parts[0] not in self.places:
            return None
        parent = self.places[parts[0]]
        return Place(place_id, "", parts[2], kind=parts[1], lat=parent.lat, lon=parent.lon, parent=parent.id,
                     country=parent.country or self.country_of(parent.id))

    def geo_precision(self, place_id: str | None) -> int | None:
        """ACLED's geo_precision: 1 the place named, 2 a place near or
        inside a known town (an unlisted place takes its coordinates),
        3 only a region (a wide place, or an unlisted one inside it)."""
        place = self.places.get(place_id or "")
        if place is not None:
            return PRECISION_OF_KIND.get(place.kind, 3)
        found = self.unlisted(place_id)
        if found is None:
            return None
        return unlisted_precision(PRECISION_OF_KIND.get(self.places[found.parent].kind, 3))

    def actor_chain(self, actor_id: str) -> list[Actor]:
        """The actor and the bodies it belongs to, innermost first: a
        spokesman, his ministry, its government."""
        return _parent_chain(self.actors, actor_id)

    def country_of(self, place_id: str) -> str:
        chain = self.place_chain(place_id)
        for p in chain:
            if p.country:
                return p.country
        return chain[-1].id if chain and chain[-1].kind == "country" else ""

    def actor_lookup(self) -> dict[str, set[str]]:
        """Normalised name → actor ids, for --actor and completion."""
        return _name_index(self.actors.values())

    def place_lookup(self) -> dict[str, set[str]]:
        return _name_index(self.places.values())


UNLISTED_SEP = "/"  # no id of the dictionaries holds it
# ACLED's geo_precision of a place the dictionaries name, by its kind
PRECISION_OF_KIND = {"city": 1, "town": 1, "village": 1, "neighbourhood": 1, "facility": 1, "border_crossing": 1,
                     "camp": 1, "district": 2, "river": 2, "mountain": 2, "governorate": 3, "country": 3, "region": 3}


def unlisted_id(parent: str, kind: str, name: str) -> str:
    """The id of a place the dictionaries lack, named with its kind and a
    known parent («قرية كفرعويد بريف إدلب» → «SY-ID/village/كفرعويد»): it
    holds all the store needs to place it, so it survives JSON lines."""
    return UNLISTED_SEP.join((parent, kind, name))


def split_unlisted(place_id: str | None) -> tuple[str, str, str] | None:
    """(parent, kind, name) of an `unlisted_id`, else None."""
    parts = (place_id or "").split(UNLISTED_SEP)
    return (parts[0], parts[1], parts[2]) if len(parts) == 3 and all(parts) else None


def unlisted_precision(parent_precision: int | None) -> int:
    """An unlisted place at its parent's coordinates: near a named town (2),
    or only somewhere in a region (3)."""
    return 2 if parent_precision == 1 else 3


def _parent_chain(entries: dict, entry_id: str) -> list:
    """The entry and its parents, innermost first, up to a missing id or a cycle."""
    out, seen = [], set()
    while entry_id and entry_id in entries and entry_id not in seen:
        seen.add(entry_id)
        entry = entries[entry_id]
        out.append(entry)
        entry_id = entry.parent
    return out


def _name_index(entries) -> dict[str, set[str]]:
    index: dict[str, set[str]] = {}
    for e in entries:
        for name in [e.id, *e.names()]:
            key = normalize(name).strip()
            if key:
                index.setdefault(key, set()).add(e.id)
                index.setdefault(key.replace(" ", ""), set()).add(e.id)
    return index


def _cue_rows(text: str) -> Iterator[dict[str, str]]:
    lines = [ln for ln in text.replace("\r\n", "\n").split("\n") if ln.strip() and not ln.lstrip().startswith("#")]
    if not lines:
        return
    for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
        if row.get("event_type") and row.get("pattern"):
            yield {k: (v or "").strip() for k, v in row.items() if k}


def _warn_once(problems: list[str]) -> None:
    """One line on stderr for each set of dictionary problems, once per process."""
    key = tuple(problems)
    if problems and key not in _WARNED:
        _WARNED.add(key)
        more = f" (and {len(problems) - 1} more: `conflictui dicts --check` lists them)" if len(problems) > 1 else ""
        print(f"conflictui: warning: {problems[0]}{more}", file=sys.stderr)


_WARNED: set[tuple[str, ...]] = set()
# Called with the problems of each load; the app may replace it.
problem_notice: Callable[[list[str]], None] = _warn_once

_DEFAULT: Dictionaries | None = None


def default_dictionaries() -> Dictionaries:
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Dictionaries()
    return _DEFAULT


# -- the user's own rows, added from the app --------------------------------------
USER_FILES = {"actor": "actors.tsv", "place": "places.tsv"}


def _header(text: str) -> list[str]:
    """The columns of a dictionary file: its first line that is not a comment."""
    for line in text.replace("\r\n", "\n").split("\n"):
        if line.strip() and not line.lstrip().startswith("#"):
            return [c.strip() for c in line.split("\t")]
    return []


def add_user_row(kind: str, values: dict[str, str], user_dir: Path | None = None) -> Path:
    """Append an actor or place row to the user's TSV file of that kind (made
    with the shipped file's columns if it does not exist), checked by the
    reader the dictionaries load with: ValueError names what is wrong."""
    folder = user_dir or user_dict_dir()
    path = folder / USER_FILES[kind]
    old = path.read_text(encoding="utf-8-sig") if path.is_file() else ""
    columns = _header(old) or _header(_shipped(USER_FILES[kind]))
    if not values.get("id"):
        raise ValueError("a new name needs an id")
    if kind == "actor" and values.get("kind") not in ACTOR_KINDS:
        raise ValueError(f"an actor's kind is one of {', '.join(sorted(ACTOR_KINDS))}")
    line = "\t".join(one_line(str(values.get(c) or "")).replace("\t", " ") for c in columns)
    problems: list[str] = []
    if not list(_rows("\t".join(columns) + "\n" + line, str(path), problems=problems)):
        raise ValueError(problems[0] if problems else f"{path}: the row cannot be read back")
    folder.mkdir(parents=True, exist_ok=True)
    head = "" if old else "\t".join(columns) + "\n"
    sep = "\n" if old and not old.endswith("\n") else ""
    with path.open("a", encoding="utf-8") as out:
        out.write(f"{sep}{head}{line}\n")
    return path
