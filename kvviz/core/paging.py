"""A paged KV cache: fixed-size blocks from a shared pool, allocated on demand.

A contiguous cache reserves the whole context for every sequence up front; a paged cache
(as in vLLM's PagedAttention) hands out blocks of ``block_size`` tokens as sequences grow,
and a per-sequence block table maps logical token positions to physical blocks. The waste
is at most one partly filled block per sequence. This is a working store — tokens written
are read back through the block table — so the bytes it reports are its tensors' own.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch

from kvviz.core.config import ConfigError, ModelConfig
from kvviz.i18n import translate


class OutOfBlocks(RuntimeError):
    """The pool has no free block left for a growing sequence."""


@dataclass(frozen=True)
class SequenceUsage:
    """Memory of one sequence: what its tokens need against what its blocks reserve."""

    sequence: int
    tokens: int
    blocks: tuple[int, ...]  # physical block ids, in logical order (the block table)
    bytes_used: int
    bytes_reserved: int

    @property
    def bytes_wasted(self) -> int:
        return self.bytes_reserved - self.bytes_used


class PagedKVCache:
    """Per-layer K/V pools of shape (blocks, kv_heads, block_size, head_dim) with block tables."""

    def __init__(self, config: ModelConfig, block_size: int, num_blocks: int) -> None:
        if isinstance(block_size, bool) or not isinstance(block_size, int) or block_size < 1:
            rule = translate("paging", "must be a positive integer, got {value}")
            raise ConfigError("block_size", rule.format(value=repr(block_size)))
        if num_blocks < 1:
            raise ConfigError(
                "num_blocks", translate("paging", "must be positive, got {value}").format(value=num_blocks)
            )
        self.config = config
        self.block_size = block_size
        shape = (num_blocks, config.n_kv_heads, block_size, config.dim_head)
        self.keys = [torch.zeros(shape, dtype=config.torch_dtype) for _ in range(config.n_layers)]
        self.values = [torch.zeros(shape, dtype=config.torch_dtype) for _ in range(config.n_layers)]
        self.free_blocks = list(range(num_blocks - 1, -1, -1))  # pop() hands out 0, 1, 2, …
        self.block_tables: dict[int, list[int]] = {}
        self.lengths: dict[int, int] = {}
        tensors = [*self.keys, *self.values]
        self.bytes_per_token = sum(t[0, :, 0].numel() * t.element_size() for t in tensors)
        self._bytes_per_block = sum(t[0].numel() * t.element_size() for t in tensors)
        self.pool_bytes = sum(t.untyped_storage().nbytes() for t in tensors)

    def append(self, sequence: int, keys: list[torch.Tensor], values: list[torch.Tensor]) -> None:
        """Append tokens to ``sequence``: per layer (kv_heads, T, head_dim) keys and values."""
        table = self.block_tables.setdefault(sequence, [])
        length = self.lengths.get(sequence, 0)
        count = keys[0].shape[1]
        needed = -(-(length + count) // self.block_size)
        if needed - len(table) > len(self.free_blocks):
            first_homeless = (len(table) + len(self.free_blocks)) * self.block_size
            message = translate("paging", "no free block for sequence {sequence} at token {token}")
            raise OutOfBlocks(message.format(sequence=sequence, token=first_homeless))
        while len(table) < needed:
            table.append(self.free_blocks.pop())
        # every token's physical (block, offset), then one scattered copy per layer
        logical = torch.arange(length, length + count)
        block_ids = torch.tensor(table, dtype=torch.long)[logical // self.block_size]
        offsets = logical % self.block_size
        for layer in range(len(keys)):
            self.keys[layer][block_ids, :, offsets] = keys[layer].transpose(0, 1).to(self.keys[layer].dtype)
            self.values[layer][block_ids, :, offsets] = values[layer].transpose(0, 1).to(self.values[layer].dtype)
        self.lengths[sequence] = length + count

    def read(self, sequence: int, layer: int) -> tuple[torch.Tensor, torch.Tensor]:
        """The sequence's (kv_heads, tokens, head_dim) keys and values, gathered through its block table."""
        table = torch.tensor(self.block_tables.get(sequence, []), dtype=torch.long)
        n = self.lengths.get(sequence, 0)

        def gather(pool: torch.Tensor) -> torch.Tensor:
            blocks = pool.index_select(0, table)  # (n_blocks, kv_heads, block_size, head_dim)
            return blocks.transpose(0, 1).flatten(1, 2)[:, :n]

        return gather(self.keys[layer]), gather(self.values[layer])

    def release(self, sequence: int) -> None:
        """Return a finished sequence's blocks to the pool."""
        self.free_blocks.extend(reversed(self.block_tables.pop(sequence, [])))
        self.lengths.pop(sequence, None)

    def usage(self) -> list[SequenceUsage]:
        return [
            SequenceUsage(
                sequence=s,
                tokens=self.lengths[s],
                blocks=tuple(table),
                bytes_used=self.lengths[s] * self.bytes_per_token,
                bytes_reserved=len(table) * self._bytes_per_block,
            )
            for s, table in sorted(self.block_tables.items())
        ]


@dataclass(frozen=True)
class PagingComparison:
    """Paged against contiguous allocation for one batch of sequence lengths."""

    block_size: int
    sequences: tuple[SequenceUsage, ...]
    contiguous_bytes: int  # every sequence preallocated to the full context
    pool_bytes: int

    @property
    def bytes_used(self) -> int:
        return sum(s.bytes_used for s in self.sequences)

    @property
    def bytes_reserved(self) -> int:
        return sum(s.bytes_reserved for s in self.sequences)


def compare_paging(config: ModelConfig, lengths: list[int], block_size: int) -> PagingComparison:
    """Fill a real paged cache with ``lengths`` tokens per sequence and compare it with contiguous slots.

    ``config`` gives the per-token shape (layers, kv-heads, head_dim, dtype) and the context
    each contiguous slot reserves; its batch size is ignored in favour of ``len(lengths)``.
    """
    if not lengths:
        raise ConfigError("lengths", translate("paging", "need at least one sequence"))
    for n in lengths:
        if not 0 <= n <= config.context_length:
            rule = translate("paging", "each must lie in 0..context_length ({context}), got {value}")
            raise ConfigError("lengths", rule.format(context=config.context_length, value=n))
    blocks_needed = sum(-(-n // block_size) for n in lengths)
    paged = PagedKVCache(config, block_size, max(blocks_needed, 1))
    for s, n in enumerate(lengths):
        # each token's entries hold its position: any content fills the blocks alike, and this one reads back checkably
        positions = torch.arange(n, dtype=config.torch_dtype).view(1, n, 1)
        kv = [positions.expand(config.n_kv_heads, n, config.dim_head)] * config.n_layers
        paged.append(s, kv, kv)
    contiguous = len(lengths) * config.context_length * paged.bytes_per_token
    return PagingComparison(block_size, tuple(paged.usage()), contiguous, paged.pool_bytes)
