"""Choosing the next token from logits: greedy, or temperature and top-k from a seeded generator."""

from __future__ import annotations

from dataclasses import dataclass

import torch

from kvviz.core.config import ConfigError


@dataclass(frozen=True)
class Sampling:
    """``temperature == 0`` is greedy. ``top_k == 0`` keeps the whole vocabulary."""

    temperature: float = 0.0
    top_k: int = 0
    seed: int = 0

    def __post_init__(self) -> None:
        if not (self.temperature >= 0.0) or self.temperature > 100:
            raise ConfigError("temperature", f"must be between 0 (greedy) and 100, got {self.temperature}")
        if isinstance(self.top_k, bool) or not isinstance(self.top_k, int) or self.top_k < 0:
            raise ConfigError("top_k", f"must be a non-negative integer (0 = off), got {self.top_k!r}")

    @property
    def greedy(self) -> bool:
        return self.temperature == 0.0


class Sampler:
    """Stateful sampler; ``state``/``restore`` let the engine undo a step exactly."""

    def __init__(self, sampling: Sampling) -> None:
        self.sampling = sampling
        self.generator = torch.Generator().manual_seed(sampling.seed)

    def __call__(self, logits: torch.Tensor) -> torch.Tensor:
        """Next token per batch row from (B, vocab) logits."""
        logits = logits.float()
        if self.sampling.greedy:
            return logits.argmax(dim=-1)
        logits = logits / self.sampling.temperature
        if self.sampling.top_k:
            kth = torch.topk(logits, min(self.sampling.top_k, logits.shape[-1]), dim=-1).values[:, -1:]
            logits = logits.masked_fill(logits < kth, float("-inf"))
        probs = torch.softmax(logits, dim=-1)
        return torch.multinomial(probs, 1, generator=self.generator).squeeze(-1)

    def state(self) -> torch.Tensor:
        return self.generator.get_state()

    def restore(self, state: torch.Tensor) -> None:
        self.generator.set_state(state)
