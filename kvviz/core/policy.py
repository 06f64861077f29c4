"""Cache policies: which keys a query may attend to, and so which K/V the cache must keep.

``full`` keeps every key (the cache grows until the context is full, then generation stops).
``window`` keeps the last W positions (the query's own included): the cache plateaus at W
entries and generation slides on past the context length. ``sink`` keeps the first S
positions as "attention sinks" plus the last W (StreamingLLM). The same rule masks the
uncached reference, so both modes compute the same function and must still agree.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch

from kvviz.core.config import ConfigError

POLICY_KINDS = ("full", "window", "sink")


@dataclass(frozen=True)
class CachePolicy:
    kind: str = "full"
    window: int = 0  # W: positions kept counting back from the query, its own included
    sinks: int = 0  # S: first positions always kept (sink policy only)

    def __post_init__(self) -> None:
        if self.kind not in POLICY_KINDS:
            raise ConfigError("policy", f"must be one of {', '.join(POLICY_KINDS)}, got {self.kind!r}")
        if self.kind == "full":
            if self.window or self.sinks:
                raise ConfigError("window", "applies only to the window and sink policies")
            return
        if isinstance(self.window, bool) or not isinstance(self.window, int) or self.window < 1:
            raise ConfigError("window", f"must be a positive integer for the {self.kind} policy, got {self.window!r}")
        if self.kind == "window" and self.sinks:
            raise ConfigError("sinks", "apply only to the sink policy")
        if self.kind == "sink" and (isinstance(self.sinks, bool) or not isinstance(self.sinks, int) or self.sinks < 1):
            raise ConfigError("sinks", f"must be a positive integer for the sink policy, got {self.sinks!r}")

    @property
    def evicts(self) -> bool:
        return self.kind != "full"

    def capacity(self, context_length: int) -> int:
        """Cache slots needed: the whole context, or sinks plus window."""
        return context_length if self.kind == "full" else self.sinks + self.window

    def check_fits(self, context_length: int) -> None:
        if self.evicts and self.capacity(context_length) > context_length:
            field = "window" if self.kind == "window" else "sinks"
            raise ConfigError(
                field,
                f"sinks + window ({self.sinks} + {self.window}) must not exceed context_length ({context_length})",
            )

    def allowed(self, query_pos: torch.Tensor, key_pos: torch.Tensor) -> torch.Tensor | None:
        """(Tq, Tk) bool mask of keys each query may see, or None when every key is visible."""
        q, k = query_pos[:, None], key_pos[None, :]
        mask = k <= q
        if self.evicts:
            mask &= (q - k < self.window) | (k < self.sinks)
        return None if bool(mask.all()) else mask

    def resident(self, n_tokens: int) -> np.ndarray:
        """Positions whose K/V the cache holds after ``n_tokens`` tokens (ascending)."""
        positions = np.arange(n_tokens)
        if not self.evicts:
            return positions
        return positions[(positions >= n_tokens - self.window) | (positions < self.sinks)]

    def describe_limit(self, context_length: int) -> str:
        """What happens when the sequence reaches the context length, in one sentence."""
        if self.kind == "full":
            return f"Full cache: generation stops at the context length ({context_length} tokens)."
        if self.kind == "window":
            return (
                f"Sliding window: only the last {self.window} tokens keep their K and V in the cache; older ones "
                "are evicted, so generation slides on past the context length."
            )
        return (
            f"Sinks + window: the first {self.sinks} tokens keep their K and V as attention sinks and the last "
            f"{self.window} slide; the K and V of everything in between are evicted."
        )
