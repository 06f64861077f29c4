"""What the engine needs of a model, so the tiny decoder and a real model run the same steps.

The engine, the records and the exports speak to a model only through :class:`Decoder`: a
forward pass that places tokens at explicit positions and can capture each layer's
attention, a fresh cache, the analytic FLOPs of a pass, and the tokenizer that turns the
prompt into ids and ids into labels. :class:`~kvviz.core.model.TinyDecoder` is one; an
adapter around a Hugging Face model (``kvviz.hf``) is another. Weights that build such a
model themselves are a :class:`ModelSource`, which a run takes in place of the tiny
decoder's checkpoint choice.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

import torch

from kvviz.core.config import ModelConfig
from kvviz.core.flops import FlopBreakdown
from kvviz.core.policy import CachePolicy

if TYPE_CHECKING:
    from kvviz.core.model import ForwardResult


class TokenText(Protocol):
    """A tokenizer as the views need it: text to ids, ids to text, and a readable label per token."""

    def encode(self, text: str) -> list[int]: ...

    def decode(self, ids: Sequence[int]) -> str: ...

    def token_labels(self, ids: Sequence[int]) -> list[str]: ...


class StepCache(Protocol):
    """A KV cache as records report it: bytes read off its own tensors."""

    def bytes_used(self) -> int: ...

    def bytes_allocated(self) -> int: ...


class Decoder(Protocol):
    """A causal decoder the engine can step: the same forward for the uncached and the cached pass.

    ``__call__(ids, start, cache, capture, policy)`` runs tokens ``ids`` (B, T) at positions
    ``start..start+T``; without a cache ``start`` is 0 and ``ids`` is the whole sequence. With
    a cache, the pass writes positions ``start..`` and running it again on the same positions
    gives the same result (the engine runs a pass twice when it counts FLOPs).
    """

    config: ModelConfig
    text: TokenText
    own_shape: Mapping[str, Any] | None  # a real model's shape fields by its config's names; None for the tiny decoder

    def __call__(
        self,
        ids: torch.Tensor,
        start: int = 0,
        cache: StepCache | None = None,
        capture: bool = False,
        *,
        policy: CachePolicy = ...,
    ) -> ForwardResult: ...

    def new_cache(self, policy: CachePolicy, cache_dtype: str) -> StepCache:
        """An empty cache for one run; ConfigError when this model cannot keep that policy or storage type."""
        ...

    def flops(self, n_queries: int, n_keys: int) -> FlopBreakdown:
        """FLOPs of a pass of ``n_queries`` positions against ``n_keys`` keys, as FlopCounterMode counts."""
        ...


@runtime_checkable
class ModelSource(Protocol):
    """Weights that build their own :class:`Decoder` and fix its shape (a Hugging Face model folder)."""

    @property
    def label(self) -> str:
        """How the weights read in a title or an error message."""
        ...

    @property
    def family(self) -> str:
        """The architecture, as a reader knows it (Llama, GPT-2)."""
        ...

    @property
    def text(self) -> TokenText:
        """The model's tokenizer (what a prompt becomes before the model is built)."""
        ...

    @property
    def max_positions(self) -> int:
        """The longest context the weights were made for."""
        ...

    def configure(self, config: ModelConfig) -> ModelConfig:
        """``config`` with the shape fields the weights fix; ConfigError if it asks for what they cannot run."""
        ...

    def build_model(self, config: ModelConfig) -> Decoder:
        """The model, in ``config.dtype``; bad weights raise CheckpointError (one line)."""
        ...
