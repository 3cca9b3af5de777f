"""Forms of a cue that nobody typed (issue 12, "cue not matched"): one
cues.tsv row stands for the forms the generator makes of it, and a form
that is another word is not made. Sentences of our own; each class has a
counterpart that stays out."""
import pytest

from store.nlp.cues import build_cue_index, rows_forming
from store.text.arabic import normalize, tokenize
from store.text.morphology import accusative_form
from tests.accuracy_support import ex, run  # noqa: F401  (ex is a fixture)


def types(x, *sentences):
    return [e.event_type for e in run(x, *sentences)]


def _patterns(rows, text):
    index = build_cue_index(rows)
    return [c.pattern for h in index.find(tokenize(text)) for c in h.payloads]


# -- the indefinite accusative: «تقدماً», «قصفاً جوياً» -------------------------------


def test_the_accusative_takes_its_alef_where_arabic_writes_one():
    assert accusative_form(normalize("تقدم")) == normalize("تقدما")
    assert accusative_form(normalize("انتحاري")) == normalize("انتحاريا")  # a nisba
    # the definite, a ta marbuta, a sound plural and a hamza take none
    for word in ("الهجوم", "غارة", "مواجهات", "انتحاريين", "إخلاء"):
        assert accusative_form(normalize(word)) == ""


def test_a_noun_row_matches_its_accusative_and_keeps_its_name():
    rows = [{"event_type": "territory_taken", "pattern": "تقدم+", "role": "noun"},
            {"event_type": "airstrike", "pattern": "قصف جوي", "role": "noun"}]
    assert _patterns(rows, "وحققت القوات تقدماً ملموساً") == ["تقدم"]
    assert _patterns(rows, "ونفذت الطائرات قصفاً جوياً") == ["قصف جوي"]
    # a passive row names the one acted on: «طرداً» is a parcel, no accusative is made
    assert _patterns([{"event_type": "withdrawal", "pattern": "طرد", "role": "passive"}], "أرسل طرداً") == []


def test_an_accusative_that_is_an_adverb_of_another_sense_is_not_made():
    rows = [{"event_type": "armed_clash", "pattern": "اعتراض", "role": "noun", "requires": "الصواريخ"}]
    assert _patterns(rows, "وتظاهر السكان اعتراضاً على الصواريخ") == []
    arrival = [{"event_type": "displacement", "pattern": "وصول", "role": "noun", "requires": "نازحين"}]
    assert _patterns(arrival, "امتدت المخيمات وصولاً إلى نازحين") == []  # «all the way to», no arrival
    assert _patterns(arrival, "وصول نازحين") == ["وصول"]


@pytest.mark.parametrize("sentence,event_type", [
    ("وقال المرصد إن الجيش حقق تقدماً نحو بلدة كفرنبودة في ريف حماة.", "territory_taken"),
    ("وقال مصدر محلي إن الفصائل شنت قصفاً صاروخياً على مواقع الجيش في ريف حماة.", "shelling"),
])
def test_an_act_named_in_the_accusative_is_found(ex, sentence, event_type):
    assert event_type in types(ex, sentence)



# -- the generated forms are inspectable: `conflictui dicts --cue` -------------------------


def test_the_rows_of_a_conjugation_nobody_typed_are_found_with_their_forms():
    rows = [{"event_type": "territory_taken", "pattern": "~سيطر", "role": "verb"},
            {"event_type": "vote", "pattern": "~عارض+", "role": "verb"},
            {"event_type": "territory_taken", "pattern": "تقدم+", "role": "noun"}]
    found = rows_forming(rows, "يسيطرون")
    assert [r["pattern"] for r, _ in found] == ["~سيطر"] and normalize("سيطرت") in found[0][1]
    assert [r["pattern"] for r, _ in rows_forming(rows, "عارض")] == ["~عارض+"]  # the verb written bare
    assert [r["pattern"] for r, _ in rows_forming(rows, "تقدماً")] == ["تقدم+"]
    # «تعرض» (came under attack) is no form of «عارض» (opposed)
    assert rows_forming(rows, "تعرض") == []


def test_the_cli_lists_a_cues_forms_and_fails_on_a_word_no_cue_makes(tmp_path, monkeypatch):
    from click.testing import CliRunner
    from tui.cli import main

    monkeypatch.setenv("CONFLICTUI_DICT_DIR", str(tmp_path))
    shown = CliRunner().invoke(main, ["dicts", "--cue", "يسيطرون"])
    assert shown.exit_code == 0 and "~سيطر" in shown.stdout and normalize("تسيطر") in shown.stdout.split()
    assert "~عارض" not in CliRunner().invoke(main, ["dicts", "--cue", "تعرض"]).stdout
    missing = CliRunner().invoke(main, ["dicts", "--cue", "مكتبة"])
    assert missing.exit_code == 1 and "no cue" in missing.stderr


