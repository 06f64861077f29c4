"""The KV cache: per layer, keys and values preallocated to the context length.

The cache holds K and V — never attention scores or weights — in ordinary (CPU or
accelerator main) memory, shaped ``(batch, kv_heads, capacity, head_dim)``. Keys are
stored after the rotary position embedding, so a cached key never needs recomputing.
Writes go to explicit positions, which makes a repeated write of the same step
idempotent (the FLOP-counting pass relies on that).
"""

from __future__ import annotations

import torch

from kvviz.core.config import ModelConfig


class KVCache:
    """Contiguous per-layer K/V buffers with a fill level."""

    def __init__(self, config: ModelConfig, capacity: int | None = None) -> None:
        self.config = config
        self.capacity = capacity if capacity is not None else config.context_length
        shape = (config.batch_size, config.n_kv_heads, self.capacity, config.dim_head)
        self.keys = [torch.zeros(shape, dtype=config.torch_dtype) for _ in range(config.n_layers)]
        self.values = [torch.zeros(shape, dtype=config.torch_dtype) for _ in range(config.n_layers)]
        self.length = 0
        self._allocated = sum(t.untyped_storage().nbytes() for t in (*self.keys, *self.values))
        self._bytes_per_position = sum(t[:, :, 0].numel() * t.element_size() for t in (*self.keys, *self.values))

    def write(self, layer: int, start: int, k: torch.Tensor, v: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """Store ``k, v`` (B, kv_heads, T, head_dim) at positions ``start..start+T`` of ``layer``.

        Returns this layer's keys and values for positions ``0..start+T`` (views, no copy).
        The fill level is advanced by :meth:`commit` once every layer has written.
        """
        end = start + k.shape[2]
        if end > self.capacity:
            raise IndexError(f"KV cache holds {self.capacity} positions; cannot write up to {end}")
        keys, values = self.keys[layer], self.values[layer]
        keys.narrow(2, start, end - start).copy_(k)
        values.narrow(2, start, end - start).copy_(v)
        return keys.narrow(2, 0, end), values.narrow(2, 0, end)

    def commit(self, length: int) -> None:
        self.length = length

    def bytes_used(self) -> int:
        """Bytes of the filled positions: fill level × one position's bytes, read off the tensors."""
        return self.length * self._bytes_per_position

    def bytes_allocated(self) -> int:
        """Bytes the buffers occupy, from their storage."""
        return self._allocated
