"""A small, fixed event store for the export tests: hand-made dictionaries,
articles and events written through the real StoreWriter, so nothing here
depends on the extractor or on the shipped dictionaries (both change while
extraction improves). Goldens built on it stay stable.

    build_fixture_store(path)                 # the golden fixture: 15 events
    build_fixture_store(path, hostile=True)   # + an article with formula/ANSI/bidi tricks
    build_fixture_store(path, bulk=20000)     # + 20,000 generated events (streaming test)
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from store.text.articles import Article
from store.nlp.dictionaries import Actor, Dictionaries, Place
from store.nlp.extract import Event, Extraction, Sentence
from store.db.ingest import StoreWriter, sync_dictionaries
from store.db.query import EventStore
from store.db.schema import connect, ensure_schema

ACTORS = [
    Actor("syrian-army", "Syrian Arab Army", "الجيش السوري", ["الجيش العربي السوري", "SAA"], "state_force", "SY"),
    Actor("isis", "ISIS", "داعش", ["تنظيم الدولة", "Islamic State"], "armed_group", ""),
    Actor("sdf", "Syrian Democratic Forces", "قوات سوريا الديمقراطية", ["قسد", "SDF"], "armed_group", "SY"),
    Actor("russian-af", "Russian Aerospace Forces", "الطيران الروسي", ["القوات الجوية الروسية"], "state_force", "RU"),
    Actor("iraqi-army", "Iraqi Army", "الجيش العراقي", [], "state_force", "IQ"),
    Actor("coalition", "US-led coalition", "التحالف الدولي", ["التحالف"], "coalition", ""),
    Actor("ndf", "National Defence Forces", "قوات الدفاع الوطني", [], "militia", "SY"),
    Actor("sana", "SANA", "سانا", ["الوكالة العربية السورية للأنباء"], "media", "SY", "syrian-government"),
    Actor("syrian-government", "Syrian government", "الحكومة السورية", ["دمشق"], "government", "SY"),
    Actor("sohr", "Syrian Observatory for Human Rights", "المرصد السوري لحقوق الإنسان", ["المرصد"], "monitor", "GB"),
    Actor("un-security-council", "UN Security Council", "مجلس الأمن", [], "international_body", ""),
    Actor("russia", "Russia", "روسيا", [], "government", "RU"),
]
HOSTILE_ACTOR = Actor("hostile", "=cmd|' /C calc'!A0", "@SUM(1+1)", ["-evil"], "armed_group", "SY")

PLACES = [
    Place("SY", "Syria", "سوريا", [], "country", 35.0, 38.5),
    Place("IQ", "Iraq", "العراق", [], "country", 33.0, 43.7),
    Place("SY-DY", "Deir ez-Zor Governorate", "محافظة دير الزور", [], "governorate", 35.0, 40.5, "SY", "SY"),
    Place("deir-ez-zor", "Deir ez-Zor", "دير الزور", ["دير الزور"], "city", 35.3359, 40.1408, "SY-DY", "SY"),
    Place("hamidiyah", "Al-Hamidiyah (Deir ez-Zor)", "حي الحميدية", [], "neighbourhood", 35.333, 40.152,
          "deir-ez-zor", "SY"),
    Place("SY-RA", "Raqqa Governorate", "محافظة الرقة", [], "governorate", 35.9, 38.9, "SY", "SY"),
    Place("raqqa", "Raqqa", "الرقة", [], "city", 35.9528, 39.0079, "SY-RA", "SY"),
    Place("SY-ID", "Idlib Governorate", "محافظة إدلب", [], "governorate", 35.8, 36.6, "SY", "SY"),
    Place("khan-shaykhun", "Khan Shaykhun", "خان شيخون", [], "town", 35.4417, 36.6506, "SY-ID", "SY"),
    Place("IQ-NI", "Nineveh Governorate", "محافظة نينوى", [], "governorate", 36.2, 42.5, "IQ", "IQ"),
    Place("mosul", "Mosul", "الموصل", [], "city", 36.335, 43.1189, "IQ-NI", "IQ"),
    Place("euphrates", "Euphrates", "نهر الفرات", [], "river", 35.3, 40.15, "SY", "SY"),
    Place("nowhere-village", "Unmapped village", "قرية مجهولة", [], "village", None, None, "SY-DY", "SY"),
]


class FixtureDictionaries(Dictionaries):
    """Dictionaries from the lists above instead of the shipped files."""

    fingerprint = "export-fixture-1"

    def __init__(self, hostile: bool = False):
        self.user_dir = Path("/nonexistent")
        self.include_user = False
        self.sources = ["tests/export_fixtures.py"]
        self.actors = {a.id: a for a in ACTORS + ([HOSTILE_ACTOR] if hostile else [])}
        self.places = {p.id: p for p in PLACES}
        self.cues = []


def _sentences(texts: list[str]) -> list[Sentence]:
    out, pos = [], 0
    for i, t in enumerate(texts):
        out.append(Sentence(i, pos, pos + len(t), t, [], [], [], [], [], []))
        pos += len(t) + 1
    return out


# (sentence, event kwargs); one article per group
ARTICLES = [
    (
        Article("fixture/deir_ez_zor_2017.txt", "الجيش السوري يستعيد السيطرة على دير الزور", "",
                source="سانا", published="2017-11-03"),
        [
            ("استعاد الجيش السوري السيطرة على مدينة دير الزور بالكامل من تنظيم داعش اليوم.",
             dict(event_type="territory_taken", actor1="syrian-army", actor2="isis", place="deir-ez-zor",
                  date="2017-11-03", date_precision="day", reported_by="sana",
                  rule="territory_taken:past:~استعاد")),
            ("وانسحب مسلحو التنظيم من حي الحميدية باتجاه البادية.",
             dict(event_type="withdrawal", actor1="isis", place="hamidiyah", date="2017-11-02",
                  date_precision="day", rule="withdrawal:verb:~انسحب")),
            ("وشن الطيران الروسي غارات على مواقع التنظيم في ريف دير الزور ما أدى إلى مقتل 12 مسلحا.",
             dict(event_type="airstrike", actor1="russian-af", actor2="isis", place="SY-DY",
                  date="2017-10-30", date_precision="week", fatalities=12, rule="airstrike:noun:غارات")),
            ("واستهدفت المدفعية مواقع التنظيم على ضفاف نهر الفرات.",
             dict(event_type="shelling", actor1="syrian-army", actor2="isis", place="euphrates",
                  date="2017-11-01", date_precision="day", rule="shelling:noun:المدفعية")),
            ("وقال المرصد السوري إن التنظيم أعدم مدنيين في قرية مجهولة.",
             dict(event_type="attack_on_civilians", actor1="isis", place="nowhere-village", date="2017-10-15",
                  date_precision="month", reported_by="sohr", fatalities=5,
                  rule="attack_on_civilians:noun:إعدام")),
        ],
    ),
    (
        Article("fixture/raqqa_2017.txt", "قسد تعلن السيطرة على الرقة", "", source="رويترز",
                published="2017-10-20"),
        [
            ("أعلنت قوات سوريا الديمقراطية السيطرة على الرقة بدعم من التحالف الدولي.",
             dict(event_type="territory_taken", actor1="sdf", actor2="isis", place="raqqa", date="2017-10-17",
                  date_precision="day", rule="territory_taken:noun:السيطرة")),
            ("ودارت اشتباكات عنيفة بين قسد وعناصر التنظيم في الرقة.",
             dict(event_type="armed_clash", actor1="sdf", actor2="isis", place="raqqa", date="2017-10-15",
                  date_precision="week", fatalities=30, rule="armed_clash:noun:اشتباكات")),
            ("وانفجرت عبوة ناسفة بدورية لقسد قرب الرقة.",
             dict(event_type="suicide_or_ied", actor1=None, actor2="sdf", place="raqqa", date="2017-10-19",
                  date_precision="day", rule="suicide_or_ied:noun:عبوة ناسفة")),
            ("وفجر انتحاري سيارة مفخخة في مدخل المدينة.",
             dict(event_type="suicide_or_ied", actor1="isis", actor2="sdf", place="raqqa", date="2017-10-12",
                  date_precision="day", fatalities=3, rule="suicide_or_ied:noun:انتحاري")),
            ("ونزح آلاف المدنيين من الرقة.",
             dict(event_type="displacement", place="raqqa", date="2017-07-01", date_precision="year",
                  rule="displacement:verb:~نزح")),
        ],
    ),
    (
        Article("fixture/un_2017.txt", "روسيا تستخدم الفيتو", "", source="BBC Arabic", published="2017-04-12",
                url="https://example.org/un"),
        [
            ("واتهم مجلس الأمن الحكومة السورية بهجوم خان شيخون.",
             dict(event_type="accusation", actor1="un-security-council", actor2="syrian-government",
                  place="khan-shaykhun", date="2017-04-12", date_precision="day",
                  rule="accusation:verb:~اتهم")),
            ("وقالت روسيا إن التحقيق منحاز.",
             dict(event_type="statement", actor1="russia", date=None, date_precision="unknown",
                  rule="statement:verb:~قال")),
            ("وأدى الهجوم بغاز السارين على خان شيخون إلى مقتل العشرات.",
             dict(event_type="chemical_attack", actor1="syrian-government", place="khan-shaykhun",
                  date="2017-04-04", date_precision="day", fatalities=12, negated=False, hedged=True,
                  rule="chemical_attack:noun:السارين")),
        ],
    ),
    (
        Article("fixture/mosul_2017.txt", "القوات العراقية تتقدم في الموصل", "", source=None,
                published="2017-07-09"),
        [
            ("وتقدم الجيش العراقي داخل المدينة القديمة في الموصل.",
             dict(event_type="territory_taken", actor1="iraqi-army", actor2="isis", place="mosul",
                  date="2017-07-09", date_precision="day", rule="territory_taken:verb:~تقدم")),
            ("ولم تسيطر قوات الدفاع الوطني على أي موقع.",
             dict(event_type="territory_taken", actor1="ndf", place="SY", date="2017-07-08",
                  date_precision="day", negated=True, rule="territory_taken:verb:~سيطر")),
        ],
    ),
]

HOSTILE_ARTICLE = (
    Article("fixture/hostile.txt", "=cmd|' /C calc'!A0 \x1b[31mRED\x1b[0m عنوان \u202eabc", "",
            source="+evil outlet", published="2018-01-01"),
    [
        ("-2+3 \x1b[31mقصف\x1b[0m @here \u202eمعكوس\u202c على دير الزور\nسطر ثان",
         dict(event_type="shelling", actor1="hostile", place="deir-ez-zor", date="2018-01-01",
              date_precision="day", rule="shelling:noun:قصف")),
    ],
)


def _extraction(items: list[tuple[str, dict]]) -> Extraction:
    sents = _sentences([t for t, _ in items])
    events = [Event(sentence_idx=i, spans={}, **kw) for i, (_, kw) in enumerate(items)]
    return Extraction(sents, events)


def _article(article: Article, items: list[tuple[str, dict]]) -> Article:
    article.body = "\n".join(t for t, _ in items)
    return article


def build_fixture_store(path: str | Path, hostile: bool = False, bulk: int = 0) -> EventStore:
    """Write the fixture store at `path` (which must not exist) and open it."""
    db = connect(path)
    ensure_schema(db)
    sync_dictionaries(db, FixtureDictionaries(hostile=hostile))
    writer = StoreWriter(db)
    groups = list(ARTICLES) + ([HOSTILE_ARTICLE] if hostile else [])
    for art, items in groups:
        a = Article(art.path, art.title, "", art.source, art.published, art.url)
        writer.write(_article(a, items), _extraction(items))
    if bulk:
        _bulk(writer, bulk)
    db.conn.close()
    return EventStore(path)


def _bulk(writer: StoreWriter, n: int, per_article: int = 500) -> None:
    """n generated events, distinct days so none merge."""
    types = ["armed_clash", "airstrike", "shelling", "statement", "territory_taken"]
    places = ["deir-ez-zor", "raqqa", "mosul", "khan-shaykhun", None]
    actors = ["syrian-army", "isis", "sdf", "russian-af", "iraqi-army"]
    start = dt.date(1950, 1, 1)
    done = 0
    k = 0
    while done < n:
        m = min(per_article, n - done)
        items = []
        for j in range(m):
            i = done + j
            items.append((f"جملة مولدة رقم {i} عن اشتباكات في دير الزور.",
                          dict(event_type=types[i % 5], actor1=actors[i % 5], actor2=actors[(i + 1) % 5],
                               place=places[i % 5], date=(start + dt.timedelta(days=i)).isoformat(),
                               date_precision="day", fatalities=i % 7 or None, rule="bulk")))
        art = Article(f"fixture/bulk_{k}.txt", f"مقال مولد {k}", "", source="رويترز", published="2019-01-01")
        writer.write(_article(art, items), _extraction(items))
        done += m
        k += 1


# -- goldens --------------------------------------------------------------------
REPO = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden"
GOLDEN_NOW = 1500000000.0  # the injected export time (2017-07-14 02:40 UTC)
GOLDEN_FILES = {"csv": "export.csv", "jsonl": "export.jsonl", "json": "export.json", "geojson": "export.geojson",
                "acled": "export.acled.csv", "markdown": "export.md"}


def render(store: EventStore, fmt: str, flt=None) -> bytes:
    """One format of an export of `flt` (all events by default), as bytes."""
    import io

    from store.report.export import export_events
    from store.db.query import EventFilter

    buf = io.StringIO(newline="")
    export_events(store, flt or EventFilter(), fmt, None, out=buf, now=GOLDEN_NOW)
    return buf.getvalue().encode("utf-8")


def build_sample_store(path: str | Path) -> EventStore:
    """The sample articles, extracted with the shipped dictionaries only (no
    user folder), paths relative to the repository so the goldens do not
    depend on where it is checked out."""
    import os

    from store.db.ingest import ingest

    here = os.getcwd()
    os.chdir(REPO)
    try:
        ingest(str(path), ["sample_articles"], dicts=Dictionaries(include_user=False))
    finally:
        os.chdir(here)
    return EventStore(path)
