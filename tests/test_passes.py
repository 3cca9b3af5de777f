"""The extractor's passes (Extractor.PASSES), one test or more each, on
sentences of our own. Most tests run the extractor with and without the
pass: what the pass does is what changes. A few call the pass itself."""
import ast
import copy
import datetime as dt
import inspect
import re
from pathlib import Path

import pytest

from store.nlp import events as ev
from store.nlp import mentions as mn
from store.nlp.dictionaries import Dictionaries
from store.nlp.events import cue_event, sentence_events
from store.nlp.extract import Extractor
from store.nlp.memory import Memory
from store.text.articles import Article

PUB = "2019-05-22"
YESTERDAY = "2019-05-21"
NLP = Path(__file__).resolve().parent.parent / "store" / "nlp"


@pytest.fixture(scope="module")
def ex():
    return Extractor(Dictionaries(include_user=False))


def without(ex, *passes):
    """The extractor with the passes taken out of its pipeline."""
    clone = copy.copy(ex)
    clone.PASSES = {stage: tuple(p for p in run if p not in passes) for stage, run in ex.PASSES.items()}
    return clone


def run(x, *sentences):
    body = "بيروت - وكالات\n\n" + "\n\n".join(sentences)
    return x.extract(Article(path="p.txt", title="p", body=body, published=PUB, language="ar")).events


def brief(events, *fields):
    return [tuple(getattr(e, f) for f in fields) for e in events]


def rules(events):
    return [e.rule for e in events]


def states(ex, text, trigger):
    """The sentence state and the state of the cue written `trigger`, as the cue passes get them."""
    published = dt.date.fromisoformat(PUB)
    sent = ex.analyse(0, 0, text, published, set())
    s = sentence_events(ex, sent, published, Memory())
    for opening_pass in ex.PASSES["opening"]:
        opening_pass(ex, s)
    m, cue = next((m, c) for m, c in sent.cues if text[m.start:m.end] == trigger)
    return s, cue_event(sent, m, cue)


def mentions(x, text):
    sent = x.analyse(0, 0, text, dt.date.fromisoformat(PUB), set())
    return sent, [(a.id, a.via) for a in sent.actors]


# -- the pipeline -------------------------------------------------------------------------


def test_every_pass_function_runs_once_and_has_a_test_here():
    listed = [p for run_ in Extractor.PASSES.values() for p in run_]
    assert len(listed) == len(set(listed))
    defined = {f for mod in (mn, ev) for _, f in inspect.getmembers(mod, inspect.isfunction)
               if f.__module__ == mod.__name__ and not f.__name__.startswith("_") and
               list(inspect.signature(f).parameters)[:1] == ["x"]}
    assert defined == set(listed)  # no pass is defined and left out of the list
    tests = Path(__file__).read_text(encoding="utf-8").split("# -- mention passes")[-1]
    untested = [p.__name__ for p in listed if not re.search(rf"\b(mn|ev)\.{p.__name__}\b", tests)]
    assert not untested


def test_the_extractor_modules_hold_no_arabic_word():
    arabic = re.compile(r"[\u0621-\u064A]")
    for name in ("extract", "mentions", "clauses", "roles", "circumstances", "events", "memory", "cues",
                 "participants"):
        tree = ast.parse((NLP / f"{name}.py").read_text(encoding="utf-8"))
        docs = {id(n.body[0].value) for n in ast.walk(tree)
                if isinstance(n, (ast.Module, ast.ClassDef, ast.FunctionDef)) and n.body and
                isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
        words = [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)
                 and id(n) not in docs and len(arabic.findall(n.value)) > 1]
        assert not words, f"store/nlp/{name}.py: {words}"


# -- mention passes -----------------------------------------------------------------------


def test_actors_by_name(ex):
    text = "سيطر تنظيم داعش على مدينة تدمر أمس."
    assert brief(run(ex, text), "actor1") == [("isis",)]
    assert brief(run(without(ex, mn.actors_by_name), text), "actor1") == [(None,)]


def test_shared_heads(ex):
    # «القوات العراقية والأمريكية»: the adjective after «و» shares the head «القوات»
    text = "هاجمت القوات العراقية والأمريكية مواقع التنظيم في الموصل أمس."
    assert sorted(brief(run(ex, text), "actor1")) == [("iraqi-forces",), ("us-forces",)]
    assert brief(run(without(ex, mn.shared_heads), text), "actor1") == [("iraqi-forces",)]


def test_places_by_name(ex):
    text = "سيطر تنظيم داعش على مدينة تدمر أمس."
    assert brief(run(ex, text), "place") == [("tadmur",)]
    assert brief(run(without(ex, mn.places_by_name), text), "place") == [(None,)]


def test_governorates_listed_after_a_governorate_word(ex):
    # «محافظتي»: the dual names two governorates, the second joined by «و»
    text = "نزحت عشرات العائلات أمس إلى محافظتي السليمانية وأربيل."
    places = lambda x: [p.id for p in mentions(x, text)[0].places]
    assert places(ex) == ["IQ-SU", "IQ-AR"]
    assert places(without(ex, mn.governorates_listed)) == ["sulaymaniyah", "erbil"]


def test_governorates_listed_with_a_governorate(ex):
    # one member is a governorate («ريف دمشق»): the towns that name theirs are those governorates
    text = "قصفت الطائرات الروسية أمس مواقع في إدلب واللاذقية وريف دمشق."
    places = lambda x: [p.id for p in mentions(x, text)[0].places]
    assert places(ex) == ["SY-ID", "SY-LA", "SY-RD"]
    assert places(without(ex, mn.governorates_listed)) == ["idlib", "latakia", "SY-RD"]


def test_governorates_listed_keeps_towns_of_a_mixed_list(ex):
    # a town that names no governorate in the list: the list is of towns
    for text, want in (("قصفت الطائرات الروسية أمس مواقع في إدلب وسراقب.", ["idlib", "saraqib"]),
                       ("قصفت الطائرات أمس مواقع في دمشق وريف دمشق.", ["damascus", "SY-RD"]),
                       ("قصفت الطائرات أمس مواقع في إدلب ومحافظة إدلب.", ["idlib", "SY-ID"])):
        assert [p.id for p in mentions(ex, text)[0].places] == want, text


