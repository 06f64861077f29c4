"""Tokens as text: the model's tokenizer decides the labels, pieces shown as what they are."""

from __future__ import annotations

from tokenizers import Tokenizer, models

from kvviz.core.defaults import default_config
from kvviz.core.run import RunSpec, build_run
from kvviz.core.serialize import run_to_dict
from kvviz.hf.text import ModelText
from kvviz.hf.weights import ModelFolderWeights


def text_of(folder) -> ModelText:
    return ModelText(folder / "tokenizer.json", folder)


def test_byte_level_pieces_are_decoded_and_spaces_shown(model_folders):
    text = text_of(model_folders["gpt2"])
    ids = text.encode("Café naïve\n x")
    labels = text.token_labels(ids)
    assert "".join(labels) == "Café␣naïve\\n␣x"
    assert all("Ġ" not in label and "Ã" not in label for label in labels)
    assert text.decode(ids) == "Café naïve\n x"


def test_a_piece_that_is_part_of_a_character_shows_its_bytes(model_folders):
    text = text_of(model_folders["gpt2"])
    e_acute = "é".encode()  # two bytes; the byte-level alphabet has each byte as a token of its own
    ids = [text.tokenizer.token_to_id(ch) for ch in ("Ã", "©")]
    assert text.token_labels(ids) == [f"\\x{e_acute[0]:02x}", f"\\x{e_acute[1]:02x}"]


def test_special_tokens_are_marked(model_folders):
    text = text_of(model_folders["llama"])
    ids = text.encode("The KV cache")
    assert text.token_labels(ids)[0] == "⟨s⟩"  # the BOS the template adds
    assert text.token_labels([text.tokenizer.token_to_id("</s>")]) == ["⟨/s⟩"]


def test_sentencepiece_pieces_and_byte_fallback(tmp_path):
    vocab = {"<unk>": 0, "<0x0A>": 1, "<0xC3>": 2, "▁the": 3, "cache": 4}
    Tokenizer(models.BPE(vocab=vocab, merges=[], unk_token="<unk>", byte_fallback=True)).save(str(tmp_path / "t.json"))
    text = ModelText(tmp_path / "t.json", tmp_path)
    assert text.token_labels([3, 4, 1, 2]) == ["␣the", "cache", "\\n", "\\xc3"]


def test_records_labels_and_the_trace_prompt_come_from_the_models_tokenizer(model_folders):
    weights = ModelFolderWeights(model_folders["qwen2"])
    config = weights.configure(default_config().replace(context_length=32))
    run = build_run(RunSpec(config=config, prompt="Grouped-query attention", weights=weights))
    record = run.current
    assert record.text.token_labels(record.tokens)[:3] == ["⟨s⟩", "Grouped", "-"]
    assert run_to_dict(run.records)["prompt"] == "<s>Grouped-query attention"
