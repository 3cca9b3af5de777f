"""When one sentence tells one act and when it tells several: coordinated
places and actors, locators, clauses (store/nlp/sentence.py,
store/nlp/identity.py, the passes of store/nlp/events.py). Sentences of our own."""
from tests.accuracy_support import ex, run  # noqa: F401  (ex is a fixture)


def places(events, event_type):
    return sorted(e.place for e in events if e.event_type == event_type)


def test_a_direction_after_a_comma_locates_the_place_before(ex):
    # «تكريت، شمال بغداد»: Baghdad says where Tikrit lies; one strike, on Tikrit
    events = run(ex, "قصفت الطائرات الحربية السورية مدينة تكريت، شمال بغداد، اليوم.")
    assert places(events, "airstrike") == ["tikrit"]


def test_a_comma_list_of_places_is_still_coordinated(ex):
    events = run(ex, "قصفت الطائرات الحربية السورية مدينة تكريت، ومدينة الموصل اليوم.")
    assert places(events, "airstrike") == ["mosul", "tikrit"]


def test_a_place_after_a_locator_is_coordinated_again(ex):
    # «الرقة، شرق سوريا، ودير الزور»: Syria locates Raqqa; Deir ez-Zor is a second place
    events = run(ex, "قصفت طائرات التحالف مواقع التنظيم في الرقة، شرق سوريا، ودير الزور أمس.")
    assert sorted(set(places(events, "airstrike"))) == ["deir-ez-zor", "raqqa"]