def test_unlisted_places_inside_a_known_place(ex):
    # a village no dictionary has, with a known place right after it: a village of that place
    text = "قصفت الطائرات الحربية أمس قرية زعيتون بريف حماة الشمالي."
    assert brief(run(ex, text), "place") == [("SY-HM/village/زعيتون",)]
    assert brief(run(without(ex, mn.unlisted_places), text), "place") == [("SY-HM",)]
    place = ex.dicts.unlisted("SY-HM/village/زعيتون")
    hama = ex.dicts.places["SY-HM"]
    assert (place.kind, place.name_ar, place.lat, place.lon, place.country) == \
        ("village", "زعيتون", hama.lat, hama.lon, "SY")
    assert [p.id for p in ex.dicts.place_chain(place.id)][1:] == [p.id for p in ex.dicts.place_chain("SY-HM")]


def test_unlisted_places_near_a_town_and_of_a_site(ex):
    # inside or near a town: geo_precision 2; only a governorate holds it: 3; a site keeps its head word
    near = "وسيطرت قوات النظام على بلدتي البرغوث والحمرا شمال مدينة القصير."
    site = "واستهدفت المدفعية التركية أمس مجمع خانصور في ناحية سنون شمال سنجار."
    square = "وانفجرت سيارة مفخخة في ساحة الشهداء وسط بغداد."
    got = [e.place for e in run(ex, near, site, square)]
    assert got == ["al-qusayr/town/البرغوث", "sinuni/facility/مجمع خانصور", "baghdad/neighbourhood/ساحة الشهداء"]
    assert [ex.dicts.geo_precision(p) for p in got] == [2, 2, 2]
    assert ex.dicts.geo_precision("SY-HM/village/زعيتون") == 3
    assert ex.dicts.geo_precision("al-qusayr") == 1 and ex.dicts.geo_precision("SY-HM") == 3


def test_unlisted_places_with_a_two_word_name(ex):
    # «أم», «تل», «عين» open two-word names: «قرية أم الزيتون» is one village, not «أم»
    text = "هاجم مسلحون أمس قرية أم الزيتون في ريف مدينة جلولاء."
    assert brief(run(ex, text), "place") == [("jalawla/village/أم الزيتون",)]
    assert all("/" not in p.id for p in mentions(ex, "هاجم مسلحون أمس قرية أم في ريف مدينة جلولاء.")[0].places)


def test_unlisted_places_a_definite_site_and_the_word_that_refers_back_to_it(ex):
    # «المعسكر التدريبي في مدينة X», then «المعسكر» alone is that site
    first = "وسيطرت القوات العراقية أمس على المعسكر التدريبي في مدينة الرمادي."
    later = "وقال قائد إن القوات العراقية سيطرت على المعسكر بعد معارك في الرمادي."
    site = "ramadi/facility/المعسكر التدريبي"
    assert brief(run(ex, first, later), "event_type", "place")[:2] == [("territory_taken", site),
                                                                       ("territory_taken", site)]
    # without the site named first, «المعسكر» is no place; a people is no site's name («المعسكر السوري»)
    assert all("/" not in (p or "") for (p,) in brief(run(ex, later), "place"))
    assert all("/" not in p.id for p in mentions(ex, "قصفت الطائرات المعسكر السوري في مدينة الرمادي.")[0].places)


def test_unlisted_places_a_governorates_building(ex):
    # «مبنى محافظة كركوك»: in the town the governorate is named after; later «مبنى المحافظة» is it again
    first = "ودخلت القوات العراقية أمس مبنى محافظة كركوك."
    later = "ودخل قائد الشرطة مبنى المحافظة بعد ساعات."
    site = "kirkuk/facility/مبنى محافظة كركوك"
    assert [p for t, p in brief(run(ex, first, later), "event_type", "place") if t == "territory_taken"] == [site, site]
    assert ex.dicts.geo_precision(site) == 2
    # a governorate named after no town (Nineveh): its name tells nothing of where the site is
    assert all("/" not in p.id for p in mentions(ex, "ودخلت القوات العراقية أمس مبنى محافظة نينوى.")[0].places)


def test_unlisted_places_a_site_named_after_a_town(ex):
    # «معسكر سنجار»: a site of the town, a place of its own at the town's coordinates
    text = "وقصفت طائرات التحالف أمس معسكر سنجار."
    assert brief(run(ex, text), "place") == [("sinjar/facility/معسكر سنجار",)]
    assert ex.dicts.geo_precision("sinjar/facility/معسكر سنجار") == 2
    assert brief(run(ex, "وقصفت طائرات التحالف أمس مدينة سنجار."), "place") == [("sinjar",)]


def test_unlisted_places_need_a_name_and_a_parent_next_to_it(ex):
    # an adjective is no name («صغيرة» is a frequent word); no known place after it, or one in
    # another clause or after a cue, is no parent; a coordinated known place is a sibling, not the parent
    for text in ("قتل مدني في قصف على قرية صغيرة بريف إدلب.",
                 "قصفت الطائرات أمس قرية زعيتون، وسقطت قذائف على إدلب.",
                 "قصفت الطائرات أمس قرية زعيتون وتقدمت القوات نحو إدلب.",
                 "قصفت الطائرات أمس قرية زعيتون."):
        assert all("/" not in (p.id) for p in mentions(ex, text)[0].places), text
    sibling = "قصفت الطائرات أمس حيي الورود وبابا عمرو في حمص."
    assert [p.id for p in mentions(ex, sibling)[0].places][0] == "homs/neighbourhood/الورود"


def test_governorates_listed_reads_the_namesake_column(ex):
    # Hama's row is spelled «Ḩamāh» (GeoNames), its governorate «Hama Governorate»: the
    # governorate's places.tsv `namesake` says it is named after the town, no English name is compared
    text = "قصفت الطائرات أمس مواقع في محافظتي حماة وإدلب."
    assert [p.id for p in mentions(ex, text)[0].places] == ["SY-HM", "SY-ID"]
    assert ex.dicts.governorate_named_after["hama"] == "SY-HM" and "mosul" not in ex.dicts.governorate_named_after


def test_countryside_dual_is_the_governorate(ex):
    text = "قصفت قوات النظام أمس بلدات في ريفي إدلب الجنوبي والغربي."
    assert [p.id for p in mentions(ex, text)[0].places] == ["SY-ID"]


def test_cues_in_context_reads_the_requires_column(ex):
    forward, talks = "تقدمت قوات النظام نحو بلدة كفرنبودة أمس.", "وتقدمت قوات النظام في المفاوضات."
    assert rules(run(ex, forward, talks)) == ["territory_taken:past:~تقدم"]  # «تقدمت» needs «نحو» after it
    assert run(without(ex, mn.cues_in_context), forward) == []


def test_glosses_are_one_cue(ex):
    text = "واستخدمت الصين اليوم حق النقض (الفيتو) لإسقاط مشروع بريطاني في مجلس الأمن."
    assert rules(run(ex, text)).count("veto:noun:الفيتو") == 0
    assert rules(run(without(ex, mn.glosses_are_one_cue), text)).count("veto:noun:الفيتو") == 1


