"""The KV cache: per layer, keys and values in slots preallocated up front.

The cache holds K and V — never attention scores or weights — in ordinary (CPU or
accelerator main) memory, shaped ``(batch, kv_heads, slots, head_dim)``. Keys are stored
after the rotary position embedding, so a cached key never needs recomputing.

The policy decides the slots: the full policy has one slot per context position; the
window and sink policies have ``sinks + window`` slots and overwrite the oldest window slot
(a ring), which is real eviction: cache bytes plateau. With a quantized ``cache_dtype`` the
slots hold int8 / packed int4 / fp8 values plus a float16 scale per token and head, and
reads dequantize.

Prefill attends over the pass's own fresh K/V (as inference engines do) and then stores
what the policy keeps; a decode step writes its token first and then attends over every
resident slot. Writes go to explicit positions, so repeating a step is idempotent.
"""

from __future__ import annotations

import numpy as np
import torch

from kvviz.core import quant
from kvviz.core.config import ConfigError, ModelConfig
from kvviz.core.policy import CachePolicy


class KVCache:
    """Per-layer K/V slots with a fill level, a policy and a storage type."""

    def __init__(self, config: ModelConfig, policy: CachePolicy | None = None, cache_dtype: str = "model") -> None:
        if cache_dtype not in quant.CACHE_DTYPES:
            raise ConfigError("cache_dtype", f"must be one of {', '.join(quant.CACHE_DTYPES)}, got {cache_dtype!r}")
        self.config = config
        self.policy = policy or CachePolicy()
        self.policy.check_fits(config.context_length)
        self.cache_dtype = cache_dtype
        self.capacity = self.policy.capacity(config.context_length)
        shape = (config.batch_size, config.n_kv_heads, self.capacity, config.dim_head)
        if cache_dtype == "model":
            data_shape, data_dtype = shape, config.torch_dtype
            self.key_scales = self.value_scales = None
        else:
            data_shape, data_dtype = quant.storage_shape(shape, cache_dtype)
            scale_shape = (*shape[:-1], 1)
            self.key_scales = [torch.zeros(scale_shape, dtype=quant.SCALE_DTYPE) for _ in range(config.n_layers)]
            self.value_scales = [torch.zeros(scale_shape, dtype=quant.SCALE_DTYPE) for _ in range(config.n_layers)]
        self.keys = [torch.zeros(data_shape, dtype=data_dtype) for _ in range(config.n_layers)]
        self.values = [torch.zeros(data_shape, dtype=data_dtype) for _ in range(config.n_layers)]
        self.slot_positions = torch.full((self.capacity,), -1, dtype=torch.long)  # -1: empty slot
        self._slot_array = self.slot_positions.numpy()  # the same memory: a decode step's write costs no tensor op
        self.length = 0  # tokens processed so far (positions 0..length-1)
        tensors = self.tensors()
        self._allocated = sum(t.untyped_storage().nbytes() for t in tensors)
        self._bytes_per_slot = sum(t[:, :, 0].numel() * t.element_size() for t in tensors)

    def tensors(self) -> list[torch.Tensor]:
        """Every tensor the cache allocated: data and, when quantized, scales."""
        scales = [*self.key_scales, *self.value_scales] if self.key_scales is not None else []
        return [*self.keys, *self.values, *scales]

    def slot_of(self, position: int) -> int:
        policy = self.policy
        if not policy.evicts or position < policy.sinks:
            return position
        return policy.sinks + (position - policy.sinks) % policy.window

    def key_positions(self, start: int, n_new: int) -> torch.Tensor:
        """Absolute positions of the keys a pass over ``start..start+n_new`` attends to, in order."""
        if n_new > 1 or start == 0:
            return torch.arange(start, start + n_new)
        if not self.policy.evicts:
            return torch.arange(start + 1)
        positions = self.slot_positions.clone()
        positions[self.slot_of(start)] = start
        return positions[positions >= 0]

    def write(self, layer: int, start: int, k: torch.Tensor, v: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """Store ``k, v`` (B, kv_heads, T, head_dim) for positions ``start..start+T`` of ``layer``.

        Returns the keys and values to attend to, ordered as :meth:`key_positions` says:
        a prefill's own K/V, or after a decode write every resident slot (dequantized).
        """
        T = k.shape[2]
        if T == 1 and self.key_scales is None and not self.policy.evicts:  # the common decode step: views only
            keys, values = self.keys[layer], self.values[layer]
            keys.narrow(2, start, 1).copy_(k)
            values.narrow(2, start, 1).copy_(v)
            return keys.narrow(2, 0, start + 1), values.narrow(2, 0, start + 1)
        if T > 1 and start > 0:
            raise ValueError("the cache takes a prefill at position 0 or one token at a time")
        keep = [p for p in range(start, start + T) if self._keeps(p, start + T)]
        slots = torch.tensor([self.slot_of(p) for p in keep], dtype=torch.long)
        index = torch.tensor([p - start for p in keep], dtype=torch.long)
        self._store(layer, slots, k.index_select(2, index) if T > 1 else k, v.index_select(2, index) if T > 1 else v)
        if T > 1:
            return k, v
        return self._read(layer, start)

    def _keeps(self, position: int, end: int) -> bool:
        """Whether ``position`` is still resident once positions up to ``end`` are written."""
        return not self.policy.evicts or position >= end - self.policy.window or position < self.policy.sinks

    def _store(self, layer: int, slots: torch.Tensor, k: torch.Tensor, v: torch.Tensor) -> None:
        if slots.numel() == 0:
            return
        contiguous = slots.numel() == 1 or bool((slots.diff() == 1).all())
        targets = [(self.keys, self.key_scales, k), (self.values, self.value_scales, v)]
        for data, scales, x in targets:
            if scales is None:
                parts = [(data[layer], x)]
            else:
                q, s = quant.quantize(x, self.cache_dtype)
                parts = [(data[layer], q), (scales[layer], s)]
            for buffer, src in parts:
                if buffer.dtype == torch.float8_e4m3fn:  # index_copy_ has no fp8 kernel; bytes are bytes
                    buffer, src = buffer.view(torch.uint8), src.view(torch.uint8)
                if contiguous:
                    buffer.narrow(2, int(slots[0]), slots.numel()).copy_(src)
                else:
                    buffer.index_copy_(2, slots, src)

    def _read(self, layer: int, position: int) -> tuple[torch.Tensor, torch.Tensor]:
        if not self.policy.evicts:
            end = position + 1
            if self.key_scales is None:
                return self.keys[layer].narrow(2, 0, end), self.values[layer].narrow(2, 0, end)
            slots = slice(0, end)
        else:
            filled = self.slot_positions >= 0
            filled[self.slot_of(position)] = True
            slots = filled.nonzero().squeeze(1)
        k, v = self.keys[layer][:, :, slots], self.values[layer][:, :, slots]
        if self.key_scales is None:
            return k, v
        dtype = self.config.torch_dtype
        return (
            quant.dequantize(k, self.key_scales[layer][:, :, slots], self.cache_dtype, dtype),
            quant.dequantize(v, self.value_scales[layer][:, :, slots], self.cache_dtype, dtype),
        )

    def commit(self, start: int, n_new: int) -> None:
        """Record that positions ``start..start+n_new`` are written in every layer."""
        end = start + n_new
        if n_new == 1 and not self.policy.evicts:
            self._slot_array[start] = start
        else:
            for p in range(start, end):
                if self._keeps(p, end):
                    self.slot_positions[self.slot_of(p)] = p
        self.length = end

    def resident_positions(self) -> np.ndarray:
        positions = self.slot_positions.numpy()
        return np.sort(positions[positions >= 0])

    def bytes_used(self) -> int:
        """Bytes of the filled slots (data and scales): slots in use × one slot's bytes, read off the tensors."""
        return min(self.length, self.capacity) * self._bytes_per_slot

    def bytes_allocated(self) -> int:
        """Bytes the buffers occupy, from their storage."""
        return self._allocated
