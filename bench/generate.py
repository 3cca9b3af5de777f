"""Synthetic data for the benchmarks.

Two generators:

- ``articles``: N synthetic Arabic articles (~6 KB each by default) built
  from the sentences of sample_articles/*.txt and tests/articles/*.txt, with
  the towns and actors they mention replaced by ones drawn (Zipf) from the
  dictionaries and the years and publication dates drawn over 2011-2019.
  Written as .txt files with YAML front matter (what `conflictui ingest`
  reads), 1,000 per sub-folder.

- ``store``: a store of N events (1,000,000 by default) written straight
  into the schema with executemany in big transactions: articles, sentences
  (+ sentences_fts), reports and events, with Zipf-distributed actors and
  places and dates over 2011-2019. Set up with store.db.schema.ensure_schema and
  store.db.ingest.sync_dictionaries, finished with the same facet refresh that
  an ingest runs.

    python bench/generate.py articles bench/out/articles --n 2000
    python bench/generate.py store bench/out/events_1m.db --events 1000000

Everything is seeded: the same arguments give the same data.
"""
from __future__ import annotations

import argparse
import bisect
import datetime as dt
import hashlib
import itertools
import json
import random
import re
import sqlite3
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from store.text.arabic import normalize_for_search, split_sentences  # noqa: E402
from store.text.articles import read_paths  # noqa: E402
from store.nlp.cues import EVENT_TYPES  # noqa: E402
from store.nlp.dictionaries import Actor, Dictionaries, default_dictionaries  # noqa: E402

SOURCES = ["aljazeera.net", "alarabiya.net", "bbc.com/arabic", "france24.com/ar", "aawsat.com", "enabbaladi.net",
           "sana.sy", "almadapaper.net", "rudaw.net", "sputniknews.com/arabic", "skynewsarabia.com", "youm7.com"]
DAY0 = dt.date(2011, 3, 15)
DAY1 = dt.date(2019, 12, 31)

# Used only while store/data/actors.tsv is absent, so that the benchmark
# still has actors to filter and count (ids as in tests/gold).
FALLBACK_ACTORS = [
    ("isis", "ISIS", "داعش", "armed_group", ""), ("syrian-army", "Syrian Army", "الجيش السوري", "state_force", "SY"),
    ("iraqi-forces", "Iraqi forces", "القوات العراقية", "state_force", "IQ"),
    ("sdf", "SDF", "قوات سوريا الديمقراطية", "armed_group", "SY"), ("russia", "Russia", "روسيا", "government", "RU"),
    ("us-coalition", "US-led coalition", "التحالف الدولي", "coalition", ""),
    ("hts", "HTS", "هيئة تحرير الشام", "armed_group", "SY"), ("turkey", "Turkey", "تركيا", "government", "TR"),
    ("fsa", "Free Syrian Army", "الجيش الحر", "armed_group", "SY"), ("pmf", "PMF", "الحشد الشعبي", "militia", "IQ"),
    ("ypg", "YPG", "وحدات حماية الشعب", "armed_group", "SY"), ("israel", "Israel", "إسرائيل", "government", "IL"),
    ("iran", "Iran", "إيران", "government", "IR"), ("hezbollah", "Hezbollah", "حزب الله", "armed_group", "LB"),
    ("sohr", "SOHR", "المرصد السوري لحقوق الإنسان", "monitor", ""),
    ("un", "United Nations", "الأمم المتحدة", "international_body", ""),
    ("unsc", "UN Security Council", "مجلس الأمن", "international_body", ""),
    ("usa", "United States", "الولايات المتحدة", "government", "US"),
    ("syrian-government", "Syrian government", "الحكومة السورية", "government", "SY"),
    ("iraqi-government", "Iraqi government", "الحكومة العراقية", "government", "IQ"),
    ("peshmerga", "Peshmerga", "البيشمركة", "state_force", "IQ"), ("jaysh-al-islam", "Jaysh al-Islam", "جيش الإسلام", "armed_group", "SY"),
    ("ahrar-al-sham", "Ahrar al-Sham", "أحرار الشام", "armed_group", "SY"), ("nusra", "Nusra Front", "جبهة النصرة", "armed_group", "SY"),
    ("white-helmets", "White Helmets", "الخوذ البيضاء", "monitor", "SY"), ("opcw", "OPCW", "منظمة حظر الأسلحة الكيميائية", "international_body", ""),
]