def test_aircraft_shelling_is_their_strike(ex):
    text = "قصفت طائرات حربية روسية أمس بلدة كفرنبودة."
    assert brief(run(ex, text), "event_type", "actor1") == [("airstrike", "russian-forces")]
    assert "shelling" in [e.event_type for e in run(without(ex, mn.aircraft_shelling_is_their_strike), text)]
    # the strikes right after the aircraft are theirs too
    text = "ووجهت طائرات التحالف الدولي ضربات على مواقع لتنظيم داعش قرب مدينة سنجار."
    assert brief(run(ex, text), "event_type", "actor1", "actor2") == [("airstrike", "coalition", "isis")]
    assert [c.event_type for _, c in mentions(ex, text)[0].cues] == ["airstrike"]
    assert "shelling" in [c.event_type for _, c in mentions(without(ex, mn.aircraft_shelling_is_their_strike),
                                                             text)[0].cues]


def test_national_forces(ex):
    # «القوات الحكومية» in a report from Iraqi towns are Iraq's forces; Syria's in a Syrian report
    iraq = ("وقال مسؤول محلي في مدينة الرمادي إن القوات الحكومية سيطرت على حي الضباط في مدينة الرمادي.",)
    syria = ("وقال ناشطون في مدينة إدلب إن القوات الحكومية سيطرت على بلدة كفرنبل في ريف إدلب.",)
    assert brief(run(ex, *iraq), "actor1") == [("iraqi-forces",)]
    assert brief(run(without(ex, mn.national_forces), *iraq), "actor1") == [("syrian-army",)]
    assert brief(run(ex, *syria), "actor1") == [("syrian-army",)]


def test_speaking_countries(ex):
    text = "واتهم الأردن أمس النظام السوري بقصف المدنيين."
    assert brief(run(ex, text), "event_type", "actor1") == [("accusation", "jordan")]
    assert brief(run(without(ex, mn.speaking_countries), text), "actor1") == [(None,)]


def test_demonyms_after_cues(ex):
    text = "شنت طائرات روسية أمس غارات على مدينة إدلب."
    assert brief(run(ex, text), "actor1") == [("russian-forces",)]
    assert brief(run(without(ex, mn.demonyms_after_cues), text), "actor1") == [(None,)]
    # aircraft that are no cue, their adjective in the dual: the subject of «نفذتا غارة»
    text = "وذكر البيان أن طائرتين روسيتين نفذتا صباحا غارة على مخزن أسلحة لتنظيم داعش قرب تدمر."
    assert brief(run(ex, text), "event_type", "actor1", "actor2") == [("airstrike", "russian-forces", "isis")]
    assert brief(run(without(ex, mn.demonyms_after_cues), text), "actor1") == [(None,)]
    # an air base named by its state is no force of that state
    assert brief(run(ex, "وتعرضت قاعدة حرير الجوية الأمريكية قرب أربيل لقصف صاروخي مساء أمس."), "actor1") == [(None,)]


def test_draft_sponsors(ex):
    text = "صوت مجلس الأمن أمس على مشروع قرار فرنسي."
    assert ("france", "draft") in mentions(ex, text)[1]
    assert ("france", "draft") not in mentions(without(ex, mn.draft_sponsors), text)[1]


def test_envoys(ex):
    text = "واتهم المندوب الروسي أمس الولايات المتحدة بدعم الإرهاب."
    assert brief(run(ex, text), "actor1", "actor2") == [("russia", "usa")]
    assert brief(run(without(ex, mn.envoys), text), "actor1") == [(None,)]


def test_forces_of_leaders(ex):
    text = "هاجمت قوات أردوغان أمس مدينة عفرين."
    assert brief(run(ex, text), "event_type", "actor1", "place") == [("armed_clash", "turkish-army", "afrin")]
    assert brief(run(without(ex, mn.forces_of_leaders), text), "event_type") == [("criticism",)]


# -- opening passes ------------------------------------------------------------------------


def test_who_the_sentence_is_attributed_to(ex):
    text = "وقال المرصد السوري لحقوق الإنسان إن قوات النظام سيطرت أمس على بلدة كفرنبودة."
    published = dt.date.fromisoformat(PUB)
    sent = ex.analyse(0, 0, text, published, set())
    s = sentence_events(ex, sent, published, Memory())
    assert (s.speaker, sent.speaker) == (None, None)  # the state is filled by the pass, not before
    ev.who_the_sentence_is_attributed_to(ex, s)
    assert (s.speaker, s.speaker_m.id, sent.speaker) == ("sohr", "sohr", "sohr")
    assert brief(run(without(ex, ev.who_the_sentence_is_attributed_to), text), "reported_by") == [(None,)]


# -- cue passes: is it an act here? ---------------------------------------------------------


def test_statements_wait(ex):
    text = "وقال وزير الخارجية الروسي سيرغي لافروف أمس في مؤتمر صحفي إن بلاده ستواصل دعم سوريا."
    assert run(ex, text) == []  # a plain «قال» is no news
    assert brief(run(without(ex, ev.statements_wait), text), "event_type") == [("statement",)]


def test_what_a_draft_says(ex):
    text = "وزعت فرنسا أمس مشروع قرار يطالب بانسحاب القوات التركية من عفرين."
    assert [e.event_type for e in run(ex, text)] == ["proposal"]
    assert "demand" in [e.event_type for e in run(without(ex, ev.what_a_draft_says), text)]


def test_what_an_accusation_says(ex):
    text = "اتهمت روسيا أمس التحالف الدولي بقصف مدينة الرقة."
    assert [e.event_type for e in run(ex, text)] == ["accusation"]
    assert "airstrike" in [e.event_type for e in run(without(ex, ev.what_an_accusation_says), text)]


def test_intercepted_target(ex):
    text = "أسقطت الدفاعات الجوية السورية أمس طائرة مسيرة إسرائيلية في ريف دمشق."
    assert brief(run(ex, text), "event_type", "actor1", "actor2") == [("armed_clash", "syrian-army", "israel-army")]
    assert "airstrike" in [e.event_type for e in run(without(ex, ev.intercepted_target), text)]


def test_means_of_the_act(ex):
    text = "وقال ناشط إن القصف استهدف مواقع للتنظيم داخل قضاء سنجار أمس، بستة صواريخ."
    assert len(run(ex, text)) == 1
    assert len(run(without(ex, ev.means_of_the_act), text)) == 2


