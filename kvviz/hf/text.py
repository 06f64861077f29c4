"""A model's own tokenizer, as kvviz's views need it: ids for the prompt, a readable label per token.

Labels show what a token *is*, not how the vocabulary spells it: byte-level pieces (GPT-2's
``Ġthe``) are mapped back to their bytes and decoded (`` the``), SentencePiece's ``▁`` is a
space and its byte-fallback pieces (``<0x0A>``) are bytes; a space then reads "␣" and control
characters as escapes, like the tiny model's byte labels. A piece that is only part of a
UTF-8 character shows its bytes as ``\\xNN``. Special tokens are marked ``⟨…⟩``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path

from tokenizers import Tokenizer
from transformers.convert_slow_tokenizer import bytes_to_unicode

from kvviz.hf.folder import ModelFolderError
from kvviz.i18n import translate

_BYTE_OF_CHAR = {char: byte for byte, char in bytes_to_unicode().items()}
_BYTE_FALLBACK = re.compile(r"<0x([0-9A-Fa-f]{2})>")
_ESCAPES = {" ": "␣", "\n": "\\n", "\t": "\\t", "\r": "\\r"}


def _readable(text: str) -> str:
    return "".join(_ESCAPES.get(c, c if c.isprintable() else f"\\x{ord(c):02x}") for c in text)


def _bytes_label(raw: bytes) -> str:
    try:
        return _readable(raw.decode("utf-8"))
    except UnicodeDecodeError:  # part of a character: its bytes, as they are
        return "".join(f"\\x{b:02x}" for b in raw)


class ModelText:
    """Encode, decode and label tokens with the tokenizer of a model folder (``tokenizer.json``)."""

    def __init__(self, path: Path, folder: Path) -> None:
        try:
            self.tokenizer = Tokenizer.from_file(str(path))
        except Exception as exc:  # the Rust parser's errors carry no type of their own
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            message = translate("hf.text", "{name} cannot be read as a tokenizer: {reason}")
            raise ModelFolderError(folder, message.format(name=path.name, reason=first)) from exc
        description = json.loads(self.tokenizer.to_str())
        self.byte_level = "ByteLevel" in json.dumps([description.get("decoder"), description.get("pre_tokenizer")])
        self.special = {i for i, t in self.tokenizer.get_added_tokens_decoder().items() if t.special}
        self.vocab_size = self.tokenizer.get_vocab_size(with_added_tokens=True)
        self._labels: dict[int, str] = {}

    def encode(self, text: str) -> list[int]:
        """Ids of ``text``, with the special tokens the model's template adds (a BOS for Llama, say)."""
        return self.tokenizer.encode(text).ids

    def decode(self, ids: Sequence[int]) -> str:
        return self.tokenizer.decode([int(i) for i in ids], skip_special_tokens=False)

    def token_labels(self, ids: Sequence[int]) -> list[str]:
        ids = ids.tolist() if hasattr(ids, "tolist") else [int(i) for i in ids]
        return [self._labels.get(i) or self._label(i) for i in ids]

    def _label(self, token: int) -> str:
        piece = self.tokenizer.id_to_token(token)
        if piece is None:
            label = f"⟨id {token}⟩"
        elif token in self.special:
            label = f"⟨{piece.strip('<>')}⟩"
        elif self.byte_level and all(c in _BYTE_OF_CHAR for c in piece):
            label = _bytes_label(bytes(_BYTE_OF_CHAR[c] for c in piece))
        elif match := _BYTE_FALLBACK.fullmatch(piece):
            label = _bytes_label(bytes([int(match.group(1), 16)]))
        else:
            label = _readable(piece.replace("▁", " "))
        self._labels[token] = label
        return label