def dictionaries() -> Dictionaries:
    d = default_dictionaries()
    if not d.actors:
        for aid, en, ar, kind, country in FALLBACK_ACTORS:
            d.actors[aid] = Actor(aid, en, ar, [], kind, country, "")
    return d


class Zipf:
    """Draw items with probability proportional to 1 / rank**s."""

    def __init__(self, items: list, s: float = 1.1):
        self.items = items
        weights = [1.0 / (r + 1) ** s for r in range(len(items))]
        self.cum = list(itertools.accumulate(weights))
        self.total = self.cum[-1]

    def __call__(self, rng: random.Random):
        return self.items[bisect.bisect_left(self.cum, rng.random() * self.total)]


def ranked_places(d: Dictionaries, rng: random.Random) -> list:
    """Places an event happens in, most eventful first: populated places and
    facilities, ranked by population with a little noise."""
    kinds = {"city", "town", "village", "neighbourhood", "facility", "border_crossing"}
    places = [p for p in d.places.values() if p.kind in kinds and p.name_ar]
    return sorted(places, key=lambda p: -(p.population or 1000) * rng.uniform(0.3, 3.0))


def ranked_actors(d: Dictionaries, rng: random.Random) -> list:
    """Actors, most eventful first: forces and armed groups ahead of
    governments and bodies, ahead of people and media."""
    tier = {"state_force": 0, "armed_group": 0, "militia": 1, "coalition": 1, "government": 2,
            "international_body": 3, "monitor": 3}
    actors = [a for a in d.actors.values() if a.name_ar]
    return sorted(actors, key=lambda a: (tier.get(a.kind, 4), rng.random()))


def random_date(rng: random.Random) -> dt.date:
    return DAY0 + dt.timedelta(days=rng.randrange((DAY1 - DAY0).days + 1))


# -- sentences to build articles from ---------------------------------------
def source_sentences() -> list[str]:
    out = []
    for item in read_paths([str(ROOT / "sample_articles"), str(ROOT / "tests" / "articles")], {}):
        if hasattr(item, "body"):
            out.extend(item.body[s:e] for s, e in split_sentences(item.body))
    return [s for s in out if len(s) > 30]


class Rewriter:
    """Replaces the place and actor names a sentence mentions with drawn ones,
    and its years with the article's year."""

    YEAR = re.compile(r"\b20(1\d|0\d|2\d)\b")

    def __init__(self, d: Dictionaries, sentences: list[str], rng: random.Random):
        text = "\n".join(sentences)
        names = {}
        for p in d.places.values():
            if p.kind in ("city", "town", "governorate", "village") and len(p.name_ar) >= 4 and p.name_ar in text:
                names[p.name_ar] = "place"
        for a in d.actors.values():
            if a.name_ar and len(a.name_ar) >= 4 and a.name_ar in text:
                names[a.name_ar] = "actor"
        self.kind = names
        alts = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
        self.pattern = re.compile(rf"(?<!\w)(?:{alts})(?!\w)") if names else None
        self.places = Zipf(ranked_places(d, rng))
        self.actors = Zipf(ranked_actors(d, rng))

    def __call__(self, sentence: str, year: int, rng: random.Random) -> str:
        if self.pattern is not None:
            def sub(m):
                if self.kind[m.group()] == "place":
                    return self.places(rng).name_ar
                return self.actors(rng).name_ar
            sentence = self.pattern.sub(sub, sentence)
        return self.YEAR.sub(str(year), sentence)