def test_bombers_acted_on(ex):
    text = "قتل الجيش العراقي أمس سبعة انتحاريين من داعش حاولوا اقتحام مواقعه في الرمادي."
    assert "suicide_or_ied" not in [e.event_type for e in run(ex, text)]
    assert "suicide_or_ied" in [e.event_type for e in run(without(ex, ev.bombers_acted_on), text)]


def test_attack_of_the_bombers(ex):
    text = "وشن أربعة انتحاريين من تنظيم داعش هجوما على حاجز للجيش العراقي قرب مدينة الرمادي."
    assert "armed_clash" not in [e.event_type for e in run(ex, text)]
    assert "armed_clash" in [e.event_type for e in run(without(ex, ev.attack_of_the_bombers), text)]


def test_told_by_its_verb(ex):
    text = "ورفض مجلس الأمن الدولي مساء أمس مشروع قرار أعدته روسيا."
    assert brief([e for e in run(ex, text) if e.event_type == "proposal"], "actor1") == [("russia",)]
    assert ("unsc",) in brief([e for e in run(without(ex, ev.told_by_its_verb), text) if e.event_type == "proposal"],
                              "actor1")


def test_what_the_truce_does(ex):
    text = "ودخل وقف إطلاق النار حيز التنفيذ في مدينة درعا منتصف الليل."
    assert brief(run(ex, text), "event_type") == [("ceasefire",)]
    assert ("territory_taken",) in brief(run(without(ex, ev.what_the_truce_does), text), "event_type")


def test_generic_verb_of_an_act(ex):
    text = "انفجرت سيارة مفخخة أمس استهدفت تجمعا لقوات النظام في مدينة درعا."
    assert [e.event_type for e in run(ex, text)] == ["suicide_or_ied"]
    assert "shelling" in [e.event_type for e in run(without(ex, ev.generic_verb_of_an_act), text)]


def test_no_place_in_particular(ex):
    text = "انسحب تنظيم داعش أمس من الأراضي التي سيطر عليها في ريف حلب."
    assert [e.event_type for e in run(ex, text)] == ["withdrawal"]
    assert "territory_taken" in [e.event_type for e in run(without(ex, ev.no_place_in_particular), text)]


def _taken(events):
    return [(e.actor1, e.place, e.negated, e.hedged) for e in events if e.event_type == "territory_taken"]


@pytest.mark.parametrize("text", [
    "ويسيطر الجيش السوري منذ عام 2016 على مدينة حلب.",  # present: who holds it
    "ولا تزال قوات سوريا الديمقراطية تسيطر على بلدة الباغوز.",  # still holds
    "ولم يعد التنظيم يسيطر إلا على بلدة الباغوز.",  # no longer holds but
    "وقال المرصد إن تنظيم داعش يسيطر على بلدة الباغوز.",  # «أن» with a subject between: a that-clause
    "وتعد الرقة آخر مدينة كبيرة كان يسيطر عليها التنظيم.",  # was holding
])
def test_a_state_not_an_act(ex, text):
    assert _taken(run(ex, text)) == []
    assert _taken(run(without(ex, ev.a_state_not_an_act), text)) != []  # the pass, not another rule


def test_a_state_not_an_act_in_a_relative_clause(ex):
    text = "وتعرضت الأحياء التي تسيطر عليها فصائل المعارضة في مدينة حلب لقصف عنيف."
    # no capture, and the holder told in the state is not who shelled
    assert brief(run(ex, text), "event_type", "actor1", "place") == [("shelling", None, "aleppo")]


@pytest.mark.parametrize("text, want", [
    ("وسيطرت قوات سوريا الديمقراطية اليوم على بلدة الباغوز.", [("sdf", "al-baghuz", False, False)]),  # the past
    ("وباتت قوات سوريا الديمقراطية تسيطر على بلدة الباغوز.", [("sdf", "al-baghuz", False, False)]),  # become
    ("ومن المتوقع أن تسيطر القوات العراقية على مدينة الموصل.", [("iraqi-forces", "mosul", False, True)]),
    ("ولم تسيطر القوات العراقية على مدينة الموصل.", [("iraqi-forces", "mosul", True, False)]),  # jussive
])
def test_control_told_as_a_change_is_an_act(ex, text, want):
    assert _taken(run(ex, text)) == want


def test_a_state_leaves_its_holder_on_the_scene(ex):
    # no act of the holder is told, yet the dropped subject of the next act is the holder
    events = run(ex, "وتسيطر قوات سوريا الديمقراطية على بلدة الباغوز منذ عامين. ثم انسحبوا من بلدة الباغوز.")
    assert [(e.event_type, e.actor1) for e in events] == [("withdrawal", "sdf")]


@pytest.mark.parametrize("the_pass,kind,background,single", [
    (ev.many_acts_counted, "airstrike",  # hundreds of strikes over years; tens in a day are the day's strikes
     ("وشن الجيش الإسرائيلي خلال السنوات الماضية مئات الغارات على أهداف في سوريا.",
      "وقال الجيش الإسرائيلي إنه نفذ آلاف الضربات الجوية في سوريا."),
     "وشن الطيران الروسي اليوم عشرات الغارات على مدينة إدلب."),
    (ev.habitual_acts, "armed_clash",  # a habit is no act; the single act of a day is coded
     ("ودأبت حركة أحرار الشام على تنفيذ هجمات ضد قوات النظام في ريف حماة.",
      "وتشن قوات النظام هجمات بين الحين والآخر على بلدة كفرنبل."),
     "وشنت قوات النظام هجوما على بلدة كفرنبل."),
])
def test_background_acts_are_no_single_act(ex, the_pass, kind, background, single):
    for text in background:
        assert [e.event_type for e in run(ex, text)] == []
        assert kind in [e.event_type for e in run(without(ex, the_pass), text)]
    assert [e.event_type for e in run(ex, single)] == [kind]


def test_doer_told_before(ex):
    lead = "وقصفت طائرات التحالف الدولي أمس مواقع لتنظيم داعش في مدينة سنجار."
    for again in ("وقال ناشط إن القصف استهدف مقرات لتنظيم داعش قرب المدينة.",
                  "ووجهت الطائرات ضربات على مخزن لتنظيم داعش قرب مدينة سنجار."):
        events = run(ex, lead, again)
        assert brief(events, "event_type", "actor1") == [("airstrike", "coalition")] * 2, again
        assert brief(run(without(ex, ev.doer_told_before), lead, again), "actor1")[1] == (None,)
    # a strike told in between with no doer breaks the thread
    events = run(ex, lead, "وقتل مدنيان في غارة على بلدة قرب سنجار.", "ووجهت الطائرات ضربات على مخزن قرب مدينة سنجار.")
    assert brief(events, "actor1")[2] == (None,)