# -- a condition names a lexicon class: `requires` «@displaced_people» ----------------------


def test_a_condition_of_a_lexicon_class_takes_its_words_and_an_unknown_class_never_holds():
    from store.nlp.lexicon import LOADED

    row = {"event_type": "displacement", "pattern": "~وصل", "role": "past", "requires": "@displaced_people"}
    cue = build_cue_index([row]).by_tokens[(normalize("وصلت"),)][0]
    assert cue.requires == LOADED.words("displaced_people") and normalize("نازحين") in cue.requires
    unknown = build_cue_index([dict(row, requires="@no_such_class")]).by_tokens[(normalize("وصلت"),)][0]
    assert unknown.requires == {"@no_such_class"}  # no word is that: the cue never fires
    place = build_cue_index([dict(row, requires="@place")]).by_tokens[(normalize("وصلت"),)][0]
    assert place.requires == {"@place"}


def test_the_displaced_arriving_named_by_the_class_still_make_a_displacement(ex):
    assert "displacement" in types(ex, "ووصلت أمس 30 حافلة تقل مهجرين من ريف حمص إلى مدينة إدلب.")


# -- acts named by words no row had, each with a second signal ---------------------------


def _events(x, sentence, event_type):
    return [(e.actor1, e.actor2) for e in run(x, sentence) if e.event_type == event_type]


@pytest.mark.parametrize("sentence", [
    "وقمعت قوات النظام المتظاهرين في مدينة درعا يوم الجمعة.",
    "وجاء القرار بعد قمع الجيش السوري الاحتجاجات في درعا.",
])
def test_a_repression_of_protests_is_an_attack_on_civilians(ex, sentence):
    assert "attack_on_civilians" in types(ex, sentence)


@pytest.mark.parametrize("sentence", [
    "وتعهد الجيش بقمع التمرد في ريف درعا.",  # no protest named: a rebellion put down
    "وقال الوزير إن الحكومة ستقمع الفساد في المؤسسات.",
])
def test_a_repression_of_no_protest_is_no_attack_on_civilians(ex, sentence):
    assert "attack_on_civilians" not in types(ex, sentence)


def test_a_war_between_two_sides_is_their_clash_one_against_the_other(ex):
    assert _events(ex, "واندلعت الحرب بين الجيش السوري وفصائل المعارضة في ريف حماة.", "armed_clash") == \
        [("syrian-army", "syrian-opposition")]
    assert "armed_clash" not in types(ex, "وقال الوزير إن الحرب على الإرهاب لم تنته بعد.")  # no two sides


def test_clashes_between_two_sides_make_the_first_the_doer_and_the_second_the_target(ex):
    assert _events(ex, "ودارت اشتباكات عنيفة بين قوات سوريا الديمقراطية وتنظيم داعش في ريف دير الزور.",
                   "armed_clash") == [("sdf", "isis")]


@pytest.mark.parametrize("sentence,event_type,actor1", [
    # a body denied its standing: the speaker criticises
    ("وأكدت الخارجية الروسية عدم شرعية اللجنة التي شكلتها المنظمة.", "criticism", "russian-mfa"),
    # a proof called fabricated: the speaker accuses
    ("وقالت الخارجية السورية إن الصور المفبركة نشرتها جماعات مسلحة.", "accusation", "syrian-mfa"),
])
def test_a_judgement_without_a_verb_of_judging_is_the_speakers_act(ex, sentence, event_type, actor1):
    assert [a1 for a1, _ in _events(ex, sentence, event_type)] == [actor1]


def test_a_bare_negation_noun_is_no_criticism(ex):
    assert "criticism" not in types(ex, "وأكدت الخارجية الروسية عدم وجود أدلة على الهجوم.")


def test_a_pursuit_of_remnants_is_a_clash_and_a_prosecution_is_not(ex):
    assert _events(ex, "ولاحقت قوات الحشد الشعبي خلايا داعش في صحراء الأنبار.", "armed_clash") == [("pmu", "isis")]
    assert "armed_clash" in types(ex, "وقال المتحدث إن القوات العراقية بدأت أمس ملاحقة فلول التنظيم في صحراء الأنبار.")
    assert "armed_clash" not in types(ex, "وطالب الوزير بملاحقة المسؤولين عن الفساد أمام القضاء.")


# -- an attack by one side that harms only civilians (cue flag one_sided) ----------------


