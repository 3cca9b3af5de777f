"""Sanity checks of the shipped dictionary data files (actors.tsv, places.tsv,
places_geonames.tsv). Reads the TSV with the csv module only, so it does not
depend on the loader code."""
from __future__ import annotations

import csv
import unicodedata
from collections import defaultdict
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent.parent / "store" / "data"

PLACE_COLS = ["id", "name_en", "name_ar", "aliases", "kind", "lat", "lon", "parent", "country", "population", "geonameid"]
ACTOR_COLS = ["id", "name_en", "name_ar", "aliases", "kind", "country", "parent"]
PLACE_KINDS = {"country", "governorate", "district", "city", "town", "village", "neighbourhood", "facility",
               "border_crossing", "river", "region", "mountain"}
ACTOR_KINDS = {"state_force", "armed_group", "militia", "coalition", "international_body", "government", "person",
               "media", "monitor", "civilians"}
SY_GOVS = {"SY-DI", "SY-RD", "SY-QU", "SY-DR", "SY-SU", "SY-HI", "SY-HM", "SY-TA", "SY-LA", "SY-ID", "SY-HL",
           "SY-RA", "SY-DY", "SY-HA"}
IQ_GOVS = {"IQ-AN", "IQ-BA", "IQ-MU", "IQ-QA", "IQ-SU", "IQ-BB", "IQ-BG", "IQ-DA", "IQ-DQ", "IQ-DI", "IQ-AR",
           "IQ-KA", "IQ-KI", "IQ-MA", "IQ-NI", "IQ-WA", "IQ-NA", "IQ-SD", "IQ-HAL"}
# Rough boxes (lat_min, lat_max, lon_min, lon_max), a little generous.
BOXES = {"SY": (32.2, 37.5, 35.5, 42.5), "IQ": (29.0, 37.5, 38.7, 48.8)}

# Aliases two actors may share on purpose (none at present).
SHARED_ALIASES_OK: set[str] = set()


def _norm(s: str) -> str:
    table = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ئ": "ي", "ؤ": "و",
                           "ی": "ي", "ک": "ك", "ـ": ""})
    s = "".join(c for c in unicodedata.normalize("NFC", s) if not ("\u064b" <= c <= "\u0652"))
    return " ".join(s.translate(table).casefold().split())


def read(name: str) -> tuple[list[str], list[list[str]]]:
    path = DATA / name
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
    rows = list(csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))
    return rows[0], rows[1:]


def as_dicts(name: str) -> list[dict[str, str]]:
    header, rows = read(name)
    return [dict(zip(header, r)) for r in rows]


@pytest.mark.parametrize("name,cols", [("places_geonames.tsv", PLACE_COLS), ("places.tsv", PLACE_COLS + ["namesake"]),
                                       ("actors.tsv", ACTOR_COLS)])
def test_header_and_column_count(name, cols):
    header, rows = read(name)
    assert header == cols
    bad = [r[0] for r in rows if len(r) != len(cols)]
    assert not bad, f"{name}: wrong column count in {bad[:10]}"
    for r in rows:
        for cell in r:
            assert "\n" not in cell and cell == cell.strip(), (name, r[0], cell)


@pytest.mark.parametrize("name", ["places_geonames.tsv", "places.tsv", "actors.tsv"])
def test_ids_unique_and_well_formed(name):
    ids = [r["id"] for r in as_dicts(name)]
    dup = {i for i in ids if ids.count(i) > 1}
    assert not dup, dup
    for i in ids:
        base = i.lstrip("+")
        assert base and " " not in base and base.isascii(), i


def merged_places() -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for r in as_dicts("places_geonames.tsv"):
        out[r["id"]] = r
    for r in as_dicts("places.tsv"):
        if not r["id"].startswith("+"):
            out[r["id"]] = r
    return out


def test_plus_rows_point_at_existing_places():
    places = merged_places()
    missing = [r["id"] for r in as_dicts("places.tsv") if r["id"].startswith("+") and r["id"][1:] not in places]
    assert not missing, missing


def test_place_kinds_and_parents():
    places = merged_places()
    for pid, r in places.items():
        assert r["kind"] in PLACE_KINDS, (pid, r["kind"])
        if r["parent"]:
            assert r["parent"] in places, (pid, r["parent"])
        assert r["name_ar"] or r["name_en"], pid
    # no cycles
    for pid in places:
        seen, cur = set(), pid
        while cur:
            assert cur not in seen, f"cycle at {pid}"
            seen.add(cur)
            cur = places[cur]["parent"]


def test_a_namesake_is_a_town_of_its_governorate():
    # «محافظتي حماة وإدلب»: the town a governorate is named after stands for it in a list (mentions.governorates_listed)
    places = merged_places()
    seats = {r["id"]: r["namesake"] for r in as_dicts("places.tsv") if r.get("namesake")}
    assert seats and all(places[g]["kind"] == "governorate" for g in seats)
    for gov, town in seats.items():
        assert places[town]["kind"] in ("city", "town") and places[town]["parent"] == gov, (gov, town)
    assert seats["SY-HM"] == "hama" and "IQ-NI" not in seats  # Nineveh is not named after Mosul


