"""A Hugging Face causal LM behind kvviz's Decoder protocol: the engine steps it like the tiny model.

The model's own classes run every pass, with kvviz's attention function (``attention.py``)
registered so each layer's Q·Kᵀ rows are captured as the model computes them. The cache is
transformers' ``DynamicCache``; kvviz reads its bytes off the tensors it holds. A pass over
positions the cache already holds first crops it back, so running a step twice (once more
under the FLOP counter) gives the same result, as the engine requires.
"""

from __future__ import annotations

from dataclasses import asdict
from types import MappingProxyType

import torch
from transformers import DynamicCache, PreTrainedModel

from kvviz.core.config import ConfigError, ModelConfig
from kvviz.core.flops import FlopBreakdown
from kvviz.core.model import ForwardResult
from kvviz.core.policy import CachePolicy
from kvviz.hf.attention import Capture
from kvviz.hf.shape import ArchShape
from kvviz.hf.text import ModelText
from kvviz.i18n import translate

FULL = CachePolicy()


class ModelCache:
    """transformers' DynamicCache for one run; K and V per layer, (batch, kv_heads, tokens, head_dim)."""

    def __init__(self) -> None:
        self.inner = DynamicCache()

    def tensors(self) -> list[torch.Tensor]:
        """The K and V tensors the cache holds now."""
        return [t for layer in self.inner.layers if layer.is_initialized for t in (layer.keys, layer.values)]

    def crop(self, length: int) -> None:
        """Forget every position from ``length`` on."""
        held = self.inner.get_seq_length()
        if held > length:
            self.inner.crop(length - held)

    def bytes_used(self) -> int:
        return sum(t.numel() * t.element_size() for t in self.tensors())

    def bytes_allocated(self) -> int:
        """Bytes of the storage behind the tensors (a cropped tensor still holds its old storage)."""
        return sum(t.untyped_storage().nbytes() for t in self.tensors())


class ModelDecoder:
    """A loaded causal LM, its tokenizer and its shape, stepped through the engine's protocol."""

    def __init__(self, model: PreTrainedModel, text: ModelText, shape: ArchShape, config: ModelConfig) -> None:
        self.model = model
        self.text = text
        self.shape = shape
        self.config = config
        self.own_shape = MappingProxyType(asdict(shape))
        self.capture = Capture()
        for module in model.modules():  # the attention modules hand their rows to this capture
            if hasattr(module, "layer_idx") and module.__class__.__name__.endswith("Attention"):
                module.kvviz_capture = self.capture

    def new_cache(self, policy: CachePolicy, cache_dtype: str) -> ModelCache:
        if policy.evicts:
            raise ConfigError("policy", translate("hf.decoder", "a Hugging Face model runs with the full cache only"))
        if cache_dtype != "model":
            rule = translate("hf.decoder", "a Hugging Face model stores its cache in the model's dtype only")
            raise ConfigError("cache_dtype", rule)
        return ModelCache()

    def flops(self, n_queries: int, n_keys: int) -> FlopBreakdown:
        return self.shape.flops(self.config.batch_size, n_queries, n_keys)

    def __call__(
        self,
        ids: torch.Tensor,
        start: int = 0,
        cache: ModelCache | None = None,
        capture: bool = False,
        *,
        policy: CachePolicy = FULL,
    ) -> ForwardResult:
        """Run ``ids`` (B, T) at positions ``start..start+T``: logits of the last position, attention if asked."""
        if policy.evicts:
            raise ConfigError("policy", translate("hf.decoder", "a Hugging Face model runs with the full cache only"))
        B, T = ids.shape
        if cache is not None:
            cache.crop(start)
        elif start:
            raise ValueError("without a cache the whole sequence is passed, from position 0")
        positions = torch.arange(start, start + T).expand(B, T)
        self.capture.start(capture)
        try:
            out = self.model(
                input_ids=ids,
                position_ids=positions,
                cache=None if cache is None else cache.inner,
                use_cache=cache is not None,
                logits_to_keep=1,
            )
        finally:
            self.capture.active = False
        c = self.capture
        rows = (c.scores, c.weights, c.keys, c.values) if capture else (None, None, None, None)
        return ForwardResult(out.logits[:, -1], *rows, key_positions=torch.arange(start + T))