@pytest.mark.parametrize("sentence,actor1", [
    ("وشن مسلحون من داعش هجوما مسلحا مساء اليوم على قرية في ريف جلولاء، أصاب فيه أربعة من رعاة الأغنام.", None),
    ("وذكر مصدر في الشرطة إصابة مدنيين اثنين بهجوم شنه عناصر تابعة لداعش قرب بعقوبة.", "isis"),
])
def test_an_attack_that_harms_civilians_is_an_attack_on_civilians(ex, sentence, actor1):
    found = _events(ex, sentence, "attack_on_civilians")
    assert found and found[0][1] == "civilians" and (actor1 is None or found[0][0] == actor1)
    assert "armed_clash" not in types(ex, sentence)


@pytest.mark.parametrize("sentence", [
    "واندلعت اشتباكات بين الجيش السوري وفصائل المعارضة قتل فيها ثلاثة مدنيين.",  # a clash stays a clash
    "وشن التنظيم هجوما على حاجز للجيش العراقي أسفر عن مقتل جنديين ومدني.",  # aimed at a force
    "وأحصى المرصد مقتل أكثر من 120 مدنيا منذ بدء الهجوم.",  # a toll counted since the attack told before
])
def test_an_attack_on_a_force_or_a_clash_with_civilian_dead_is_no_attack_on_civilians(ex, sentence):
    assert "attack_on_civilians" not in types(ex, sentence)


def test_a_draft_withdrawn_needs_a_draft_word_and_forces_withdrawn_are_no_draft(ex):
    withdrawn = [e for e in run(ex, "وسحبت فرنسا، صاحبة المشروع، الصيغة الأولى من الوثيقة قبل التصويت.")
                 if e.event_type == "proposal"]
    assert withdrawn and all(e.negated for e in withdrawn)
    assert "proposal" not in types(ex, "وسحبت روسيا قواتها من قاعدة حميميم أمس.")
    assert "proposal" not in types(ex, "وقررت الأمم المتحدة سحب موظفيها من المدينة.")


# -- a material act told in the future: the speaker's threat ------------------------------


def test_the_future_of_a_material_verb_is_generated_and_of_a_statement_is_not():
    rows = [{"event_type": "armed_clash", "pattern": "~اقتحم+", "role": "verb"},
            {"event_type": "statement", "pattern": "~قال", "role": "verb"}]
    found = rows_forming(rows, "سيقتحمون")
    assert [r["pattern"] for r, _ in found] == ["~اقتحم+"]
    assert rows_forming(rows, "سيقول") == []  # a statement to come is no act


@pytest.mark.parametrize("sentence,actor2", [
    ("وقال الرئيس التركي رجب طيب أردوغان إن الجيش التركي سيدخل مدينة منبج قريبا.", None),
    ("وقال الرئيس التركي رجب طيب أردوغان إن قواته ستواصل عملياتها ضد حزب العمال الكردستاني.", "pkk"),
    # a noun of the act after a future word
    ("وقال الرئيس التركي رجب طيب أردوغان إنه سيتم اقتحام مدينة منبج قريبا.", None),
])
def test_a_material_act_its_own_side_will_do_is_the_speakers_threat(ex, sentence, actor2):
    assert _events(ex, sentence, "threat") == [("erdogan", actor2)]
    assert not [t for t in types(ex, sentence) if t in ("armed_clash", "territory_taken")]


@pytest.mark.parametrize("sentence", [
    "وقال المرصد السوري إن قوات النظام ستقتحم البلدة خلال أيام.",
    "وقال المرصد السوري إن الخطوة القادمة ستكون اقتحام البلدة.",
])
def test_a_forecast_by_one_who_is_no_party_is_no_act(ex, sentence):
    assert types(ex, sentence) == []


def test_came_under_attack_is_no_form_of_presented(ex):
    # «تعرض» unvocalised is «تعرّض» (came under), not the present of «عرض» (presented a draft)
    found = types(ex, "وقال مصدر محلي إن المستشفى خرج عن الخدمة بعد أن تعرض لقصف عنيف من قوات النظام.")
    assert "proposal" not in found and "shelling" in found
    assert "proposal" not in types(ex, "وانسحب المقاتلون من البلدة ثم تعرضوا لكمين على الطريق.")


@pytest.mark.parametrize("sentence,word", [
    ("وقال المتحدث إن القوات ستعلن لاحقا نتائج ملاحقة فلول التنظيم.", "لاحقا"),  # later, not «the two pursued»
])
def test_a_generated_form_that_is_another_word_is_no_cue(ex, sentence, word):
    from store.nlp.dictionaries import Dictionaries

    sent = ex.extract(_article_of(sentence)).sentences[-1]
    assert not [c for m, c in sent.cues if c.pattern.startswith("~") and normalize(sentence[m.start:m.end]) == normalize(word)]
    assert rows_forming(Dictionaries(include_user=False).cues, word)  # the generator makes it; the lexicon says no


def _article_of(sentence):
    from store.text.articles import Article
    return Article(path="p.txt", title="p", body="بيروت - وكالات\n\n" + sentence, published="2019-05-22", language="ar")
