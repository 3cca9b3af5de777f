"""A cue's words that are another word here (issue 12): a noun spelled like
a verb form, a name, a topic spoken of, a camp, aircraft that watch.
Sentences of our own; each case has a counterpart where the cue stays."""
import pytest

from tests.accuracy_support import ex, run  # noqa: F401  (ex is a fixture)


@pytest.mark.parametrize("sentence,event_type", [
    ("وأكدت قيادة العمليات أن قضاء سنجار آمن.", "territory_taken"),  # safe, not secured
    ("وشارك في العملية أمن الحشد وقوات الجيش في صحراء الأنبار.", "territory_taken"),  # security
    ("وقالت الوزارة إن التقرير يدعي أن الجيش استخدم غاز الكلور في دوما.", "demand"),  # claims, not calls
    ("وانفجرت سيارة مفخخة قرب ساحة الطيران وسط بغداد.", "airstrike"),  # a square's name
    ("وأضافت الخارجية الروسية حول الاتهامات إن بلادها قدمت كل ما لديها.", "accusation"),  # the topic
    ("وقتل خمسة مدنيين في قصف استهدف مخيما للنازحين قرب مدينة إدلب.", "displacement"),  # where they live
    ("وقالت مصادر إن تحليقا مكثفا لطائرات الاستطلاع الروسية سجل فوق ريف إدلب.", "airstrike"),  # they watch
])
def test_the_cue_word_is_another_word_here(ex, sentence, event_type):
    assert event_type not in [e.event_type for e in run(ex, sentence)]


@pytest.mark.parametrize("sentence,event_type", [
    ("وأمنت القوات العراقية الطريق الدولي قرب مدينة الرمادي أمس.", "territory_taken"),
    ("ودعت الخارجية الروسية مجلس الأمن إلى عقد جلسة طارئة.", "demand"),
    ("وشنت طائرات حربية روسية غارات على بلدة سراقب أمس.", "airstrike"),
    ("ونزح آلاف المدنيين من بلدة سراقب باتجاه المخيمات الحدودية.", "displacement"),
])
def test_the_cue_stays_where_it_is_the_act(ex, sentence, event_type):
    assert event_type in [e.event_type for e in run(ex, sentence)]