def test_civilians_hit_by_the_strike(ex):
    for text in ("وقصفت قوات النظام بلدة كفرنبل بالمدفعية الثقيلة، ما أسفر عن إصابة امرأة وطفلها بجروح.",
                 "وقال مسؤول محلي إن مواطنا واحدا أصيب في قصف الطائرات التركية على قرية قرب سنجار."):
        assert [e.actor2 for e in run(ex, text)] == ["civilians"], text
        assert [e.actor2 for e in run(without(ex, ev.civilians_hit_by_the_strike), text)] == [None]
    # an armed target named keeps its place; the outcome of a later clause's act is not this act's
    text = "وقصفت طائرات التحالف مواقع لتنظيم داعش في مدينة الرقة، ما أسفر عن مقتل خمسة مدنيين."
    assert [e.actor2 for e in run(ex, text)] == ["isis"]
    text = ("وقصفت قوات النظام بلدة كفرنبل، فيما شن الطيران الحربي غارات على مدينة سراقب، "
            "ما أدى إلى مقتل سبعة مدنيين.")
    assert sorted(brief(run(ex, text), "event_type", "actor2")) == [("airstrike", "civilians"), ("shelling", None)]


def test_a_truce_that_holds_is_no_clash(ex):
    assert run(ex, "وقال المرصد إن وقف إطلاق النار لا يزال ساريا في مدينة إدلب.") == []


def test_how_they_fled(ex):
    s, c = states(ex, "نزح 45 ألف شخص أمس هربا من المعارك في ريف إدلب.", "هربا")
    assert ev.how_they_fled(ex, s, c)  # «هربا» says how they fled
    s, c = states(ex, "هرب عناصر التنظيم أمس من مدينة الرقة.", "هرب")
    assert not ev.how_they_fled(ex, s, c)  # no flight told besides: the verb is the act


def test_where_the_flight_went(ex):
    text = "فر آلاف المدنيين أمس من مدينة الرقة إلى مخيمات النازحين في ريف الحسكة."
    assert brief(run(ex, text), "event_type", "place") == [("displacement", "raqqa")]
    assert len(run(without(ex, ev.where_the_flight_went), text)) == 2


def test_mines_cleared(ex):
    text = "تعمل وحدات الهندسة على تفكيك العبوات الناسفة في مدينة الرقة."
    assert run(ex, text) == []
    assert [e.event_type for e in run(without(ex, ev.mines_cleared), text)] == ["suicide_or_ied"]


def test_toll_of_another_act(ex):
    text = "قصفت قوات النظام أمس مدينة إدلب ما أسفر عن مقتل خمسة مدنيين."
    assert brief(run(ex, text), "event_type", "actor2", "fatalities") == [("shelling", "civilians", 5)]
    assert len(run(without(ex, ev.toll_of_another_act), text)) == 2


def test_a_killing_with_a_killer_and_a_clause_of_its_own_is_no_toll(ex):
    text = "وانفجرت سيارة مفخخة في مدينة الرمادي، ولاحقا قتل تنظيم داعش 11 من مقاتلي الحشد الشعبي."
    assert ("armed_clash", "isis", "pmu") in brief(run(ex, text), "event_type", "actor1", "actor2")
    # the killed counted after the verb are the toll of the bombing in their clause
    text = "وقتل 11 من مقاتلي الحشد الشعبي في انفجار سيارة مفخخة في مدينة الرمادي."
    assert [e.event_type for e in run(ex, text)] == ["suicide_or_ied"]


@pytest.mark.parametrize("text", [
    "وقتل تنظيم داعش 11 من مقاتلي الحشد الشعبي.",  # the force before the count is the killer
    "وقتل 11 من مقاتلي الحشد الشعبي برصاص تنظيم داعش.",  # the passive and «برصاص», as before
])
def test_who_killed_whom(ex, text):
    assert brief(run(ex, text), "event_type", "actor1", "actor2", "fatalities") == [("armed_clash", "isis", "pmu", 11)]


# -- cue passes: who -------------------------------------------------------------------------


def test_subjects(ex):
    text = "سيطر تنظيم داعش على مدينة تدمر أمس."
    assert brief(run(ex, text), "actor1", "actor2") == [("isis", None)]
    assert brief(run(without(ex, ev.subjects), text), "actor1") == [(None,)]


def test_a_body_rejects_a_draft_by_vote(ex):
    text = "ورفض مجلس الأمن الدولي مساء أمس مشروع قرار أعدته روسيا."
    assert ("vote", "unsc") in brief(run(ex, text), "event_type", "actor1")
    assert ("criticism", "unsc") in brief(run(without(ex, ev.a_body_rejects_a_draft_by_vote), text),
                                          "event_type", "actor1")


def test_battle_of_the_main_act(ex):
    text = "سيطرت قوات النظام أمس على بلدة كفرنبودة بعد معارك عنيفة."
    assert brief(run(ex, text), "event_type", "actor1") == [("territory_taken", "syrian-army"),
                                                            ("armed_clash", "syrian-army")]
    assert brief(run(without(ex, ev.battle_of_the_main_act), text), "actor1")[1] == (None,)


def test_subjects_after_a_verbal_act(ex):
    text = "وفرنسا أدانت أمس الهجوم الكيميائي على خان شيخون."
    assert brief(run(ex, text), "event_type", "actor1") == [("criticism", "france"), ("chemical_attack", None)]
    assert ("chemical_attack", "french-forces") in brief(run(without(ex, ev.subjects_after_a_verbal_act), text),
                                                         "event_type", "actor1")


def test_speaker_judges(ex):
    text = 'وقالت الخارجية الروسية في بيان أمس، إن خلاصات التقرير "مشكوك" فيها.'
    assert brief(run(ex, text), "event_type", "actor1") == [("criticism", "russian-mfa")]
    assert run(without(ex, ev.speaker_judges), text) == []
    # the speaker told before goes on: «وأكدت أن ...» names no one
    before = "وقالت الخارجية الروسية في بيان أمس إن التحقيق لم يكتمل."
    text = 'وأكدت أن خلاصات التقرير "مشكوك" فيها.'
    assert brief(run(ex, before, text), "event_type", "actor1", "reported_by") == [
        ("criticism", "russian-mfa", None)]
    assert run(without(ex, ev.speaker_judges), before, text) == []


def test_roles_of_a_killing(ex):
    text = "قتل ثلاثة مدنيين أمس برصاص عناصر من قوات سوريا الديمقراطية في ريف دير الزور."
    assert brief(run(ex, text), "event_type", "actor1", "actor2") == [("attack_on_civilians", "sdf", "civilians")]
    assert brief(run(without(ex, ev.roles_of_a_killing), text), "actor1", "actor2") == [(None, None)]


