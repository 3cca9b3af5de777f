"""The query API that the CLI, the app and the exports share.

Filters name actors and towns as a person types them (an id, an English or
Arabic name, an alias, with or without proclitics); `EventQuery` resolves
them once to ids and builds one WHERE clause for every consumer, so the
app, `events` and `export` always select the same events. No caller writes
SQL of its own.
"""
from __future__ import annotations

import difflib
import heapq
import itertools
import json
import shlex
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import sqlite_utils

from ..nlp.dictionaries import PRECISION_OF_KIND
from ..text.arabic import normalize, proclitic_variants, search_key, strip_article, tokenize, with_article
from .corrections import not_rejected
from .review import ReviewAccess
from .schema import connect, facets_stamp, get_meta, open_store, schema_version


class UnknownName(ValueError):
    """A filter names no known actor or place."""

    def __init__(self, kind: str, text: str, suggestions: list[str]):
        self.kind, self.text, self.suggestions = kind, text, suggestions
        hint = f" (did you mean: {', '.join(suggestions)}?)" if suggestions else ""
        super().__init__(f"no {kind} called {text!r}{hint}")


UNDATED = ("include", "exclude", "only")


@dataclass(frozen=True)
class EventFilter:
    """What the user asked for, as typed. Empty fields do not filter.

    `undated`: what becomes of the events without a date. None: left out
    under a date bound (`since`, `until`), kept without one; "include":
    kept under the bounds too; "exclude": always left out; "only": only
    they (the bounds then do not apply). `exact`: an actor is only itself,
    not also its parts (actors.tsv `parent`)."""

    actors: tuple[str, ...] = ()
    towns: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    since: str | None = None
    until: str | None = None
    ids: tuple[int, ...] = ()
    text: str | None = None  # full-text search over sentences
    undated: str | None = None
    exact: bool = False
    review: str = "any"  # REVIEW_FILTERS
    contested: bool = False  # reports or rival events disagree (`contested_ids`)
    include_rejected: bool = False  # rejected events are left out unless asked for

    def is_empty(self) -> bool:
        return not (self.actors or self.towns or self.types or self.since or self.until or self.ids or self.text
                    or self.undated in ("exclude", "only") or self.review != "any" or self.contested
                    or self.include_rejected)

    def has_date_bounds(self) -> bool:
        return bool(self.since or self.until)

    def with_(self, **changes) -> "EventFilter":
        return replace(self, **changes)

    def to_cli(self, command: str = "events") -> str:
        """The command line that reproduces this filter."""
        parts = ["conflictui", command]
        for a in self.actors:
            parts += ["--actor", a]
        for t in self.towns:
            parts += ["--town", t]
        for t in self.types:
            parts += ["--type", t]
        if self.since:
            parts += ["--since", self.since]
        if self.until:
            parts += ["--until", self.until]
        if self.undated:
            parts += ["--undated", self.undated]
        if self.exact:
            parts.append("--exact")
        if self.text:
            parts += ["--search", self.text]
        if self.ids:
            parts += ["--ids", ",".join(str(i) for i in self.ids)]
        if self.review != "any":
            parts += ["--review", self.review]
        parts += ["--contested"] * self.contested + ["--include-rejected"] * self.include_rejected
        return " ".join(shlex.quote(p) for p in parts)


@dataclass(frozen=True)
class NameMatch:
    """What one name of a filter took: `named`, the entries the name itself
    names (a city and its governorate may share it), and `taken`, those
    with the actors' parts (unless the filter is exact). Labels are
    "English (Arabic)" display names of `taken`, in the same order."""

    kind: str  # "actor" or "place"
    text: str
    named: tuple[str, ...]
    taken: tuple[str, ...]
    labels: tuple[str, ...]


# The review filter's values: which events each one keeps (events.review).
REVIEW_FILTERS = {
    "any": None,
    "unreviewed": "{e}.review is null",
    "reviewed": "{e}.review in ('confirmed', 'corrected', 'added')",
    "corrected": "{e}.review in ('corrected', 'added')",
    "rejected": "{e}.review = 'rejected'",
}


@dataclass
class EventRow:
    """One line of the events table."""

    id: int
    date: str | None
    date_precision: str
    event_type: str
    actor1_id: str | None
    actor1_en: str | None
    actor1_ar: str | None
    actor2_id: str | None
    actor2_en: str | None
    actor2_ar: str | None
    place_id: str | None
    place_en: str | None
    place_ar: str | None
    reported_by_id: str | None
    reported_by_en: str | None
    reported_by_ar: str | None
    n_reports: int
    negated: bool
    hedged: bool
    fatalities: int | None
    review: str | None = None  # confirmed, corrected, added, rejected; None: unreviewed


@dataclass
class Facet:
    id: str
    name_en: str
    name_ar: str
    kind: str
    count: int
    parent: str | None = None
    lat: float | None = None
    lon: float | None = None
    geo_precision: int | None = None  # of a place: ACLED's (1 named, 2 near a known place, 3 region)

    @property
    def approximate(self) -> bool:
        """A place at another place's coordinates (an unlisted village at its town's)."""
        return self.geo_precision is not None and self.geo_precision > PRECISION_OF_KIND.get(self.kind, 3)


@dataclass
class ReportDetail:
    id: int
    article_id: int
    article_title: str
    article_source: str | None
    article_published: str | None
    article_path: str
    sentence: str
    spans: dict[str, list[int]]
    rule: str
    date: str | None
    date_precision: str
    reported_by: str | None
    article_url: str | None = None


@dataclass
class EventDetail:
    row: EventRow
    reports: list[ReportDetail] = field(default_factory=list)
    geo_precision: int | None = None  # ACLED's, of the event's place: 1 named, 2 near a known place, 3 region


_ROW_SQL = """
select e.id, e.date, e.date_precision, e.event_type,
  e.actor1_id, a1.name_en, a1.name_ar, e.actor2_id, a2.name_en, a2.name_ar,
  e.place_id, p.name_en, p.name_ar, e.reported_by_id, rb.name_en, rb.name_ar,
  e.n_reports, e.negated, e.hedged, e.fatalities, e.review
from events e
left join actors a1 on a1.id = e.actor1_id
left join actors a2 on a2.id = e.actor2_id
left join places p on p.id = e.place_id
left join actors rb on rb.id = e.reported_by_id
"""

