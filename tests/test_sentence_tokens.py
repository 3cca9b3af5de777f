"""Sentence.token_at: the token that holds an offset, which the passes use
to find an event's clause and what follows its trigger. Sentences of our own."""
from store.nlp.sentence import Sentence
from store.text.arabic import tokenize
from tests.accuracy_support import ex, run  # noqa: F401  (ex is a fixture)


def _sentence(text: str) -> Sentence:
    return Sentence(0, 0, len(text), text, tokenize(text), [], [], [], [], [])


def test_an_offset_inside_a_token_after_a_glued_proclitic_is_that_token():
    sent = _sentence("وقصفت الطائرات البلدة")
    assert sent.token_at(1) == 0  # «قصفت» begins after the glued «و»: still the first token
    assert sent.token_at(sent.tokens[1].start) == 1
    assert sent.token_at(len(sent.text)) == 2  # past the end: the last token, never the first


def test_a_withdrawal_that_ends_the_sentence_counts_no_one_from_its_start(ex):
    # the scan for people counted beside the fighters reads after the trigger; at the end there is nothing
    events = run(ex, "و200 لاجئ وصلوا إلى مخيم قرب بلدة سراقب أمس بعد أن قوات النظام انسحبت.")
    assert "displacement" not in [e.event_type for e in events]
