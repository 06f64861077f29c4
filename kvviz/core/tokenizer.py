"""Byte-level tokenizer: token ids are the UTF-8 bytes of the text.

Byte tokens make every string representable and the round trip exact, and one token per
byte keeps the attention matrix small enough to read. The price is that a character such
as "é" spans two tokens; :func:`token_labels` shows such a character on its first byte and
marks the continuation bytes, so axis labels stay readable.
"""

from __future__ import annotations

from collections.abc import Sequence

VOCAB_SIZE = 256

_ESCAPES = {0x09: "\\t", 0x0A: "\\n", 0x0D: "\\r", 0x20: "␣"}


def encode(text: str) -> list[int]:
    """Token ids of ``text`` (its UTF-8 bytes; lone surrogates are kept via surrogatepass)."""
    return list(text.encode("utf-8", errors="surrogatepass"))


def decode(ids: Sequence[int]) -> str:
    """Text of ``ids``; inverse of :func:`encode` for any ``str``.

    Byte sequences that are not valid UTF-8 (possible mid-generation) decode with
    U+FFFD replacement characters rather than failing.
    """
    data = bytes(int(i) for i in ids)
    try:
        return data.decode("utf-8", errors="surrogatepass")
    except UnicodeDecodeError:
        return data.decode("utf-8", errors="replace")


def byte_label(token: int) -> str:
    """Display form of a single byte token out of context."""
    if token in _ESCAPES:
        return _ESCAPES[token]
    if 0x21 <= token <= 0x7E:
        return chr(token)
    return f"\\x{token:02x}"


_ASCII_LABELS = [byte_label(b) for b in range(0x80)]


def _utf8_length(lead: int) -> int:
    """Length of the UTF-8 sequence a lead byte starts, or 0 if it cannot start one."""
    if lead < 0x80:
        return 1
    if 0xC2 <= lead <= 0xDF:
        return 2
    if 0xE0 <= lead <= 0xEF:
        return 3
    if 0xF0 <= lead <= 0xF4:
        return 4
    return 0


def token_labels(ids: Sequence[int]) -> list[str]:
    """One readable label per token, aware of multi-byte characters.

    Printable ASCII shows as itself, space as "␣", control bytes as escapes. The first
    byte of a complete multi-byte character shows the character; each continuation
    byte shows "·" and its hex value, so the reader sees which bytes belong together.
    Bytes that do not form valid UTF-8 show as ``\\xNN``.
    """
    # numpy arrays become ints (their bytes() would be the raw buffer); tolist() is the fast way
    ids = ids.tolist() if hasattr(ids, "tolist") else [int(i) for i in ids]
    labels: list[str] = []
    i = 0
    n = len(ids)
    while i < n:
        if ids[i] < 0x80:  # the common case, once per token of a long run: a table lookup
            labels.append(_ASCII_LABELS[ids[i]])
            i += 1
            continue
        length = _utf8_length(ids[i])
        if length > 1 and i + length <= n:
            chunk = bytes(ids[i : i + length])
            try:
                char = chunk.decode("utf-8")
            except UnicodeDecodeError:
                char = ""
            if char and char.isprintable():
                labels.append(char)
                labels.extend(f"·{b:02x}" for b in chunk[1:])
                i += length
                continue
        labels.append(byte_label(ids[i]))
        i += 1
    return labels