# The columns of `iter_records` (the output contract), one query shape for
# every filter: the event's own columns, then its article's (joined).
_EVENT_COLUMNS = (
    "e.id, e.event_type, e.date, e.date_precision, e.actor1_id, e.actor2_id, e.reported_by_id,"
    " e.place_id, e.article_id, e.sentence, e.n_reports, e.n_sources, e.fatalities, e.negated, e.hedged,"
    " coalesce(e.review, 'unreviewed')"
)
_ARTICLE_COLUMNS = "title, source, published, path, url"
_RECORD_SQL = (
    f"select {_EVENT_COLUMNS}, a.title, a.source, a.published, a.path, a.url"
    " from events e left join articles a on a.id = e.article_id"
)
_EVENT_SQL = f"select {_EVENT_COLUMNS} from events e"  # the same rows without their article's columns

# A caller that reads every event under a filter (`record_rows(bulk=True)`:
# the exports) gets a full scan sorted by SQLite when the filter selects at
# least this share of the events; below it, walking an index is cheaper (on
# a million events: a 17% date range 3.0 s by the index, 3.2 s by a scan; a
# third of them, two event types, 9.6 s and 7.4 s).
BULK_SHARE = 0.2

# True for an event that comes before the key (date, id) in (date desc, id
# desc) order: a later date (an undated event after every dated one), or the
# same date and a larger id; its parameters are date, date, date, id. Compared
# as ORDER BY sorts where dates are text, blobs or NULL (a TEXT column).
_BEFORE_KEY = "(coalesce(e.date > ?, ? is null and e.date is not null) or (e.date is ? and e.id > ?))"


def _name_variants(text: str) -> list[str]:
    """The normalised forms a typed name may have in the names: as typed,
    without its spaces, without a proclitic, without or with the article."""
    norm = normalize(text).strip()
    cands = [norm, norm.replace(" ", "")]
    first, _, rest = norm.partition(" ")
    for v in proclitic_variants(first):
        cands.append((v + " " + rest).strip())
    cands.append(strip_article(norm))
    cands.append(with_article(norm))
    return [c for c in dict.fromkeys(cands) if c]


def _date_clause(f: EventFilter, alias: str, indexed: bool = False) -> tuple[str, list]:
    """The date bounds of `f` and what they do with undated events (see
    EventFilter.undated), as one clause ("" for none) and its parameters.
    `indexed`: the caller adds a clause an index serves (an actor branch)."""
    if f.undated not in (None, *UNDATED):
        raise ValueError(f"undated: {f.undated!r} is not one of {', '.join(UNDATED)}")
    # under another filter, its index serves better: the date index would
    # read every undated event (a multi-index OR); `+` keeps it out
    plus = "+" if indexed or f.actors or f.towns or f.types or f.ids or f.text else ""
    undated = f"({plus}{alias}.date is null or {plus}{alias}.date = '')"
    if f.undated == "only":
        return undated, []
    bounds, params = [], []
    if f.since:
        bounds.append(f"{alias}.date >= ?")
        params.append(f.since)
    if f.until:
        bounds.append(f"{alias}.date <= ?")
        params.append(f.until + "\uffff" if len(f.until) < 10 else f.until)
    if f.undated == "exclude" and not bounds:
        return f"{alias}.date > ''", []  # an index range: neither NULL nor ''
    dated = " and ".join(bounds)
    if f.undated == "include" and bounds:
        return f"({undated} or ({dated}))", params
    return dated, params


def _sqlite_order(row: tuple) -> tuple:
    """Sort key of a (date, id) row as SQLite orders it: NULL before
    numbers before text before blobs; text by code point (= UTF-8 bytes,
    SQLite's BINARY collation)."""
    d = row[0]
    if d.__class__ is str:
        return (2, d, row[1])
    if d is None:
        return (0, 0, row[1])
    if isinstance(d, (int, float)):
        return (1, d, row[1])
    return (3, bytes(d), row[1])


# The columns the events table sorts by (a whitelist: no typed text reaches
# SQL). Names sort by their English form, else the Arabic, else the id.
SORT_KEYS = {
    "date": "e.date",
    "type": "e.event_type",
    "actor1": "(select coalesce(x.name_en, x.name_ar, x.id) from actors x where x.id = e.actor1_id)",
    "actor2": "(select coalesce(x.name_en, x.name_ar, x.id) from actors x where x.id = e.actor2_id)",
    "place": "(select coalesce(x.name_en, x.name_ar, x.id) from places x where x.id = e.place_id)",
    "reported_by": "(select coalesce(x.name_en, x.name_ar, x.id) from actors x where x.id = e.reported_by_id)",
    "reports": "e.n_reports",
}
DEFAULT_ORDER = ("date", True)  # newest first: the order of page_after's keyset