def test_coordinates_inside_rough_boxes():
    for pid, r in merged_places().items():
        if not r["lat"]:
            assert r["kind"] in {"country", "river"}, pid
            continue
        lat, lon = float(r["lat"]), float(r["lon"])
        assert -90 <= lat <= 90 and -180 <= lon <= 180, pid
        box = BOXES.get(r["country"])
        if box and r["kind"] != "country":
            assert box[0] <= lat <= box[1] and box[2] <= lon <= box[3], (pid, lat, lon)


def test_every_governorate_present():
    places = merged_places()
    for gid in SY_GOVS | IQ_GOVS:
        assert gid in places, gid
        assert places[gid]["kind"] == "governorate", gid
        assert places[gid]["name_ar"], gid
    for cc in ["SY", "IQ", "TR", "JO", "LB", "IL", "SA", "KW", "IR"]:
        assert places[cc]["kind"] == "country"


def test_generated_parents_are_governorates_or_countries():
    places = merged_places()
    for r in as_dicts("places_geonames.tsv"):
        if r["country"] in ("SY", "IQ"):
            assert places[r["parent"]]["kind"] == "governorate", r["id"]
        else:
            assert r["parent"] == r["country"], r["id"]


def test_common_words_are_not_place_names():
    common = {"المدينة", "القرية", "المركز", "وان", "الحدود", "الجانب", "عنه", "بلد", "الحي", "سوف", "امان",
              "المدينة القديمة", "الجزيرة", "الصدد", "الحراك", "السفيرة", "قنوات"}
    common = {_norm(c) for c in common}
    for pid, r in merged_places().items():
        names = [r["name_ar"], *r["aliases"].split("|")]
        for n in names:
            assert _norm(n) not in common, (pid, n)


def test_key_places_present():
    places = merged_places()
    names = defaultdict(set)
    for pid, r in places.items():
        for n in [r["name_ar"], *r["aliases"].split("|")]:
            if n:
                names[_norm(n).replace(" ", "")].add(pid)
    for r in as_dicts("places.tsv"):
        if r["id"].startswith("+"):
            for n in [r["name_ar"], *r["aliases"].split("|")]:
                if n:
                    names[_norm(n).replace(" ", "")].add(r["id"][1:])
    for n in ["البوكمال", "الميادين", "القائم", "عانة", "دير الزور", "الرقة", "الموصل", "تلعفر", "كوباني",
              "خان شيخون", "الشعيرات", "التنف", "الحميدية", "الغوطة الشرقية", "حقل العمر", "سد الفرات",
              "الفرات", "جوبر", "عين الأسد", "معبر نصيب", "القورية", "محكان", "الباغوز"]:
        assert _norm(n).replace(" ", "") in names, n


def test_actor_kinds_parents_countries():
    actors = {r["id"]: r for r in as_dicts("actors.tsv") if not r["id"].startswith("+")}
    assert len(actors) >= 150
    for aid, r in actors.items():
        assert aid == aid.lower(), aid
        assert r["kind"] in ACTOR_KINDS, (aid, r["kind"])
        assert r["name_en"] and r["name_ar"], aid
        if r["parent"]:
            assert r["parent"] in actors and r["parent"] != aid, (aid, r["parent"])
        if r["country"]:
            assert len(r["country"]) == 2 and r["country"].isupper(), aid
    for key in ["isis", "syrian-army", "syrian-government", "russia", "russian-mod", "usa", "coalition", "sdf",
                "iraqi-forces", "pmu", "sohr", "sana", "afp", "un", "unsc", "opcw", "jim", "hts"]:
        assert key in actors, key


def test_no_alias_shared_by_two_actors():
    owner: dict[str, str] = {}
    clashes = []
    for r in as_dicts("actors.tsv"):
        for n in {_norm(x) for x in [r["name_ar"], r["name_en"], *r["aliases"].split("|")] if x}:
            if n in owner and owner[n] != r["id"] and n not in SHARED_ALIASES_OK:
                clashes.append((n, owner[n], r["id"]))
            owner.setdefault(n, r["id"])
    assert not clashes, clashes[:20]


def test_actor_aliases_are_not_places_or_bare_words():
    forbidden = {_norm(x) for x in ["دمشق", "موسكو", "واشنطن", "أنقرة", "طهران", "بغداد", "التنظيم", "الجيش",
                                    "القوات", "الحكومة", "اللجنة المشتركة"]}
    for r in as_dicts("actors.tsv"):
        for n in [r["name_ar"], *r["aliases"].split("|")]:
            assert _norm(n) not in forbidden, (r["id"], n)
