"""Dispute aspects are data (store/data/aspects.tsv): which normaliser reads
each aspect of a subject, on which cue words. The clause passes each read
one kind of value; sentences here are the tests' own."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from store.nlp.dictionaries import Dictionaries
from store.nlp.extract import Extractor
from store.nlp.lexicon import Lexicon, load_lexicon
from store.nlp.positions.aspects import NORMALISERS, AspectTable
from store.nlp.positions.clauses import CLAUSE_PASSES
from store.text.articles import Article
from store.text.arabic import normalize

LEX = Lexicon({"class": c, "word": w, "value": v} for c, w, v in [
    ("cues", "مهلة", ""), ("ways", "الشمال", "north"), ("calm", "دون تاخير", "")])


def _table(*rows):
    keys = ("subject", "aspect", "normaliser", "cue", "kinds", "summary", "event_type")
    return AspectTable([dict(zip(keys, r)) for r in rows], LEX)


def test_a_subject_row_takes_the_place_of_the_star_row():
    table = _table(("*", "duration", "duration", "cues", "", "", ""),
                   ("truce", "truce_length", "duration", "cues", "", "", ""))
    assert table.get("truce", "duration").aspect == "truce_length"
    assert table.get("other", "duration").aspect == "duration"
    assert table.get("other", "delay") is None  # no row: the normaliser does not run


def test_cue_classes_give_words_phrases_and_values():
    table = _table(("*", "a", "direction", "ways", "", "", ""), ("*", "b", "immediate", "calm", "", "", ""))
    assert dict(table.get("x", "direction").cue_values) == {normalize("الشمال"): "north"}
    assert table.get("x", "immediate").cue_phrases == {(normalize("دون"), normalize("تاخير"))}


def test_place_kinds_include_or_exclude():
    table = _table(("*", "crossings", "crossing", "", "border_crossing|town", "", ""),
                   ("*", "sites", "site", "", "!country|!region", "", ""))
    crossing, site = table.get("x", "crossing"), table.get("x", "site")
    assert crossing.counts_place("town") and not crossing.counts_place("city")
    assert site.counts_place("city") and site.counts_place("") and not site.counts_place("country")


def test_bad_rows_are_named_and_the_good_ones_still_load():
    table = _table(("*", "length", "stretch", "", "", "", ""), ("*", "start", "delay", "no_such_class", "", "", ""),
                   ("*", "duration", "duration", "cues", "", "", ""))
    assert len(table.problems) == 2
    assert "unknown normaliser 'stretch'" in table.problems[0]
    assert "no_such_class" in table.problems[1] and "'start'" in table.problems[1]
    assert table.get("x", "duration") is not None


def test_the_shipped_aspects_load_without_problems_and_name_every_normaliser():
    dicts = Dictionaries(include_user=False)
    table = AspectTable.load(dicts.subjects, dicts.aspects, load_lexicon(include_user=False))
    assert table.problems == []
    assert {a.normaliser for a in table._by.values()} == set(NORMALISERS)
    assert table.get("ceasefire", "duration").aspect == "ceasefire_length"
    assert table.get("cross-border-aid", "crossing").counts_place("town")
    assert not table.get("ceasefire", "crossing").counts_place("town")


def test_the_passes_run_in_the_order_of_one_list():
    names = [p.__name__ for p in CLAUSE_PASSES]
    assert names.index("finding_stance") < names.index("report_assessment")  # the latter looks at the former
    assert len(names) == len(set(names))


@pytest.fixture(scope="module")
def extractor():
    return Extractor(Dictionaries(include_user=False))


def _positions(extractor, text):
    ex = extractor.extract(Article("x.txt", "t", text, published="2018-03-01"))
    return {(p.party, p.subject, p.aspect, p.value) for p in ex.positions}


@pytest.mark.parametrize("text,expected", [
    # durations_and_delays: a delay, then a duration named by the subject's row
    ("اقترحت روسيا هدنة إنسانية تبدأ بعد 48 ساعة من تبني القرار.", ("russia", "ceasefire", "ceasefire_start", "PT48H")),
    ("طالبت روسيا بتمديد تفويض آلية التحقيق المشتركة لمدة ستة أشهر.",
     ("russia", "jim-mandate", "mandate_length", "P6M")),
    # immediate_start and refused_start: ceasefire rows only
    ("طالبت بريطانيا بوقف إطلاق النار دون تأخير في كل أنحاء سوريا.", ("uk", "ceasefire", "ceasefire_start", "P0D")),
    ("رفضت روسيا أي مهلة لبدء وقف إطلاق النار واتهمت الولايات المتحدة بعرقلة الحل.",
     ("russia", "ceasefire", "ceasefire_start", "reject")),
    # places: a crossing kept open; investigators sent to a site
    ("قدمت ألمانيا مشروع قرار يمدد إدخال المساعدات عبر الحدود من معبر باب الهوى لمدة عام.",
     ("germany", "cross-border-aid", "crossings", "bab-al-hawa")),
    ("قدمت روسيا مشروع قرار بشأن آلية تحقيق جديدة ينص على إرسال المحققين إلى مطار الشعيرات.",
     ("russia", "new-investigative-mechanism", "investigation_sites", "shayrat-air-base")),
    ("قدمت روسيا مشروع قرار يمدد إدخال المساعدات عبر الحدود ستة أشهر مع إغلاق معبر باب السلامة.",
     ("russia", "cross-border-aid", "crossings_closed", "bab-al-salama")),
    # finding_stance
    ("قدمت روسيا مشروع قرار بشأن آلية تحقيق جديدة يقترح تجميد نتائج التحقيق حتى زيارة الموقع.",
     ("russia", "new-investigative-mechanism", "finding_stance", "freeze")),
    ("قدمت بريطانيا مشروع قرار بشأن آلية تحقيق جديدة يتيح لها تحديد المسؤولين عن الهجمات الكيميائية.",
     ("uk", "new-investigative-mechanism", "finding_stance", "independent")),
    # responsibility (a subject's own aspect) and directions
    ("انتقد التحالف الدولي نزوح المدنيين وقال إن المدنيين فروا إلى الشمال بسبب الجيش السوري.",
     ("coalition", "civilians-displacement", "displacement_cause", "syrian-army")),
    ("انتقد التحالف الدولي نزوح المدنيين وقال إن المدنيين فروا إلى الشمال بسبب الجيش السوري.",
     ("coalition", "civilians-displacement", "displacement_direction", "north")),
    # denials
    ("طالبت واشنطن بمحاسبة النظام على هجوم خان شيخون، ونفت دمشق أي صلة بالهجوم.",
     ("syrian-government", "chemical-attack-response", "responsibility", "reject")),
    # sanctions, exclusions, draft_status
    ("ينص المشروع الأمريكي على فرض عقوبات على النظام السوري بسبب الأسلحة الكيميائية.",
     ("usa", "chemical-attack-response", "measures", "sanctions")),
    ("ينص المشروع الفرنسي على فرض عقوبات على سوريا بسبب الأسلحة الكيميائية ويحظر بيع المروحيات لها.",
     ("france", "chemical-attack-response", "measures", "helicopter-embargo")),
    ("دعت فرنسا إلى هدنة تستثني تنظيم داعش وهيئة تحرير الشام.", ("france", "ceasefire", "ceasefire_exclusions", "hts")),
    ("سحبت الكويت مشروع القرار بشأن وقف إطلاق النار.", ("kuwait", "ceasefire", "draft_status", "withdrawn")),
    # report_assessment: a report subject is judged, not its finding
    ("اعتبرت روسيا أن تقرير بعثة تقصي الحقائق منحاز ومسيس.",
     ("russia", "opcw-report", "report_assessment", "reject")),
    ("أشادت فرنسا بتقرير بعثة تحديد الوقائع.", ("france", "opcw-report", "report_assessment", "praise")),
    # votes and deadlines, read by the sentence passes
    ("استخدمت روسيا والصين حق النقض ضد مشروع القرار بشأن المساعدات عبر الحدود، وامتنعت الهند عن التصويت.",
     ("india", "cross-border-aid", "vote", "abstain")),
    ("ينتهي تفويض آلية التحقيق المشتركة في 16 نوفمبر الجاري، وطالبت واشنطن بتمديده.",
     (None, "jim-mandate", "deadline", "2018-11-16")),
])
def test_each_pass_on_a_sentence(extractor, text, expected):
    assert expected in _positions(extractor, text)


def test_a_ceasefire_row_does_not_reach_another_subject(extractor):
    # about aid, the `*` delay row names the aspect `start`; only the ceasefire has an `immediate` row
    got = _positions(extractor, "طالبت بريطانيا بإدخال المساعدات الإنسانية إلى الغوطة دون تأخير "
                                "بعد 48 ساعة من تبني القرار.")
    assert ("uk", "humanitarian-access", "start", "PT48H") in got
    assert not any(p[3] == "P0D" for p in got)


ARTICLE = """---
title: ممرات إنسانية
published: 2018-03-01
---
طالبت فرنسا بإبقاء الممرات الآمنة لإيصال المساعدات الإنسانية إلى الغوطة مفتوحة ثلاثة أشهر.
"""


def _extract(tmp_path, folder):
    art = tmp_path / "a.md"
    art.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / f"out_{folder.name}.jsonl"
    subprocess.run([sys.executable, "-m", "tui.cli", "extract", str(art), "-o", str(out)],
                   check=True, capture_output=True, env={**os.environ, "CONFLICTUI_DICT_DIR": str(folder)})
    record = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    return record["dictionaries"], [(p["party"], p["subject"], p["aspect"], p["value"], p["summary_en"])
                                    for p in record["positions"]]


def test_an_aspect_added_in_the_user_folder_is_extracted(tmp_path):
    """A user adds an aspect of humanitarian access (how long corridors stay
    open), read by the duration normaliser, and the word that cues it."""
    folder = tmp_path / "dicts"
    folder.mkdir()
    (folder / "aspects.tsv").write_text(
        "subject\taspect\tnormaliser\tcue\tkinds\tsummary\tevent_type\n"
        "humanitarian-access\tcorridor_length\tduration\tcorridor_words\t\tcorridors open for {value}\t\n",
        encoding="utf-8")
    (folder / "lexicon.tsv").write_text("class\tword\tvalue\ncorridor_words\tالممرات\t\n", encoding="utf-8")
    before_print, before = _extract(tmp_path, tmp_path / "none")
    after_print, after = _extract(tmp_path, folder)
    assert before == []
    assert after == [("france", "humanitarian-access", "corridor_length", "P3M", "corridors open for 3 months")]
    assert before_print != after_print  # the fingerprint covers aspects.tsv


def test_weeks_have_one_value_whatever_their_form():
    """«أسبوعين» and «14 يوما» are one delay: a dual of weeks is counted in
    days, as «3 أسابيع» is (P21D), so disputes compare like with like."""
    from store.nlp.positions.durations import iso_duration
    from store.text.arabic import normalize

    def iso(text):
        norms = [normalize(w) for w in text.split()]
        return iso_duration(norms, 0)[0]

    assert iso("أسبوعين") == iso("14 يوما") == "P14D"
    assert iso("3 أسابيع") == "P21D"
