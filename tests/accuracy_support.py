"""What the tests of issue 12's error classes share (tests/test_accuracy_*.py):
the extractor over the shipped dictionaries, and a short article of our own."""
import pytest

from store.nlp.dictionaries import Dictionaries
from store.nlp.extract import Extractor
from store.text.articles import Article

PUB = "2019-05-22"  # a Wednesday


@pytest.fixture(scope="module")
def ex():
    return Extractor(Dictionaries(include_user=False))


def run(x, *sentences):
    """The events of an article made of the sentences, one paragraph each, under a dateline."""
    body = "بيروت - وكالات\n\n" + "\n\n".join(sentences)
    return x.extract(Article(path="p.txt", title="p", body=body, published=PUB, language="ar")).events
