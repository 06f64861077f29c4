"""How much each attention head follows the patterns a lecture points at, measured not claimed.

Three patterns, each a mean attention weight (0..1) over query positions:

- previous token: weight on the key just before the query (position i-1);
- start: weight on position 0, where heads with nothing to do park their attention (a "sink");
- earlier copy: on a random letter string repeated twice, weight from a token in the second
  copy on the token that *followed* its first occurrence: an induction head, which lets a
  model continue a sequence it has seen before.
"""

from __future__ import annotations

import string
from dataclasses import dataclass

import torch

from kvviz.core.model import TinyDecoder

#: Length of the random string that is repeated for the earlier-copy score.
COPY_LENGTH = 48
#: Queries this close to the start are skipped: with few keys every head looks "focused".
SKIP_FIRST = 8


@dataclass(frozen=True)
class HeadPattern:
    layer: int
    head: int
    previous_token: float
    start: float
    earlier_copy: float

    @property
    def strongest(self) -> tuple[str, float]:
        """The pattern this head follows most, by name, and its score."""
        scores = {"previous token": self.previous_token, "start": self.start, "earlier copy": self.earlier_copy}
        name = max(scores, key=scores.__getitem__)
        return name, scores[name]


def head_patterns(model: TinyDecoder, text_ids: list[int], seed: int = 0) -> list[HeadPattern]:
    """Score every head: previous-token and start on ``text_ids`` (real text), earlier-copy on a repeat."""
    gen = torch.Generator().manual_seed(seed)
    letters = torch.tensor(list(string.ascii_lowercase.encode()))
    half = letters[torch.randint(len(letters), (COPY_LENGTH,), generator=gen)]
    repeated = torch.cat((half, half))[None]  # (1, 2·COPY_LENGTH)
    text = torch.tensor(text_ids)[None]  # (1, T)
    if text.shape[1] <= SKIP_FIRST + 1:
        raise ValueError(f"need more than {SKIP_FIRST + 1} tokens of text to score heads")
    with torch.inference_mode():
        on_text = model(text, capture=True).weights  # per layer (1, H, T, T)
        on_copy = model(repeated, capture=True).weights
    queries = torch.arange(SKIP_FIRST, text.shape[1])
    second = torch.arange(COPY_LENGTH, 2 * COPY_LENGTH - 1)  # queries in the second copy with a successor
    patterns = []
    for layer, (w_text, w_copy) in enumerate(zip(on_text, on_copy, strict=True)):
        w_text, w_copy = w_text[0].float(), w_copy[0].float()  # (H, T, T)
        previous = w_text[:, queries, queries - 1].mean(-1)  # (H,)
        start = w_text[:, queries, 0].mean(-1)
        copy = w_copy[:, second, second - COPY_LENGTH + 1].mean(-1)
        for head in range(w_text.shape[0]):
            patterns.append(HeadPattern(layer, head, float(previous[head]), float(start[head]), float(copy[head])))
    return patterns
