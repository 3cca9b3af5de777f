"""What the act is (issue 12): an act told again, acts that had no type
before. Sentences of our own."""
import pytest

from store.nlp.dictionaries import Dictionaries
from store.nlp.extract import Extractor
from store.text.articles import Article

PUB = "2019-05-22"
SHELLING = "سقطت قذائف هاون على حي الميدان في دمشق اليوم."


@pytest.fixture(scope="module")
def ex():
    return Extractor(Dictionaries(include_user=False))


def run(x, *sentences):
    body = "بيروت - وكالات\n\n" + "\n\n".join(sentences)
    return x.extract(Article(path="p.txt", title="p", body=body, published=PUB, language="ar")).events


def types_in(events, sentence_idx):
    return [e.event_type for e in events if e.sentence_idx == sentence_idx]


@pytest.mark.parametrize("first,again,event_type", [
    ("فجر انتحاري سيارة مفخخة عند حاجز للجيش العراقي قرب مدينة تكريت صباح اليوم.",
     "وأصيب عشرون آخرون في الهجوم الذي وقع عند مدخل مدينة تكريت.", "suicide_or_ied"),
    (SHELLING, "وأصيب خمسة مدنيين في الهجوم الذي استهدف سوق حي الميدان.", "shelling"),
])
def test_the_attack_told_again_is_the_act_told_before(ex, first, again, event_type):
    events = run(ex, first, again)
    last = max(e.sentence_idx for e in events)
    assert types_in(events, last) == [event_type]


@pytest.mark.parametrize("again", [
    # an adjective of its own says what kind of attack it was
    "وأسفر الهجوم البري الذي شنته الفصائل على حي جوبر عن مقتل عشرة عناصر.",
    # a day of its own: the offensive, not the shelling of today
    "وكان الهجوم الذي انطلق في العاشر من الشهر الماضي قد تعثر قرب حي جوبر.",
])
def test_another_attack_keeps_its_own_type(ex, again):
    events = run(ex, SHELLING, again)
    last = max(e.sentence_idx for e in events)
    assert types_in(events, last) == ["armed_clash"]
