"""Head pattern scores read the right cells: checked on heads whose attention is known exactly."""

from types import SimpleNamespace

import pytest
import torch

from kvviz.core.head_patterns import COPY_LENGTH, head_patterns


def pattern(n: int, kind: str) -> torch.Tensor:
    """(n, n) attention weights where every query (beyond the first) puts all weight on one key."""
    w = torch.zeros(n, n)
    w[0, 0] = 1.0
    for i in range(1, n):
        if kind == "previous":
            w[i, i - 1] = 1.0
        elif kind == "start":
            w[i, 0] = 1.0
        elif kind == "copy" and i >= COPY_LENGTH:
            w[i, i - COPY_LENGTH + 1] = 1.0
        else:
            w[i, i] = 1.0
    return w


class KnownHeads:
    """Stands in for a decoder: head 0 looks back one token, head 1 at the start, head 2 after the earlier copy."""

    def __call__(self, ids: torch.Tensor, capture: bool = False) -> SimpleNamespace:
        n = ids.shape[1]
        heads = torch.stack([pattern(n, kind) for kind in ("previous", "start", "copy", "self")])
        return SimpleNamespace(weights=[heads[None]])


def test_each_score_reads_its_own_pattern():
    scores = head_patterns(KnownHeads(), list(range(40)))
    assert [(p.layer, p.head) for p in scores] == [(0, 0), (0, 1), (0, 2), (0, 3)]
    previous, start, copy, self_ = scores
    assert (previous.previous_token, previous.start, previous.earlier_copy) == (1.0, 0.0, 0.0)
    assert (start.previous_token, start.start) == (0.0, 1.0)
    assert copy.earlier_copy == 1.0
    assert (self_.previous_token, self_.start, self_.earlier_copy) == (0.0, 0.0, 0.0)
    assert previous.strongest == ("previous token", 1.0)
    assert copy.strongest == ("earlier copy", 1.0)


def test_too_little_text_is_refused():
    with pytest.raises(ValueError, match="more than"):
        head_patterns(KnownHeads(), [1, 2, 3])