def generate_articles(out: Path, n: int, size: int = 6000, seed: int = 1) -> dict:
    """Write `n` articles of about `size` bytes under `out`; returns totals."""
    rng = random.Random(seed)
    d = dictionaries()
    pool = source_sentences()
    rw = Rewriter(d, pool, rng)
    out.mkdir(parents=True, exist_ok=True)
    total = 0
    for i in range(n):
        published = random_date(rng)
        body: list[str] = []
        nbytes = 0
        while nbytes < size:
            s = rw(rng.choice(pool), published.year, rng)
            body.append(s)
            nbytes += len(s.encode("utf-8")) + 1
        title = body[0][:80].replace('"', "'")
        text = (f'---\ntitle: "{title}"\npublished: {published.isoformat()}\nsource: {rng.choice(SOURCES)}\n'
                f"language: ar\n---\n" + "\n".join(body) + f"\n[{i}]\n")
        sub = out / f"{i // 1000:04d}"
        sub.mkdir(exist_ok=True)
        data = text.encode("utf-8")
        (sub / f"a{i:07d}.txt").write_bytes(data)
        total += len(data)
    return {"articles": n, "bytes": total}


# -- the direct store generator ---------------------------------------------
def generate_store(path: Path, events: int = 1_000_000, seed: int = 2, per_article: int = 4,
                   log=print) -> dict:
    """A store of `events` events written straight into the schema."""
    from store.db.ingest import refresh_facets, sync_dictionaries
    from store.db.schema import connect, ensure_schema, set_meta

    rng = random.Random(seed)
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    d = dictionaries()
    db = connect(path)
    ensure_schema(db)
    sync_dictionaries(db, d)
    conn: sqlite3.Connection = db.conn
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("PRAGMA cache_size = -500000")
    t0 = time.perf_counter()

    pool_src = source_sentences()
    rw = Rewriter(d, pool_src, rng)
    # 20,000 distinct rewritten sentences with their search forms, reused.
    pool = []
    for _ in range(20000):
        s = rw(rng.choice(pool_src), rng.randrange(2011, 2020), rng)[:400]
        pool.append((s, normalize_for_search(s)))
    log(f"  sentence pool ready ({time.perf_counter() - t0:.1f} s)")

    places = Zipf([p.id for p in ranked_places(d, rng)], s=1.05)
    actors = Zipf([a.id for a in ranked_actors(d, rng)], s=1.0)
    # Monitors and media report; states and groups act.
    reporters = [a.id for a in d.actors.values() if a.kind in ("monitor", "media", "government")] or [None]
    etypes = list(EVENT_TYPES)
    eweights = [30 if t in ("armed_clash", "airstrike", "shelling", "territory_taken") else 8 if t in (
        "statement", "accusation", "suicide_or_ied", "attack_on_civilians", "withdrawal") else 2 for t in etypes]
    now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")

    n_articles = max(1, events // per_article)
    event_id = 0
    report_id = 0
    sentence_id = 0
    batch_articles = 20000
    for a0 in range(0, n_articles, batch_articles):
        arts, sents, fts, reps, evs = [], [], [], [], []
        for aid in range(a0 + 1, min(n_articles, a0 + batch_articles) + 1):
            published = random_date(rng)
            src = rng.choice(SOURCES)
            k = per_article if aid < n_articles else events - event_id
            chosen = [rng.choice(pool) for _ in range(max(k, 1))]
            body_parts, offset = [], 0
            for idx, (text, norm) in enumerate(chosen):
                sentence_id += 1
                sents.append((sentence_id, aid, idx, offset, offset + len(text), text, norm))
                fts.append((sentence_id, norm))
                body_parts.append(text)
                offset += len(text) + 1
            body = "\n".join(body_parts)
            h = hashlib.sha256(f"{aid}:{body}".encode()).hexdigest()
            arts.append((aid, h, f"synthetic/{aid:07d}.txt", chosen[0][0][:80], src, published.isoformat(),
                         None, "ar", body, len(chosen), k, None, now))
            for idx in range(k):
                event_id += 1
                report_id += 1
                etype = rng.choices(etypes, eweights)[0]
                a1 = actors(rng)
                a2 = actors(rng) if rng.random() < 0.55 else None
                if a2 == a1:
                    a2 = None
                place = places(rng) if rng.random() < 0.9 else None
                date = published - dt.timedelta(days=rng.choice((0, 0, 0, 1, 1, 2, 3, 7)))
                prec = rng.choices(("day", "week", "month", "year"), (85, 5, 8, 2))[0]
                dstr = date.isoformat() if rng.random() < 0.97 else None
                rb = rng.choice(reporters) if rng.random() < 0.3 else None
                fat = rng.choice((None, None, None, 1, 2, 3, 5, 8, 12, 30))
                neg = int(rng.random() < 0.02)
                hed = int(rng.random() < 0.05)
                text = chosen[idx][0]
                evs.append((event_id, etype, a1, a2, place, dstr, prec if dstr else "unknown", rb, fat, neg, hed,
                            1, 1, report_id, aid, text))
                spans = json.dumps({"cue": [0, 4]}, separators=(",", ":"))
                reps.append((report_id, event_id, aid, sentence_id - len(chosen) + 1 + idx, etype, a1, a2, place,
                             dstr, prec if dstr else "unknown", rb, fat, neg, hed, "synthetic", spans, src))
                if event_id >= events:
                    break
            if event_id >= events:
                break
        with conn:
            conn.executemany("insert into articles(id, hash, path, title, source, published, url, language, body,"
                             " n_sentences, n_reports, notes, ingested_at) values (?,?,?,?,?,?,?,?,?,?,?,?,?)", arts)
            conn.executemany("insert into sentences(id, article_id, idx, start, end, text, norm)"
                             " values (?,?,?,?,?,?,?)", sents)
            conn.executemany("insert into sentences_fts(rowid, norm) values (?,?)", fts)
            conn.executemany("insert into events(id, event_type, actor1_id, actor2_id, place_id, date, date_precision,"
                             " reported_by_id, fatalities, negated, hedged, n_reports, n_sources, first_report_id,"
                             " article_id, sentence) values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", evs)
            conn.executemany("insert into reports(id, event_id, article_id, sentence_id, event_type, actor1_id,"
                             " actor2_id, place_id, date, date_precision, reported_by_id, fatalities, negated, hedged,"
                             " rule, spans, source) values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", reps)
        log(f"  {event_id:,} events ({time.perf_counter() - t0:.0f} s)")
        if event_id >= events:
            break
    with conn:
        set_meta(db, "synthetic", json.dumps({"events": event_id, "seed": seed}))
        refresh_facets(db)
    conn.execute("PRAGMA optimize")
    conn.execute("ANALYZE")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return {"events": event_id, "reports": report_id, "articles": n_articles, "sentences": sentence_id,
            "seconds": time.perf_counter() - t0}


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    a = sub.add_parser("articles", help="synthetic article files")
    a.add_argument("out", type=Path)
    a.add_argument("--n", type=int, default=1000)
    a.add_argument("--size", type=int, default=6000, help="bytes per article (about)")
    a.add_argument("--seed", type=int, default=1)
    s = sub.add_parser("store", help="a store of synthetic events, written directly")
    s.add_argument("out", type=Path)
    s.add_argument("--events", type=int, default=1_000_000)
    s.add_argument("--seed", type=int, default=2)
    args = ap.parse_args(argv)
    if args.cmd == "articles":
        print(generate_articles(args.out, args.n, args.size, args.seed))
    else:
        print(generate_store(args.out, args.events, args.seed))


if __name__ == "__main__":
    main()
