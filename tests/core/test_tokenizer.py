"""Byte-level tokenizer: exact round trip for any text, readable labels."""

from hypothesis import given
from hypothesis import strategies as st

from kvviz.core import tokenizer


@given(st.text())
def test_any_text_round_trips(text):
    ids = tokenizer.encode(text)
    assert all(0 <= i < 256 for i in ids)
    assert tokenizer.decode(ids) == text


@given(st.lists(st.integers(0, 255)))
def test_one_label_per_token_for_any_bytes(ids):
    labels = tokenizer.token_labels(ids)
    assert len(labels) == len(ids)
    assert all(label and label.isprintable() for label in labels)
    tokenizer.decode(ids)  # never raises, even for invalid UTF-8


def test_labels_are_readable():
    assert tokenizer.token_labels(tokenizer.encode("a b\n\t\x00")) == ["a", "␣", "b", "\\n", "\\t", "\\x00"]
    assert tokenizer.token_labels(tokenizer.encode("é€")) == ["é", "·a9", "€", "·82", "·ac"]
    assert tokenizer.token_labels([0xC3]) == ["\\xc3"]  # a lone lead byte is shown as a byte
    assert tokenizer.token_labels(tokenizer.encode("🙂")) == ["🙂", "·9f", "·99", "·82"]
