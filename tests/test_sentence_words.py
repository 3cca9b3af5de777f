"""The word classes store/nlp/sentence.py reads from lexicon.tsv, each on a
sentence of our own: a test fails if its class loses its words."""
import pytest

from store.nlp.dictionaries import Dictionaries
from store.nlp.extract import Extractor
from store.text.articles import Article


@pytest.fixture(scope="module")
def ex():
    return Extractor(Dictionaries(include_user=False))


def run(ex, sentence):
    body = "بيروت - وكالات\n\n" + sentence
    return ex.extract(Article(path="words.txt", title="words", body=body, published="2019-05-22",
                              language="ar")).events


def test_no_longer_negates_the_act(ex):  # no_longer: «لم يعد»
    assert [e.negated for e in run(ex, "لم يعد ينسحب الجيش السوري من مدينة إدلب.")] == [True]
    assert [e.negated for e in run(ex, "ينسحب الجيش السوري من مدينة إدلب.")] == [False]
    # who no longer holds a town tells a state, not an act (the gold guide: a state is not an act)
    assert run(ex, "لم يعد يسيطر تنظيم داعش على بلدة الباغوز.") == []


def test_a_future_attempt_is_hedged(ex):  # attempt_verbs: «سيحاول»
    assert [e.hedged for e in run(ex, "سيحاول الجيش السوري اقتحام مدينة إدلب.")] == [True]


def test_a_number_scale_multiplies_the_toll(ex):  # number_scales: «ألف», «مليون»
    assert [e.fatalities for e in run(ex, "وقتل 2 ألف مدني في قصف قوات النظام على مدينة إدلب.")] == [2000]
    assert [e.fatalities for e in run(ex, "وقتل 3 مليون مدني في قصف قوات النظام على مدينة إدلب.")] == [3_000_000]


def test_a_side_stands_between_coordinated_places(ex):  # side_phrases: «من جهة»
    events = run(ex, "قصفت قوات النظام مدينة إدلب من جهة الشمال ومدينة حماة.")
    assert sorted(e.place for e in events) == ["hama", "idlib"]