def test_acted_on(ex):
    text = "قصفت قوات النظام أمس مواقع تنظيم داعش في ريف حماة."
    assert brief(run(ex, text), "actor1", "actor2") == [("syrian-army", "isis")]
    assert brief(run(without(ex, ev.acted_on), text), "actor2") == [(None,)]


def test_an_attack_that_harms_civilians(ex):
    text = "وأفاد مصدر في الشرطة بإصابة أربعة مدنيين بهجوم مسلح شنه مقاتلو تنظيم داعش قرب بعقوبة."
    assert brief(run(ex, text), "event_type", "actor2") == [("attack_on_civilians", "civilians")]
    assert brief(run(without(ex, ev.an_attack_that_harms_civilians), text), "event_type") == [("armed_clash",)]


def test_a_future_act_is_a_threat(ex):
    text = "وقال الرئيس التركي رجب طيب أردوغان إن قواته ستواصل عملياتها ضد حزب العمال الكردستاني."
    assert brief(run(ex, text), "event_type", "actor1") == [("threat", "erdogan")]
    assert brief(run(without(ex, ev.a_future_act_is_a_threat), text), "event_type") == [("armed_clash",)]


def test_who_gained_a_loss(ex):
    text = "خسرت قوات النظام أمس بلدة كفرنبودة لصالح هيئة تحرير الشام."
    assert brief(run(ex, text), "event_type", "actor1") == [("territory_taken", "hts")]
    assert brief(run(without(ex, ev.who_gained_a_loss), text), "event_type", "actor1") == [("withdrawal", "syrian-army")]


def test_passive_roles(ex):
    text = "تمكنت القوات العراقية أمس من طرد عناصر داعش من بلدة القيارة."
    assert brief(run(ex, text), "event_type", "actor1", "actor2") == [("territory_taken", "iraqi-forces", "isis")]
    assert brief(run(without(ex, ev.passive_roles), text), "event_type") == [("withdrawal",)]


def test_enabled_verbs_match_any_form_of_their_stem(ex):
    # «لم تنجح ... في طرد»: a form of نجح that does not start the word still enables the act
    s, c = states(ex, "لم تنجح القوات العراقية أمس في طرد عناصر داعش من بلدة القيارة.", "طرد")
    ev.subjects(ex, s, c)
    assert [a.id for a in c.subjects] == ["iraqi-forces"]


# -- cue passes: where, when, from whom ------------------------------------------------------


def test_place(ex):
    text = "سيطر تنظيم داعش على مدينة تدمر أمس."
    assert brief(run(ex, text), "place") == [("tadmur",)]
    assert brief(run(without(ex, ev.place), text), "place") == [(None,)]


def test_place_of_a_clause_of_place_after_the_act(ex):
    # «، قرب قرية X»: a clause that opens with a locative and names no act or actor says where
    text = "وقصفت طائرات التحالف أمس مواقع للتنظيم في الجبل، قرب مدينة سنجار."
    assert brief(run(ex, text), "place") == [("sinjar",)]
    # a chain («، في أطراف مدينة سنجار في محافظة نينوى») gives its first place
    chain = "وقصفت طائرات التحالف أمس مواقع للتنظيم في الجبل، في أطراف مدينة سنجار في محافظة نينوى."
    assert brief(run(ex, chain), "place") == [("sinjar",)]
    # «، بينها مدينة X»: among the places the act hit
    among = "وقصفت طائرات حربية روسية أمس مناطق عدة، بينها مدينة سنجار."
    assert brief(run(ex, among), "place") == [("sinjar",)]
    # not a clause of something else («في تكرار لسيناريو»), nor a stretch «بين X وY»
    for other in ("وقصفت طائرات التحالف أمس مواقع للتنظيم في الجبل، في تكرار لسيناريو مدينة سنجار.",
                  "وقصفت طائرات التحالف أمس مواقع للتنظيم في الجبل، بين سنجار وتلعفر."):
        assert brief(run(ex, other), "place") == [(None,)], other


def test_place_of_a_flight_is_the_place_of_its_cause(ex):
    # «نزحت ... إلى محافظة دهوك، بسبب المعارك في سنجار»: where they fled from, not where they went
    text = "ونزحت مئات العائلات أمس إلى محافظة دهوك، بسبب المعارك في سنجار."
    assert ("displacement", "sinjar") in brief(run(ex, text), "event_type", "place")
    assert ("displacement", "IQ-DA") in brief(run(ex, "ونزحت مئات العائلات أمس إلى محافظة دهوك."), "event_type", "place")


def test_place_the_text_singles_out(ex):
    # «وتحديدا بلدة X»: the town singled out beats the area named first
    text = "اقتحمت قوات النظام فجر اليوم منطقة الحولة بريف حمص الشمالي وتحديدا بلدة تلدو."
    assert brief(run(ex, text), "place")[0] == ("talldaww",)
    assert brief(run(ex, "اقتحمت قوات النظام فجر اليوم منطقة الحولة بريف حمص الشمالي وبلدة تلدو."), "place")[0] == ("houla-plain",)


def test_place_of_the_main_act(ex):
    text = "سيطرت قوات النظام أمس على مدينة جسر الشغور بعد معارك عنيفة."
    assert brief(run(ex, text), "place") == [("jisr-ash-shughur",), ("jisr-ash-shughur",)]
    assert brief(run(without(ex, ev.place_of_the_main_act), text), "place")[1] == (None,)


def test_no_country_for_a_verbal_act(ex):
    text = "وطالبت فرنسا أمس باحترام سيادة سوريا."
    assert brief(run(ex, text), "event_type", "place") == [("demand", None)]
    assert brief(run(without(ex, ev.no_country_for_a_verbal_act), text), "place") == [("SY",)]


def test_place_is_not_where_the_fire_came_from_nor_a_compass_part_of_a_country(ex):
    # «من اتجاه ... اللاذقية»: the origin of the strike; «في شمال العراق»: no place in particular
    origin = "شنت طائرات حربية غارة من اتجاه البحر غربي اللاذقية استهدفت مطار حلب الدولي أمس."
    compass = "قتلت القوات التركية أمس مسلحين في شمال العراق."
    assert brief(run(ex, origin), "event_type", "place") == [("airstrike", "aleppo-airport")]
    assert brief(run(ex, compass), "place") == [(None,)]
    assert brief(run(ex, "قتلت القوات التركية أمس مسلحين في العراق."), "place") == [("IQ",)]
    # fleeing «قادمة من» a place: for movement the origin is the place (the gold guide)
    assert brief(run(ex, "ونزحت عائلات أمس قادمة من مدينة الرقة."), "place") == [("raqqa",)]