class EventStore(ReviewAccess):
    """Read access to a store (and the analyst's corrections: ReviewAccess). Thread-safe enough for Textual thread
    workers: each call uses the one connection under SQLite's own lock."""

    def __init__(self, path: str | Path, create: bool = True, readonly: bool = False):
        self.path = Path(path)
        if not self.path.exists() and not create:
            raise FileNotFoundError(f"no store at {self.path}")
        self.db: sqlite_utils.Database = open_store(self.path, readonly)  # read-only until accepted
        self._resolve_cache: dict[tuple[str, str], tuple[str, ...]] = {}
        self._facet_cache: dict[tuple, list[Facet]] = {}
        self._bulk_conn: sqlite3.Connection | None = None  # see _bulk_reader

    def close(self) -> None:
        if self._bulk_conn is not None:
            self._bulk_conn.close()
        self.db.conn.close()

    @property
    def conn(self):
        return self.db.conn

    def execute(self, sql: str, params: Sequence | dict = ()):
        return self.conn.execute(sql, params)

    # -- names --------------------------------------------------------------
    def resolve(self, kind: str, text: str) -> tuple[str, ...]:
        """Ids of the actors (kind='actor') or places ('place') that `text`
        names: an id, a name or an alias, normalised, case-insensitive,
        with proclitics and spaces forgiven. A place name also names the
        places called by it and a word of their kind ("Idlib": the city and
        "Idlib Governorate"; see `_kind_words`). Raises UnknownName, with
        the nearest names as suggestions."""
        key = (kind, text)
        if key in self._resolve_cache:
            return self._resolve_cache[key]
        cands = _name_variants(text)
        ids: list[str] = []
        hit = None
        for c in cands:
            ids = self._named_by(kind, [c])
            if ids:
                hit = c
                break
        if kind == "place":
            words = self._kind_words()
            bases = [hit] if hit else cands
            named = [n for b in bases for w in words for n in (f"{b} {w}", f"{w} {b}")]
            ids += self._named_by(kind, named + [n.replace(" ", "") for n in named])
        if not ids:
            raise UnknownName(kind if kind == "actor" else "town or place", text, self.suggest(kind, text))
        self._resolve_cache[key] = tuple(sorted(set(ids)))
        return self._resolve_cache[key]

    def _named_by(self, kind: str, norms: list[str]) -> list[str]:
        """Ids whose normalised names are among `norms`."""
        if not norms:
            return []
        marks = ",".join("?" * len(norms))
        return [r[0] for r in self.execute(
            f"select distinct entity_id from names where kind = ? and norm in ({marks})", [kind, *norms])]

    def _kind_words(self) -> tuple[str, ...]:
        """The words that say what kind of place a name is ("Governorate",
        «محافظة», «حي», «معبر»), found in the dictionaries themselves: a
        first or last word in the names of at least half the places of
        one kind (of three or more). They change only with the dictionaries,
        so they are kept per dictionaries fingerprint, not per data version
        (a scan of every place name is no cost to pay after each ingest)."""
        row = self.execute("select value from meta where key = 'dictionaries'").fetchone()
        fingerprint = row[0] if row else ""
        cached = getattr(self, "_kind_words_cache", None)
        if cached is not None and cached[0] == fingerprint:
            return cached[1]
        places: dict[str, set] = {}
        words: dict[tuple[str, str], set] = {}
        for norm, kind, pid in self.execute(
                "select n.norm, p.kind, n.entity_id from names n join places p on p.id = n.entity_id"
                " where n.kind = 'place'"):
            places.setdefault(kind, set()).add(pid)
            toks = norm.split()
            if len(toks) > 1:
                for w in {toks[0], toks[-1]}:
                    words.setdefault((kind, w), set()).add(pid)
        found = tuple(sorted({w for (kind, w), ids in words.items()
                              if len(places[kind]) >= 3 and len(ids) >= len(places[kind]) / 2}))
        self._kind_words_cache = (fingerprint, found)
        return found

    def suggest(self, kind: str, text: str, limit: int = 4) -> list[str]:
        """Display names of the entries nearest to a name that names none:
        the closest normalised names and aliases in either script (difflib's
        ratio) with what they name (a place's namesakes too, as `resolve`),
        then the entries it is the start of."""
        norm = normalize(text).strip()
        if not norm:
            return []
        norms = self._name_norms(kind)
        ids: list[str] = []
        for close in difflib.get_close_matches(norm, norms, n=3 * limit, cutoff=0.75):
            ids += self.resolve(kind, close) if kind == "place" else norms[close]
        ids += [r[0] for r in self.complete(kind, text, limit=limit)]
        return list(self.labels(kind, list(dict.fromkeys(ids))[:limit]))

    def _name_norms(self, kind: str) -> dict[str, list[str]]:
        """{normalised name: ids} of every actor or place name."""
        versioned, cached = self._cached(("name_norms", kind))
        if cached is None:
            cached = {}
            for norm, eid in self.execute("select norm, entity_id from names where kind = ?", [kind]):
                cached.setdefault(norm, []).append(eid)
            self._store_cached(versioned, cached)
        return cached

    def labels(self, kind: str, ids: Sequence[str]) -> tuple[str, ...]:
        """"English (Arabic)" of each id; a place's label says its kind."""
        entries = self._lookup("actors" if kind == "actor" else "places")
        out = []
        for i in ids:
            row = entries.get(i)
            if row is None:
                out.append(i)
                continue
            en, ar, what = row[1] or i, row[2], row[3] if kind == "place" else None
            extra = ", ".join(x for x in (ar, what) if x)
            out.append(f"{en} ({extra})" if extra else en)
        return tuple(out)

    def actor_ids(self, f: EventFilter) -> list[str]:
        """The ids `f.actors` take: what they name, with the parts of each
        (actors whose parent chain leads to it) unless `f.exact`."""
        key = ("actor_ids", f.actors, f.exact)
        versioned, cached = self._cached(key)
        if cached is not None:
            return cached
        ids = {i for a in f.actors for i in self.resolve("actor", a)}
        if not f.exact:
            ids = self._with_parts(sorted(ids))
        return self._store_cached(versioned, sorted(ids))

    def _with_parts(self, ids: Iterable[str]) -> list[str]:
        """`ids`, then their parts, nearest first (breadth first, in the
        dictionary's order)."""
        versioned, children = self._cached(("actor_children",))
        if children is None:
            children = {}
            for aid, parent in self.execute("select id, parent from actors where coalesce(parent, '') != ''"):
                children.setdefault(parent, []).append(aid)
            self._store_cached(versioned, children)
        out = list(dict.fromkeys(ids))
        seen = set(out)
        for parent in out:  # grows while it is walked
            for child in children.get(parent, ()):
                if child not in seen:
                    seen.add(child)
                    out.append(child)
        return out

    def names_taken(self, f: EventFilter) -> list[NameMatch]:
        """What each actor and town name of `f` took (for a caller to say
        so), an actor's parts those with the most events in the store
        first. Raises UnknownName for a name that names nothing."""
        out = []
        for a in f.actors:
            named = self.resolve("actor", a)
            parts = [] if f.exact else self._with_parts(named)[len(named):]
            if parts:
                marks = ",".join("?" * len(parts))
                n = dict(self.execute(f"select id, n from facet_counts where kind = 'actor' and id in ({marks})",
                                      parts))
                parts.sort(key=lambda i: -n.get(i, 0))  # stable: nearest first among equals
            taken = named + tuple(parts)
            out.append(NameMatch("actor", a, named, taken, self.labels("actor", taken)))
        for t in f.towns:
            named = self.resolve("place", t)
            out.append(NameMatch("place", t, named, named, self.labels("place", named)))
        return out

    # -- dispute subjects ---------------------------------------------------------
    def subjects(self) -> dict[str, tuple[str, str, tuple[str, ...]]]:
        """{id: (name_en, name_ar, keywords)} of the dispute subjects: those
        of subjects.tsv (its keywords are their aliases) and any other the
        positions table holds."""
        from ..nlp.dictionaries import default_dictionaries

        out = {r["id"]: (r.get("name_en", ""), r.get("name_ar", ""),
                         tuple(k.strip() for k in r.get("keywords", "").split("|") if k.strip()))
               for r in default_dictionaries().subjects}
        for sid, en, ar in self.execute("select distinct subject, subject_en, subject_ar from positions"):
            out.setdefault(sid, (en or "", ar or "", ()))
        return out

    def resolve_subject(self, text: str) -> tuple[str, ...]:
        """Ids of the dispute subjects `text` names: an id, a name or a
        keyword, matched as actors are (`resolve`). Raises UnknownName with
        the nearest subjects."""
        subjects = self.subjects()
        norms: dict[str, set] = {}
        for sid, (en, ar, keywords) in subjects.items():
            for name in (sid, en, ar, *keywords):
                if normalize(name).strip():
                    norms.setdefault(normalize(name).strip(), set()).add(sid)
        for c in _name_variants(text):
            if c in norms:
                return tuple(sorted(norms[c]))
        close = difflib.get_close_matches(normalize(text).strip(), norms, n=8, cutoff=0.6)
        ids = list(dict.fromkeys(i for c in close for i in sorted(norms[c])))[:4]
        raise UnknownName("subject", text, [self.subject_label(i, subjects) for i in ids])

    def subject_label(self, sid: str, subjects: dict | None = None) -> str:
        en, ar, _ = (subjects or self.subjects()).get(sid, (sid, "", ()))
        return f"{en or sid} ({ar})" if ar else en or sid

    def complete(self, kind: str, prefix: str, limit: int = 10) -> list[tuple[str, str, str]]:
        """(id, name_en, name_ar) of entries a typed prefix may mean, the ones
        with events first."""
        norm = normalize(prefix).strip()
        if not norm:
            return []
        table = "actors" if kind == "actor" else "places"
        count_col = "actor1_id" if kind == "actor" else "place_id"
        rows = self.execute(
            f"select t.id, t.name_en, t.name_ar, "
            f" (select count(*) from (select 1 from events where {count_col} = t.id limit 1000)) as n"
            f" from {table} t where t.id in (select entity_id from names where kind = ? and norm >= ? and norm < ?"
            f" limit 200) order by n desc, length(t.name_en) limit ?",
            [kind, norm, norm + "\uffff", limit],
        ).fetchall()
        return [(r[0], r[1], r[2]) for r in rows]

    # -- filters --------------------------------------------------------------
    def where(self, f: EventFilter, alias: str = "e", indexed: bool = False) -> tuple[str, list]:
        """The WHERE clause (without the keyword) and its parameters;
        `indexed`: the caller adds a clause of its own that an index serves."""
        clauses: list[str] = []
        params: list = []
        if f.actors:
            ids = self.actor_ids(f)
            marks = ",".join("?" * len(ids))
            clauses.append(f"({alias}.actor1_id in ({marks}) or {alias}.actor2_id in ({marks}))")
            params += ids + ids
        if f.towns:
            ids = sorted({i for t in f.towns for i in self.resolve("place", t)})
            marks = ",".join("?" * len(ids))
            clauses.append(f"{alias}.place_id in (select place_id from place_ancestors where ancestor_id in ({marks}))")
            params += ids
        if f.types:
            clauses.append(f"{alias}.event_type in ({','.join('?' * len(f.types))})")
            params += list(f.types)
        dates, date_params = _date_clause(f, alias, indexed)
        if dates:
            clauses.append(dates)
            params += date_params
        if f.ids:
            clauses.append(f"{alias}.id in ({','.join('?' * len(f.ids))})")
            params += list(f.ids)
        if f.text:
            q = " ".join(f'"{search_key(t.norm)}"' for t in tokenize(f.text))
            clauses.append(
                f"{alias}.id in (select r.event_id from reports r where r.sentence_id in"
                f" (select rowid from sentences_fts where sentences_fts match ?))"
            )
            params.append(q or '""')
        clauses += self._review_clauses(f, alias)
        return (" and ".join(clauses) or "1"), params

    def _review_clauses(self, f: EventFilter, alias: str) -> list[str]:
        """The review filter, the rejected events left out (only when the
        store has any: a query of the partial index) and the contested ones."""
        if f.review not in REVIEW_FILTERS:
            raise ValueError(f"review must be one of {', '.join(REVIEW_FILTERS)}, not {f.review!r}")
        out = [REVIEW_FILTERS[f.review].format(e=alias)] if REVIEW_FILTERS[f.review] else []
        if not f.include_rejected and f.review != "rejected" and self._has_rejected():
            out.append(not_rejected(f"{alias}.id"))
        if f.contested:
            out.append(f"{alias}.id in (select value from json_each('{json.dumps(self.contested_ids())}'))")
        return out

    def _has_rejected(self) -> bool:
        return self.execute("select exists (select 1 from events where review = 'rejected')").fetchone()[0] == 1

    def count(self, f: EventFilter) -> int:
        key = ("count", f)
        versioned, cached = self._cached(key)
        if cached is not None:
            return cached
        branches = self._branches(f)
        if len(branches) == 1:
            where, params = branches[0]
            n = self.execute(f"select count(*) from events e where {where}", params).fetchone()[0]
        else:  # actor1 or actor2: |B1| + |B2| - |both|, each counted on a covering index
            sql = " + ".join(f"(select count(*) from events e where {w})" for w, _ in branches[:2])
            sql = f"select {sql} - (select count(*) from events e where {branches[2][0]})"
            n = self.execute(sql, [x for _, p in branches for x in p]).fetchone()[0]
        return self._store_cached(versioned, n)

    def undated_left_out(self, f: EventFilter) -> int:
        """How many undated events `f` leaves out (its date bounds, or
        undated="exclude", do) that it would hold otherwise: for a caller
        to say so."""
        if f.undated in ("include", "only") or (f.undated is None and not f.has_date_bounds()):
            return 0
        return self.count(f.with_(since=None, until=None, undated="only"))

    def page(self, f: EventFilter, offset: int = 0, limit: int = 100,
             order: tuple[str, bool] | None = None) -> list[EventRow]:
        """Rows `offset`..`offset+limit` in (date desc, id desc) order, fast
        at any offset: the ids of the page come from a covering-index scan
        first, and only those rows are joined (the app's table jumps
        anywhere in a million events). `order`: (a key of SORT_KEYS,
        descending) sorts by that column instead, then by id."""
        if order is None or order == DEFAULT_ORDER:
            return self._rows_by_ids(self._page_ids(f, limit, offset))
        return self._rows_by_ids(self._sorted_ids(f, order, limit, offset))

    def _sorted_ids(self, f: EventFilter, order: tuple[str, bool], limit: int, offset: int) -> list[int]:
        """Ids of a page sorted by a whitelisted column (empty values last in
        either direction), ties by id in the same direction."""
        key, descending = order
        if key not in SORT_KEYS:
            raise ValueError(f"cannot sort by {key!r} (one of: {', '.join(SORT_KEYS)})")
        expr, way = SORT_KEYS[key], "desc" if descending else "asc"
        where, params = self._where_for_scan(f)
        sql = (f"select e.id from events e where {where}"
               f" order by {expr} is null, {expr} {way}, e.id {way} limit ? offset ?")
        return [r[0] for r in self.execute(sql, params + [limit, offset])]

    def page_after(self, f: EventFilter, after: tuple[str | None, int] | None, limit: int = 100) -> list[EventRow]:
        """Keyset paging: the rows after (date, id) in (date desc, id desc)."""
        return self._rows_by_ids(self._page_ids(f, limit, 0, after))

    # -- fast paths (bench/README.md) ---------------------------------------------
    def _branches(self, f: EventFilter) -> list[tuple[str, list]]:
        """WHERE clauses for `f`: one, or for actors [actor1 branch, actor2
        branch, both], so that each is served by one covering index instead
        of a multi-index OR that reads every matching row."""
        if not f.actors:
            return [self.where(f)]
        ids = self.actor_ids(f)
        rest, rparams = self.where(f.with_(actors=()), indexed=True)
        marks = ",".join("?" * len(ids))
        return [
            (f"e.actor1_id in ({marks}) and {rest}", ids + rparams),
            (f"e.actor2_id in ({marks}) and {rest}", ids + rparams),
            (f"e.actor1_id in ({marks}) and e.actor2_id in ({marks}) and {rest}", ids + ids + rparams),
        ]

    def _page_ids(self, f: EventFilter, limit: int, offset: int = 0,
                  after: tuple[str | None, int] | None = None) -> list[int]:
        """Ids of a page in (date desc, id desc) order (undated last)."""
        branches = self._branches(f)[:2]
        if len(branches) == 1 and after is None:
            where, params = branches[0]
            return [r[0] for r in self.execute(
                f"select e.id from events e where {where} order by e.date desc, e.id desc limit ? offset ?",
                params + [limit, offset])]
        n = limit + offset
        parts: list[str] = []
        params: list = []
        for where, p in branches:
            head = f"select * from (select e.id, e.date from events e where {where}"
            if after is None:
                parts.append(f"{head} order by e.date desc, e.id desc limit ?)")
                params += p + [n]
            elif after[0]:
                d, i = after
                parts.append(f"{head} and (e.date, e.id) < (?, ?) order by e.date desc, e.id desc limit ?)")
                parts.append(f"{head} and e.date is null order by e.id desc limit ?)")
                params += p + [d, i, n] + p + [n]
            else:
                parts.append(f"{head} and coalesce(e.date, '') = '' and e.id < ? order by e.id desc limit ?)")
                params += p + [after[1], n]
        sql = " union ".join(parts) + " order by 2 desc, 1 desc limit ? offset ?"
        return [r[0] for r in self.execute(sql, params + [limit, offset])]

    def _rows_by_ids(self, ids: list[int]) -> list[EventRow]:
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        by_id = {r[0]: _row(r) for r in self.execute(f"{_ROW_SQL} where e.id in ({marks})", ids)}
        return [by_id[i] for i in ids if i in by_id]

    def _where_for_scan(self, f: EventFilter) -> tuple[str, list]:
        """`where(f)`, with an actor filter as the ids of its two index-only
        branches (a multi-index OR would read every row twice)."""
        if not f.actors:
            return self.where(f)
        branches = self._branches(f)[:2]
        sql = " union ".join(f"select e.id from events e where {w}" for w, _ in branches)
        return f"e.id in ({sql})", [x for _, p in branches for x in p]

    def _data_version(self) -> str:
        row = self.execute("select value from meta where key = 'data_version'").fetchone()
        return row[0] if row else "0"

    def _cached(self, key) -> tuple[tuple, object]:
        """(the cache key of `key` at the store's data version now, the
        answer cached under it or None). The answer computed after a miss is
        stored under that same key: an ingest committing meanwhile then
        leaves it stale, not filed under the new version."""
        versioned = (self._data_version(), key)
        return versioned, self._facet_cache.get(versioned)

    def _store_cached(self, versioned: tuple, value):
        if len(self._facet_cache) > 512:
            self._facet_cache.clear()
        self._facet_cache[versioned] = value
        return value

    def _facets_table_current(self) -> bool:
        """Whether `facet_counts` (refreshed after each ingest) is current."""
        try:
            return get_meta(self.db, "facets_version") == facets_stamp(self.db)
        except Exception:  # noqa: BLE001 - an old or read-only store: count live
            return False

    def _sum(self, f: EventFilter, keys: Sequence[str], extra: str = "", one_row: bool = False) -> dict:
        """{key: count} of the events under `f` grouped by `keys`; with
        one_row, each branch's groups come back as one JSON row (see
        `_sum_branches_json`)."""
        if one_row:
            return self._sum_branches_json(f, keys, extra)
        group = ", ".join(str(i + 1) for i in range(len(keys)))
        return self._sum_branches(f, ", ".join(keys), group, extra)

    def _sum_branches(self, f: EventFilter, select: str, group: str, extra: str = "") -> dict:
        """{key: count} of `select ... group by` over `f`, added over the
        actor branches (B1 + B2 - both) when `f` names actors."""
        branches = self._branches(f)
        out: dict = {}
        for k, (where, params) in enumerate(branches):
            sign = -1 if k == 2 else 1
            for *key, n in self.execute(
                    f"select {select}, count(*) from events e where {where} {extra} group by {group}", params):
                key = tuple(key) if len(key) > 1 else key[0]
                out[key] = out.get(key, 0) + sign * n
        return out

    def _lookup(self, table: str) -> dict:
        key = ("lookup", table)
        versioned, cached = self._cached(key)
        if cached is None:
            if table == "actors":
                cached = {r[0]: r for r in self.execute("select id, name_en, name_ar, kind from actors")}
            elif table == "places":
                cached = {r[0]: r for r in self.execute(
                    "select id, name_en, name_ar, kind, parent, lat, lon, geo_precision from places")}
            else:
                cached = {}
                for pid, anc in self.execute("select place_id, ancestor_id from place_ancestors"):
                    cached.setdefault(pid, []).append(anc)
            self._store_cached(versioned, cached)
        return cached

    def ids(self, f: EventFilter) -> list[int]:
        where, params = self._where_for_scan(f)
        return [r[0] for r in self.execute(f"select e.id from events e where {where} order by e.date desc, e.id desc", params)]

    def detail(self, event_id: int) -> EventDetail | None:
        row = self.execute(f"{_ROW_SQL} where e.id = ?", [event_id]).fetchone()
        if not row:
            return None
        reports = [
            ReportDetail(r[0], r[1], r[2], r[3], r[4], r[5], r[6], json.loads(r[7] or "{}"), r[8], r[9], r[10], r[11],
                         r[12])
            for r in self.execute(
                "select r.id, a.id, a.title, a.source, a.published, a.path, s.text, r.spans, r.rule, r.date,"
                " r.date_precision, rb.name_en, a.url from reports r join articles a on a.id = r.article_id"
                " join sentences s on s.id = r.sentence_id left join actors rb on rb.id = r.reported_by_id"
                " where r.event_id = ? order by r.id",
                [event_id],
            )
        ]
        precision = self.execute("select geo_precision from places where id = ?", [row[10]]).fetchone()
        return EventDetail(_row(row), reports, precision[0] if precision else None)

    # -- facets -----------------------------------------------------------------
    def actor_facets(self, f: EventFilter, limit: int = 500, one_row: bool = False) -> list[Facet]:
        """Actors with their event counts (as actor1 or actor2) under `f`."""
        return self._facets("actor", f, limit, lambda: self._actor_counts(f, one_row),
                            lambda r, n: Facet(r[0], r[1], r[2], r[3], n))

    def _actor_counts(self, f: EventFilter, one_row: bool) -> dict:
        if f.actors:
            counts: dict = {}
            for (a1, a2), n in self._sum(f, ("e.actor1_id", "e.actor2_id"), one_row=one_row).items():
                for a in (a1, a2):
                    if a is not None:
                        counts[a] = counts.get(a, 0) + n
            return counts
        counts = self._sum(f, ("e.actor1_id",), "and e.actor1_id is not null", one_row)
        for a, n in self._sum(f, ("e.actor2_id",), "and e.actor2_id is not null", one_row).items():
            counts[a] = counts.get(a, 0) + n
        return counts

    def place_facets(self, f: EventFilter, limit: int = 2000, one_row: bool = False) -> list[Facet]:
        """Places with event counts under `f`, each count including the
        events of the places inside it, with their ancestors listed too so
        the caller can draw the tree (country → governorate → town → ...)."""
        return self._facets("place", f, limit, lambda: self._place_counts(f, one_row),
                            lambda r, n: Facet(r[0], r[1], r[2], r[3], n, r[4], r[5], r[6], r[7]))

    def _place_counts(self, f: EventFilter, one_row: bool) -> dict:
        counts: dict = {}
        ancestors = self._lookup("place_ancestors")
        for pid, n in self._sum(f, ("e.place_id",), "and e.place_id is not null", one_row).items():
            for anc in ancestors.get(pid, ()):
                counts[anc] = counts.get(anc, 0) + n
        return counts

    def _facets(self, kind: str, f: EventFilter, limit: int, count: Callable[[], dict],
                facet: Callable[[tuple, int], Facet]) -> list[Facet]:
        """The `limit` actors or places (`kind`) with the most events under
        `f`, cached: counted by `count`, or read from `facet_counts` when `f`
        is empty and the table is current; `facet` makes each from its
        looked-up row and its count."""
        versioned, cached = self._cached((kind + "s", f, limit))
        if cached is not None:
            return cached
        if f.is_empty() and self._facets_table_current():
            counts = dict(self.execute("select id, n from facet_counts where kind = ?", [kind]))
        else:
            counts = count()
        entries = self._lookup(kind + "s")
        rows = [(entries[i], n) for i, n in counts.items() if n > 0 and i in entries]
        rows.sort(key=lambda r: (-r[1], r[0][1] or ""))
        return self._store_cached(versioned, [facet(r, n) for r, n in rows[:limit]])

    def type_facets(self, f: EventFilter) -> list[tuple[str, int]]:
        counts = self._sum_branches(f, "e.event_type", "1")
        return sorted(((t, n) for t, n in counts.items() if n > 0), key=lambda r: -r[1])

    def timeline(self, f: EventFilter, bucket: str = "day", one_row: bool = False) -> list[tuple[str, int]]:
        """(period start, events) for dated events under `f`; bucket is
        'day', 'week' (ISO weeks, labelled by their Monday) or 'month'."""
        expr = {
            "day": "e.date",
            "week": "date(e.date, '-' || ((cast(strftime('%w', e.date) as integer) + 6) % 7) || ' days')",
            "month": "substr(e.date, 1, 7) || '-01'",
        }[bucket]
        counts = self._sum(f, (expr,), "and e.date is not null", one_row)
        return sorted((d, n) for d, n in counts.items() if n > 0 and d is not None)

    def invalidate(self) -> None:
        """Forget cached facets (after an ingest)."""
        self._facet_cache.clear()
        self._resolve_cache.clear()

    # -- facts --------------------------------------------------------------------
    def article_count(self) -> int:
        """How many articles the store holds."""
        return self.execute("select count(*) from articles").fetchone()[0]

    def stats(self) -> dict:
        one = lambda sql: self.execute(sql).fetchone()[0]  # noqa: E731
        return {
            "schema_version": schema_version(self.db),
            "articles": one("select count(*) from articles"),
            "sentences": one("select count(*) from sentences"),
            "reports": one("select count(*) from reports"),
            "events": one("select count(*) from events"),
            "positions": one("select count(*) from positions"),
            "actors": one("select count(*) from actors"),
            "places": one("select count(*) from places"),
        }

    def health(self) -> dict:
        """The integrity check, and the counts that must be 0 because an
        article is stored whole or not at all."""
        rows = self.execute("pragma integrity_check").fetchall()
        return {
            "integrity_check": "; ".join(str(r[0]) for r in rows[:5]),
            "partial_articles": self.execute(
                "select count(*) from articles a where a.n_reports !="
                " (select count(*) from reports r where r.article_id = a.id)").fetchone()[0],
            "orphan_rows": self.execute(
                "select (select count(*) from reports where article_id not in (select id from articles))"
                " + (select count(*) from sentences where article_id not in (select id from articles))"
            ).fetchone()[0],
        }

    def is_empty(self) -> bool:
        return self.execute("select not exists (select 1 from articles)").fetchone()[0] == 1

    # -- contract rows ------------------------------------------------------------
    def iter_records(self, f: EventFilter, batch: int = 2000, bulk: bool = False) -> Iterator[dict]:
        """Events under `f` as output-contract dicts (README, "Output
        contract"), streamed: memory stays flat however many there are.
        `bulk`: the caller reads them all (see `record_rows`)."""
        actors: dict[str, dict | None] = {}
        places: dict[str, dict | None] = {}
        actor_ref, place_ref = self.actor_ref, self.place_ref
        for rows in self.record_rows(f, batch, bulk):
            for r in rows:
                yield {
                    "id": r[0],
                    "event_type": r[1],
                    "date": r[2],
                    "date_precision": r[3],
                    "actor1": actor_ref(r[4], actors),
                    "actor2": actor_ref(r[5], actors),
                    "reported_by": actor_ref(r[6], actors),
                    "place": place_ref(r[7], places),
                    "article": {"id": r[8], "title": r[16], "source": r[17], "published": r[18], "path": r[19],
                                "url": r[20]},
                    "sentence": r[9],
                    "reports": r[10],
                    "sources": r[11],
                    "fatalities": r[12],
                    "negated": bool(r[13]),
                    "hedged": bool(r[14]),
                    "review": r[15],
                }

    def record_rows(self, f: EventFilter, batch: int = 2000, bulk: bool = False, articles: bool = True,
                    span: tuple | None = None) -> Iterator[list[tuple]]:
        """The rows of `iter_records` (_RECORD_SQL's columns; without
        `articles`, _EVENT_SQL's: no article columns, see `article_rows`) in
        (date desc, id desc) order, a list at a time.

        `bulk` says the caller reads them all. When `bulk_scan(f)`, they are
        read by a full scan that SQLite sorts, on `_bulk_reader`: a third of
        the time of walking the date index with a random row lookup per
        event, but the first row comes only after the sort. `span`, a
        (start, stop) pair of `split_keys` (None: open), reads that way only
        the events from start up to stop. Otherwise, without an actor filter,
        one query. With one, the ids come from the two per-role branches,
        each read in keyset order from its covering index and merged here
        (an event in both is yielded once), and only the rows of each batch
        of ids are read: the first records cost a small index read, not a
        scan of every event for membership in a union."""
        head = _RECORD_SQL if articles else _EVENT_SQL
        scan = span is not None or (bulk and self.bulk_scan(f))
        if scan or not f.actors:
            where, params = self.where(f)
            conn = self.conn
            if scan:
                head = head.replace(" from events e", " from events e not indexed", 1)
                conn = self._bulk_reader() or conn
                for key, inside in zip(span or (), ("not ", "")):  # not before its start, before its stop
                    if key is not None:
                        where += f" and {inside}{_BEFORE_KEY}"
                        params += [key[0], key[0], key[0], key[1]]
            cur = conn.cursor()
            try:
                cur.execute(f"{head} where {where} order by e.date desc, e.id desc", params)
                while rows := cur.fetchmany(batch):
                    yield rows
            finally:
                cur.close()
            return
        ids = self._merged_ids(f)
        size = min(100, batch)  # small first: `events` shows 50
        while chunk := list(itertools.islice(ids, size)):
            marks = ",".join("?" * len(chunk))
            by_id = {r[0]: r for r in self.execute(f"{head} where e.id in ({marks})", chunk)}
            yield [by_id[i] for i in chunk if i in by_id]
            size = min(size * 4, batch)

    def bulk_scan(self, f: EventFilter) -> bool:
        """Whether `record_rows(f, bulk=True)` reads by a full scan: `f`
        selects at least BULK_SHARE of the events (below, walking an index
        is cheaper) and the bulk reader sees what this connection sees."""
        return self.count(f) >= BULK_SHARE * self.count(EventFilter()) and self._bulk_reader() is not None

    def split_keys(self, f: EventFilter, parts: int) -> list[tuple]:
        """The (date, id) keys that cut the events under `f`, in (date desc,
        id desc) order, into `parts` runs of about equal length: the first
        key of every run but the first (for `record_rows(span=...)`). Read
        on the bulk reader, from the date index when `f` is empty. For a
        store whose date column is TEXT, as the schema makes it."""
        where, params = self.where(f)
        sql = f"select e.date, e.id from events e where {where} order by e.date desc, e.id desc limit 1 offset ?"
        conn = self._bulk_reader() or self.conn
        n = self.count(f)
        return [tuple(r) for k in range(1, parts) for r in conn.execute(sql, params + [n * k // parts])]

    def _bulk_reader(self) -> sqlite3.Connection | None:
        """The read-only connection of the bulk reads (`record_rows(bulk=True)`
        scans, `article_rows`), opened on first use: its sorts spill to
        temporary files (temp_store = MEMORY would hold every row being
        sorted) and it has no memory map and a small page cache, so memory
        stays flat however much it reads. None when a second connection
        would not see what this one sees (uncommitted changes, a store that
        is no file)."""
        if self.conn.in_transaction or not self.path.is_file():
            return None
        if self._bulk_conn is None:
            conn = connect(self.path, readonly=True).conn
            for pragma in ("temp_store = FILE", "cache_size = -2000", "mmap_size = 0"):
                conn.execute(f"pragma {pragma}")
            self._bulk_conn = conn
        return self._bulk_conn

    def article_rows(self, ids: Iterable) -> dict:
        """{article id: (title, source, published, path, url)} of the
        articles with these ids (the ones that exist), as _RECORD_SQL joins
        them; read on the bulk reader."""
        conn = self._bulk_reader() or self.conn
        ids = list(ids)
        out = {}
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            for r in conn.execute(f"select id, {_ARTICLE_COLUMNS} from articles where id in"
                                  f" ({','.join('?' * len(chunk))})", chunk):
                out[r[0]] = r[1:]
        return out

    def _merged_ids(self, f: EventFilter) -> Iterator[int]:
        """Ids under `f` (which names actors) in (date desc, id desc) order:
        the actor1 and actor2 branches merged, duplicates dropped. A branch
        is read one actor id at a time, each in the order of its (actor,
        date, id) index, so that an actor with its parts streams its first
        rows without a sort of all of them."""
        rest, rparams = self.where(f.with_(actors=()), indexed=True)
        cursors = []
        for role in ("actor1_id", "actor2_id"):
            for aid in self.actor_ids(f):
                cur = self.conn.cursor()
                cur.execute(f"select e.date, e.id from events e where e.{role} = ? and {rest}"
                            " order by e.date desc, e.id desc", [aid, *rparams])
                cursors.append(cur)
        last = None
        for _, i in heapq.merge(*cursors, key=_sqlite_order, reverse=True):
            if i != last:
                yield i
                last = i

    def actor_ref(self, actor_id: str | None, cache: dict) -> dict | None:
        if actor_id is None:
            return None
        if actor_id not in cache:
            row = self.execute("select id, name_en, name_ar, kind, country from actors where id = ?", [actor_id]).fetchone()
            cache[actor_id] = ({"id": row[0], "name_en": row[1], "name_ar": row[2], "kind": row[3], "country": row[4]}
                               if row else {"id": actor_id, "name_en": None, "name_ar": None, "kind": None, "country": None})
        return cache[actor_id]

    def place_ref(self, place_id: str | None, cache: dict) -> dict | None:
        if place_id is None:
            return None
        if place_id not in cache:
            row = self.execute(
                "select p.id, p.name_en, p.name_ar, p.kind, p.lat, p.lon, p.country, p.admin1, g.name_en,"
                " p.geo_precision from places p left join places g on g.id = p.admin1 where p.id = ?",
                [place_id],
            ).fetchone()
            cache[place_id] = (
                {"id": row[0], "name_en": row[1], "name_ar": row[2], "kind": row[3], "lat": row[4], "lon": row[5],
                 "country": row[6], "admin1": row[8], "geo_precision": row[9]}
                if row else {"id": place_id, "name_en": None, "name_ar": None, "kind": None, "lat": None, "lon": None,
                             "country": None, "admin1": None, "geo_precision": None}
            )
        return cache[place_id]

    # -- added for the app --------------------------------------------------------
    # The panes' facets and timeline, as `actor_facets`, `place_facets` and
    # `timeline` give them (same results, same cache), but with each branch's
    # groups read as ONE row (a JSON array built by SQLite): a thread worker
    # stepping through hundreds of rows waits for the GIL at every one while
    # the UI thread draws.
    def _sum_branches_json(self, f: EventFilter, keys: Sequence[str], extra: str = "") -> dict:
        """`_sum_branches(f, ", ".join(keys), ...)`, one row per branch."""
        cols = ", ".join(f"{k} k{i}" for i, k in enumerate(keys))
        arr = ", ".join(f"k{i}" for i in range(len(keys)))
        group = ", ".join(str(i + 1) for i in range(len(keys)))
        out: dict = {}
        for b, (where, params) in enumerate(self._branches(f)):
            sign = -1 if b == 2 else 1
            (doc,) = self.execute(
                f"select json_group_array(json_array({arr}, n)) from (select {cols}, count(*) n"
                f" from events e where {where} {extra} group by {group})", params).fetchone()
            for *key, n in json.loads(doc or "[]"):
                key = tuple(key) if len(key) > 1 else key[0]
                out[key] = out.get(key, 0) + sign * n
        return out

    def use_small_caches(self) -> None:
        """Read through small page caches and no mmap window: each of the
        app's connections would otherwise count up to 256 MB of mapped pages
        and 64 MB of cache as resident memory; indexes stay in the OS page
        cache, so queries keep their speed."""
        self.execute("PRAGMA mmap_size = 0")
        self.execute("PRAGMA cache_size = -16000")

    def actor_table(self) -> dict[str, dict]:
        """Every actor by id: names, kind, parent and country."""
        cols = ("id", "name_en", "name_ar", "kind", "parent", "country")
        return {r[0]: dict(zip(cols, r)) for r in self.execute(f"select {', '.join(cols)} from actors")}

    def place_names(self) -> dict[str, str]:
        """Every place's English name by id."""
        return {pid: row[1] for pid, row in self._lookup("places").items()}

    def positions(self) -> list[dict]:
        """Every stored position with its sentence and article, in the order
        the articles were published."""
        sql = (
            "select p.id, p.party_id, p.subject, p.subject_en, p.subject_ar, p.aspect, p.value, p.summary_en,"
            " p.text_ar, p.event_type, p.date, a.id, a.title, a.path, a.published, s.text, s.idx"
            " from positions p join articles a on a.id = p.article_id left join sentences s on s.id = p.sentence_id"
            " order by a.published, a.id, s.idx, p.id"
        )
        return [{
            "id": r[0], "party": r[1], "subject": r[2], "subject_en": r[3], "subject_ar": r[4], "aspect": r[5],
            "value": r[6], "summary_en": r[7], "text_ar": r[8], "event_type": r[9], "date": r[10],
            "article": {"id": r[11], "title": r[12], "path": r[13], "published": r[14]},
            "sentence": r[15] or "", "sentence_idx": r[16],
        } for r in self.execute(sql).fetchall()]

    def column_types(self, table: str) -> dict[str, str]:
        """{column: declared type, upper case} of one of the store's tables."""
        return {r[1]: (r[2] or "").upper() for r in self.execute(f"pragma table_info({table})")}

    def first_rule(self, event_id: int) -> str | None:
        """The rule that fired for an event's first report."""
        row = self.execute(
            "select r.rule from events e join reports r on r.id = coalesce(e.first_report_id,"
            " (select min(id) from reports where event_id = e.id)) where e.id = ?", [event_id]).fetchone()
        return row[0] if row and row[0] else None

    def warm_lookups(self) -> None:
        """Load the actor, place and place-ancestor tables the facets join
        in Python (each connection loads them on first use: a few ms alone,
        far longer beside the UI thread, a row at a time): the app calls
        this in the background after its first paint, so that the first
        filter change does not pay for it."""
        for table in ("actors", "places", "place_ancestors"):
            self._lookup(table)
    # -- end of additions for the app ---------------------------------------------


def _row(r) -> EventRow:
    return EventRow(*r[:17], bool(r[17]), bool(r[18]), r[19], r[20])