def test_place_is_not_in_a_relative_clause_that_describes_an_actor(ex):
    # «... حزب العمال الكردستاني الذي ينشط في تركيا»: where the party is, not where this clash was
    described = "قتل جندي أمس في اشتباكات مع عناصر حزب العمال الكردستاني الذي ينشط في تركيا."
    assert brief(run(ex, described), "event_type", "place") == [("armed_clash", None)]
    # an aside that has ended («، الذي يضم ...،») leaves the place after it to the act
    aside = "سيطر جيش الفتح، الذي يضم جبهة النصرة، أمس على مدينة جسر الشغور."
    assert brief(run(ex, aside), "place") == [("jisr-ash-shughur",)]


def test_actors_by_name_a_state_between_two_parties_is_a_party(ex):
    # «بين إسرائيل وحزب الله»: a state that is also a place, after «بين» and joined to an actor, is a party
    sent, actors = mentions(ex, "واندلعت أمس اشتباكات بين إسرائيل وحزب الله.")
    assert "israel" in [a for a, _ in actors] and not sent.places
    sent, _ = mentions(ex, "وقعت أمس اشتباكات بين دمشق وحلب.")
    assert [p.id for p in sent.places] == ["damascus", "aleppo"]


def test_the_country_a_verbal_act_is_about_is_its_place(ex):
    # «بشأن», «حول»: what a veto or a criticism is about; not a country named otherwise
    about = "واستخدمت الصين أمس حق النقض ضد مشروع قرار بشأن سوريا."
    other = "واستخدمت الصين أمس حق النقض ضد مشروع قرار قدمته سوريا."
    assert brief(run(ex, about), "event_type", "place")[0] == ("veto", "SY")
    assert all(p is None for t, p in brief(run(ex, other), "event_type", "place") if t == "veto")


def test_the_country_a_demand_is_for_is_its_place(ex):
    # what a party demands for a country, after a preposition, concerns that country
    text = "وطالبت فرنسا أمس بإيصال المساعدات إلى سوريا."
    assert brief(run(ex, text), "event_type", "place") == [("demand", "SY")]


def test_said_at_the_meeting(ex):
    talks = "وعقدت أمس في جنيف محادثات بين روسيا وتركيا."
    text = "وشدد الطرفان على ضرورة حماية المدنيين."
    assert brief(run(ex, talks, text), "actor1", "date") == [("russia", YESTERDAY), ("turkey", YESTERDAY)]
    assert brief(run(without(ex, ev.said_at_the_meeting), talks, text), "date") == [(None,), (None,)]


def test_date(ex):
    text = "سيطر تنظيم داعش على مدينة تدمر أمس."
    assert brief(run(ex, text), "date") == [(YESTERDAY,)]
    assert brief(run(without(ex, ev.date), text), "date") == [(None,)]


def test_reported_by(ex):
    text = "وقال المرصد السوري لحقوق الإنسان إن قوات النظام سيطرت أمس على بلدة كفرنبودة."
    assert brief(run(ex, text), "actor1", "reported_by") == [("syrian-army", "sohr")]
    assert brief(run(without(ex, ev.reported_by), text), "reported_by") == [(None,)]


def test_actor2_and_place(ex):
    text = "قصفت قوات النظام أمس مواقع تنظيم داعش في ريف حماة."
    assert brief(run(ex, text), "actor2", "place") == [("isis", "SY-HM")]
    assert brief(run(without(ex, ev.actor2_and_place), text), "actor2", "place") == [(None, None)]


def test_negated_and_hedged(ex):
    text = "لم تتمكن قوات النظام أمس من دخول بلدة كفرنبودة."
    assert brief(run(ex, text), "negated") == [(True,)]
    assert brief(run(without(ex, ev.negated_and_hedged), text), "negated") == [(False,)]


def test_negated_and_hedged_reads_the_negated_flag(ex):
    s, c = states(ex, "فشل مشروع القرار في مجلس الأمن أمس.", "فشل")
    assert c.cue.has("negated")
    ev.negated_and_hedged(ex, s, c)
    assert c.ev.negated  # no negation word: the cue's flag


def test_claimed_attack(ex):
    told, claim = "انفجرت سيارة مفخخة أمس في مدينة القامشلي.", "وتبنى تنظيم داعش التفجير."
    assert brief(run(ex, told, claim), "event_type", "actor1", "place")[1] == ("suicide_or_ied", "isis", "al-qamishli")
    assert brief(run(without(ex, ev.claimed_attack), told, claim), "event_type")[1] == ("vote",)


def test_toll(ex):
    text = "قتل خمسة مدنيين أمس في غارات روسية على مدينة إدلب."
    assert brief(run(ex, text), "event_type", "fatalities") == [("airstrike", 5)]
    assert brief(run(without(ex, ev.toll), text), "fatalities") == [(None,)]


# -- cue passes: enough to code? -----------------------------------------------------------


def test_unanchored(ex):
    text = "ووقعت اشتباكات عنيفة."
    assert run(ex, text) == []
    assert [e.event_type for e in run(without(ex, ev.unanchored), text)] == ["armed_clash"]


def test_a_toll_that_names_the_force_it_hit_anchors_the_act(ex):
    # no doer, no place, no time: the toll and the force it hit are the second signal
    text = "وقال ضابط إنه قتل 20 من أفراد الأمن، من الشرطة الاتحادية، في هجوم انتحاري بسيارة مفخخة."
    assert [(e.event_type, e.actor2, e.fatalities) for e in run(ex, text)] == \
        [("suicide_or_ied", "federal-police", 20)]
    # a toll alone, no force named, stays unanchored
    assert run(ex, "وقال ضابط إنه قتل 20 شخصا، في هجوم انتحاري بسيارة مفخخة.") == []


def test_displaced_named_in_passing(ex):
    text = "وأعلن الأردن أنه لن يفتح حدوده أمام النازحين."
    assert run(ex, text) == []
    assert [e.event_type for e in run(without(ex, ev.displaced_named_in_passing), text)] == ["displacement"]


def test_attack_told_before(ex):
    text = "وتوقفت المفاوضات بعد الهجوم الذي شنه تنظيم داعش."
    assert run(ex, text) == []
    assert [e.event_type for e in run(without(ex, ev.attack_told_before), text)] == ["armed_clash"]


def test_attack_told_again(ex):
    told = ("سقطت قذائف هاون على حي الميدان في دمشق اليوم.", "وأصيب خمسة مدنيين في الهجوم الذي استهدف سوق حي الميدان.")
    assert brief(run(ex, *told), "event_type") == [("shelling",), ("shelling",)]
    assert brief(run(without(ex, ev.attack_told_again), *told), "event_type") == [("shelling",), ("armed_clash",)]


# -- variant passes --------------------------------------------------------------------------


def test_attack_in_words(ex):
    text = "هاجم وزير الخارجية الروسي سيرغي لافروف أمس الموقف التركي."
    assert brief(run(ex, text), "event_type", "date") == [("criticism", None)]
    assert brief(run(without(ex, ev.attack_in_words), text), "event_type") == [("armed_clash",)]


def test_who_moves(ex):
    text = "انسحب آلاف المدنيين أمس من مدينة الرقة."
    assert brief(run(ex, text), "event_type", "actor1") == [("displacement", "civilians")]
    assert brief(run(without(ex, ev.who_moves), text), "event_type") == [("withdrawal",)]


def test_from_the_air(ex):
    text = "قصف التحالف الدولي أمس مدينة الرقة."
    assert brief(run(ex, text), "event_type", "actor1") == [("airstrike", "coalition")]
    assert brief(run(without(ex, ev.from_the_air), text), "event_type") == [("shelling",)]


def test_actor1(ex):
    text = "سيطر تنظيم داعش على مدينة تدمر أمس."
    assert run(ex, text)[0].spans["actor1"]
    assert brief(run(without(ex, ev.actor1), text), "actor1") == [(None,)]


def test_keep(ex):
    text = "سيطر تنظيم داعش على مدينة تدمر أمس."
    assert len(run(ex, text)) == 1
    assert run(without(ex, ev.keep), text) == []


def test_remember_the_force(ex):
    took, went_on = "سيطرت قوات النظام أمس على بلدة كفرنبودة.", "وتقدمت نحو بلدة الهبيط."
    assert brief(run(ex, took, went_on), "actor1", "place")[1] == ("syrian-army", "al-habit")  # no word names it
    assert brief(run(without(ex, ev.remember_the_force), took, went_on), "actor1")[1] == (None,)


def test_remember_the_main_act(ex):
    text = "سيطرت قوات النظام أمس على مدينة جسر الشغور بعد معارك عنيفة."
    assert len(run(ex, text)) == 2
    assert [e.event_type for e in run(without(ex, ev.remember_the_main_act), text)] == ["territory_taken"]


def test_remember_the_violence(ex):
    told, claim = "انفجرت سيارة مفخخة أمس في مدينة القامشلي.", "وتبنى تنظيم داعش الهجوم."
    assert brief(run(ex, told, claim), "event_type", "place")[1] == ("suicide_or_ied", "al-qamishli")
    assert brief(run(without(ex, ev.remember_the_violence), told, claim), "event_type", "place")[1] == \
        ("armed_clash", None)


# -- sentence passes -------------------------------------------------------------------------


def test_own_verbal_act_not_relayed(ex):
    text = "وقالت الخارجية الروسية إن روسيا تدين الهجوم على السفارة."
    assert brief(run(ex, text), "actor1", "reported_by") == [("russia", None)]
    assert brief(run(without(ex, ev.own_verbal_act_not_relayed), text), "reported_by") == [("russian-mfa",)]


def test_killed_were_the_enemy(ex):
    text = "قتل عشرون عنصرا من هيئة تحرير الشام أمس في قصف لقوات النظام على مدينة إدلب."
    assert brief(run(ex, text), "actor1", "actor2", "fatalities") == [("syrian-army", "hts", 20)]
    assert brief(run(without(ex, ev.killed_were_the_enemy), text), "actor2") == [(None,)]


def test_an_agreement_on_a_truce_is_the_truce(ex):
    text = "وأعلنت روسيا وتركيا التوصل إلى اتفاق لوقف إطلاق النار في إدلب أمس."
    assert sorted(brief(run(ex, text), "event_type", "actor1")) == [("ceasefire", "russia"), ("ceasefire", "turkey")]
    assert ("agreement", "russia") in brief(run(without(ex, ev.an_agreement_on_a_truce_is_the_truce), text),
                                            "event_type", "actor1")


def test_the_displaced_beside_the_fighters(ex):
    # «116 مقاتلا و6101 لاجئ»: the fighters withdrew, the refugees were displaced
    text = "وخرج من مخيمات عرسال أمس 116 مقاتلا و6101 لاجئ."
    kinds = lambda x: sorted(e.event_type for e in run(x, text))
    assert kinds(ex) == ["displacement", "withdrawal"]
    assert kinds(without(ex, ev.the_displaced_beside_the_fighters)) == ["withdrawal"]
    assert [e.event_type for e in run(ex, "وانسحب من بلدة سراقب أمس 300 مقاتل.")] == ["withdrawal"]


def test_one_event_per_act(ex):
    text = "سيطرت قوات النظام أمس على بلدة كفرنبودة وأحكمت سيطرتها عليها."
    assert len(run(ex, text)) == 1
    assert len(run(without(ex, ev.one_event_per_act), text)) == 2


def test_statements_that_are_news(ex):
    text = "وحذر وزير الخارجية الروسي سيرغي لافروف أمس من كارثة إنسانية في إدلب."
    assert brief(run(ex, text), "event_type", "actor1") == [("statement", "sergei-lavrov")]
    assert run(without(ex, ev.statements_that_are_news), text) == []


# -- article passes -----------------------------------------------------------------------


def test_lead_dated_by_its_later_report(ex):
    # the lead has no time; «القصف» later is the same strike, dated «يوم أمس»
    lead = "شنت طائرات التحالف الدولي غارات على مواقع تنظيم داعش في مدينة الرقة."
    later = "وقال ناشطون إن القصف استهدف مقرات التنظيم يوم أمس."
    assert brief(run(ex, lead, later), "event_type", "date") == [("airstrike", YESTERDAY), ("airstrike", YESTERDAY)]
    assert brief(run(without(ex, ev.lead_dated_by_its_later_report), lead, later), "date") == [(PUB,), (YESTERDAY,)]


def test_lead_keeps_its_date_beside_another_dated_act(ex):
    # a strike of the same type elsewhere, told with its own verb, is another act
    lead = "شنت طائرات التحالف الدولي غارات على مواقع تنظيم داعش في مدينة الرقة."
    other = "وكانت طائرات التحالف قصفت مواقع للتنظيم في مدينة الطبقة يوم أمس."
    assert brief(run(ex, lead, other), "place", "date") == [("raqqa", PUB), ("al-tabqa", YESTERDAY)]
