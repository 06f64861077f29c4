"""Serving capacity: how many sequences of a given length fit on GPUs, with tensor and pipeline parallelism.

The model is the one vLLM uses, stated so it can be checked:

* **Budget.** Each GPU may use ``gpu_util`` × the memory its driver reports (vLLM's
  ``gpu_memory_utilization``, default 0.9). From that come its share of the weights and an
  allowance for activations and the runtime (CUDA context, NCCL buffers, CUDA graphs) that
  vLLM measures at start-up and kvviz takes as a stated, adjustable figure. The rest holds
  the cache.
* **Tensor parallelism (tp).** Query heads, output projection, MLP and vocabulary are split
  tp ways. Each GPU holds max(1, kv_heads / tp) K/V heads: with fewer K/V heads than GPUs
  the heads are *replicated*, not split further, so the cache per GPU stops shrinking. vLLM
  refuses a tp that does not divide the attention heads, or a K/V head count that neither
  divides nor is divided by tp. MLA's latent is shared by every head, so it cannot be split
  by heads: vLLM keeps the whole latent cache on every tensor-parallel GPU.
* **Pipeline parallelism (pp).** Layers are split into pp stages as vLLM's
  ``get_pp_indices`` does (n // pp each; the remainder goes one layer each to the stages
  just before the last). The first stage also holds the embedding, the last the output
  head. Every stage must hold the same number of cache blocks, so the stage that fits the
  fewest sequences limits all: it is named as the fullest GPU.
* **Paging.** The cache is allocated in blocks of ``block_size`` tokens (vLLM's default 16);
  a sequence of T tokens takes ceil(T / block) blocks in each full-attention layer and at
  most ceil((window - 1) / block) + 1 in a sliding-window layer.
* **Prefix sharing.** N sequences that start with the same P tokens share the prefix's full
  blocks (P // block of them; a partly filled block is not shared, as in vLLM's prefix
  caching). Sliding-window layers share them only while the window still covers the whole
  sequence.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from kvviz.i18n import translate
from kvviz.memory.arithmetic import cache_bytes_per_token_layer, kv_heads_held, layer_params, moe_layer_count
from kvviz.memory.gpus import MAX_GPU_BYTES, GiB, Gpu
from kvviz.memory.spec import ModelSpec, SpecError, check_dtype

DEFAULT_GPU_UTIL = 0.9
DEFAULT_BLOCK_SIZE = 16
#: Activations and runtime per GPU unless told otherwise: an assumption, not a measurement (vLLM logs
#: ~1.4 GiB of activation peak and non-torch memory for an 8B model at its default batch of tokens).
DEFAULT_OVERHEAD = 2 * GiB
MAX_PARALLEL = 1024
MAX_BLOCK_SIZE = 4096
MAX_CONTEXT = 2**40


@dataclass(frozen=True)
class ServingSetup:
    """The deployment asked about: GPUs, parallelism, memory fraction, paging and the requests."""

    gpu: Gpu
    context: int = 4096
    tp: int = 1
    pp: int = 1
    gpu_util: float = DEFAULT_GPU_UTIL
    block_size: int = DEFAULT_BLOCK_SIZE
    overhead: int = DEFAULT_OVERHEAD
    shared_prefix: int = 0
    weight_dtype: str = "bfloat16"
    cache_dtype: str = "bfloat16"

    def check(self, spec: ModelSpec) -> None:
        """Refuse, in one line, what a serving engine would refuse or what cannot be meant."""
        for name, value, low, high in (
            ("--tp", self.tp, 1, MAX_PARALLEL),
            ("--pp", self.pp, 1, MAX_PARALLEL),
            ("--block-size", self.block_size, 1, MAX_BLOCK_SIZE),
            ("--context", self.context, 1, MAX_CONTEXT),
            ("--shared-prefix", self.shared_prefix, 0, MAX_CONTEXT),
            ("--overhead", self.overhead, 0, MAX_GPU_BYTES),
        ):
            if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
                message = translate("memory.serving", "{name} must be an integer in {low}..{high}, got {value}")
                raise SpecError(message.format(name=name, low=f"{low:,}", high=f"{high:,}", value=repr(value)))
        if not 0 < self.gpu_util <= 1:
            message = translate("memory.serving", "--gpu-util must be above 0 and at most 1, got {value}")
            raise SpecError(message.format(value=f"{self.gpu_util:g}"))
        check_dtype(self.weight_dtype)
        check_dtype(self.cache_dtype)
        if self.shared_prefix >= self.context:
            message = translate(
                "memory.serving", "--shared-prefix ({prefix}) must be shorter than --context ({context})"
            )
            raise SpecError(message.format(prefix=f"{self.shared_prefix:,}", context=f"{self.context:,}"))
        if spec.n_heads % self.tp:
            message = translate("memory.serving", "tensor parallelism {tp} does not divide the {heads} attention heads")
            raise SpecError(message.format(tp=self.tp, heads=f"{spec.n_heads:,}"))
        kv = spec.n_kv_heads
        if not spec.is_mla and (kv % self.tp if kv >= self.tp else self.tp % kv):
            message = translate(
                "memory.serving", "tensor parallelism {tp} and {kv_heads} K/V heads: neither divides the other"
            )
            raise SpecError(message.format(tp=self.tp, kv_heads=f"{kv:,}"))
        if self.pp > spec.n_layers:
            message = translate("memory.serving", "pipeline parallelism {pp} exceeds the {layers} layers")
            raise SpecError(message.format(pp=self.pp, layers=f"{spec.n_layers:,}"))


@dataclass(frozen=True)
class Stage:
    """One pipeline stage; each of its tp GPUs holds what is given here (per GPU)."""

    index: int
    first_layer: int
    n_layers: int
    windowed_layers: int  # of n_layers, those with a sliding window
    block_bytes: int  # one block of block_size tokens in one layer
    weight_bytes: int
    cache_budget: int  # bytes left for the cache; negative when weights and allowance do not fit
    kv_bytes_per_token: int  # one token, all this stage's layers, before any window fills
    sequence_bytes: int  # one sequence of the context, in whole blocks
    shared_bytes: int  # the part of sequence_bytes a shared prefix covers
    blocks: int  # cache blocks of block_size tokens the budget holds
    sequences: int
    sequences_shared: int

    def sequences_at(self, context: int, block: int, window: int | None) -> int:
        """Sequences of ``context`` tokens this stage's cache budget holds."""
        blocks = _blocks_per_sequence(self.n_layers, self.windowed_layers, context, block, window)
        return max(self.cache_budget, 0) // (self.block_bytes * blocks)


def _blocks_per_sequence(layers: int, windowed: int, context: int, block: int, window: int | None) -> int:
    """Blocks one sequence of ``context`` tokens holds, summed over ``layers`` of which ``windowed`` slide."""
    full = -(-context // block)
    kept = min(full, -(-(window - 1) // block) + 1) if windowed else full
    return (layers - windowed) * full + windowed * kept


def stage_layers(n_layers: int, pp: int) -> list[tuple[int, int]]:
    """(first layer, layer count) of each stage, as vLLM's ``get_pp_indices`` splits them."""
    base, extra = divmod(n_layers, pp)
    counts = [base + (pp - 1 - extra <= i <= pp - 2) for i in range(pp)]
    starts = [0, *itertools.accumulate(counts[:-1])]  # pp ≤ MAX_PARALLEL: bounded
    return list(zip(starts, counts, strict=True))


@lru_cache(maxsize=4096)  # a capacity curve plans the same stages at every context
def _stage_weights(spec: ModelSpec, tp: int, pp: int, dtype: str, first: int, count: int) -> int:
    p = layer_params(spec, tp)
    moe = moe_layer_count(spec, first, first + count)
    params = count * (p.attention_matrices + p.attention_vectors + p.norms) + (count - moe) * p.dense_mlp
    params += moe * p.moe_total
    vocab_share = -(-spec.vocab_size // tp) * spec.d_model  # vocabulary-parallel embedding and head
    if first == 0:
        params += vocab_share + spec.learned_positions * spec.d_model
    if first + count == spec.n_layers:
        params += spec.d_model * (2 if spec.norm_bias else 1)  # final norm
        if not (spec.tied_embeddings and pp == 1):
            params += vocab_share
    return (params * check_dtype(dtype) + 7) // 8


def _stage(spec: ModelSpec, setup: ServingSetup, index: int, first: int, count: int, usable: int) -> Stage:
    block = setup.block_size
    per_layer = cache_bytes_per_token_layer(spec, setup.cache_dtype, kv_heads=kv_heads_held(spec, setup.tp))
    windowed = spec.sliding.count(first, first + count)
    block_bytes = block * per_layer
    weights = _stage_weights(spec, setup.tp, setup.pp, setup.weight_dtype, first, count)
    budget = usable - weights - setup.overhead
    room = max(budget, 0)
    blocks = _blocks_per_sequence(count, windowed, setup.context, block, spec.sliding_window)
    shared_blocks = setup.shared_prefix // block
    # a window layer shares the prefix only while its window still covers the whole sequence
    window_covers = blocks == count * -(-setup.context // block)
    shared = block_bytes * shared_blocks * ((count - windowed) + windowed * window_covers)
    sequence = block_bytes * blocks
    return Stage(
        index=index,
        first_layer=first,
        n_layers=count,
        windowed_layers=windowed,
        block_bytes=block_bytes,
        weight_bytes=weights,
        cache_budget=budget,
        kv_bytes_per_token=count * per_layer,
        sequence_bytes=sequence,
        shared_bytes=shared,
        blocks=room // (block_bytes * count),
        sequences=room // sequence,
        sequences_shared=(room - shared) // (sequence - shared) if room >= shared else 0,
    )


@dataclass(frozen=True)
class ServingPlan:
    """What one deployment holds per GPU and how many sequences it serves at once."""

    spec: ModelSpec
    setup: ServingSetup
    usable_bytes: int  # gpu_util × the driver's total, per GPU
    stages: tuple[Stage, ...]
    fullest: Stage  # the stage that fits the fewest sequences, and so limits every stage

    @property
    def gpus(self) -> int:
        return self.setup.tp * self.setup.pp

    @property
    def kv_heads_per_gpu(self) -> int:
        """K/V heads each GPU holds; MLA counts its latent as one head shared by all query heads."""
        return 1 if self.spec.is_mla else kv_heads_held(self.spec, self.setup.tp)

    @property
    def kv_replication(self) -> int:
        """How many GPUs hold each K/V head (1: split, not replicated)."""
        if self.spec.is_mla:
            return self.setup.tp
        return max(1, self.setup.tp // self.spec.n_kv_heads)

    def sequences_at(self, context: int) -> int:
        """Concurrent sequences of ``context`` tokens with this plan's GPUs, weights and budget (no shared
        prefix), without planning again: the points of a capacity curve."""
        return min(
            stage.sequences_at(context, self.setup.block_size, self.spec.sliding_window) for stage in self.stages
        )

    @property
    def tokens_per_gpu(self) -> int:
        """Cache tokens the fullest GPU holds (whole blocks), before any window is full."""
        return self.fullest.blocks * self.setup.block_size

    @property
    def max_concurrent_sequences(self) -> int:
        return self.fullest.sequences

    @property
    def max_concurrent_shared(self) -> int:
        return min(stage.sequences_shared for stage in self.stages)

    @property
    def prefix_saving_bytes(self) -> int:
        """Bytes per GPU the shared prefix saves at the shared count: each sequence after the first
        would otherwise hold its own copy of the prefix blocks."""
        return max(0, self.max_concurrent_shared - 1) * self.fullest.shared_bytes

    @property
    def beyond_trained_context(self) -> bool:
        return self.spec.trained_context is not None and self.setup.context > self.spec.trained_context

    def heads_text(self) -> str:
        """Where the K/V heads live, in words."""
        s, tp = self.spec, self.setup.tp
        if tp == 1:
            gpus = translate("memory.serving", "1 GPU")
        else:
            gpus = translate("memory.serving", "each of the {tp} tensor-parallel GPUs").format(tp=tp)
        if s.is_mla:
            if tp == 1:
                return translate("memory.serving", "MLA: the latent is shared by all query heads and held whole")
            return translate(
                "memory.serving",
                "MLA: the latent ({latent} + {rope} per token and layer) is shared by all query heads, so it cannot "
                "be split by heads: {gpus} holds all of it (as vLLM does), and the cache per GPU is not divided by tp",
            ).format(latent=f"{s.kv_lora_rank:,}", rope=f"{s.qk_rope_head_dim:,}", gpus=gpus)
        held = self.kv_heads_per_gpu
        if held == 1:
            heads = translate("memory.serving", "1 K/V head")
        else:
            heads = translate("memory.serving", "{count} K/V heads").format(count=f"{held:,}")
        if self.kv_replication > 1:
            return translate(
                "memory.serving",
                "{tp} GPUs but {kv_heads} K/V heads: {gpus} holds {heads}, and each head is replicated on "
                "{replication} GPUs (as vLLM does), so the cache per GPU is 1/{kv_heads} of the model's, not 1/{tp}",
            ).format(tp=tp, kv_heads=f"{s.n_kv_heads:,}", gpus=gpus, heads=heads, replication=self.kv_replication)
        if tp > 1:
            text = translate("memory.serving", "{gpus} holds {heads} of {kv_heads}")
            return text.format(gpus=gpus, heads=heads, kv_heads=f"{s.n_kv_heads:,}")
        return translate("memory.serving", "1 GPU holds all {heads}").format(heads=heads)

    def layers_text(self) -> str:
        if self.setup.pp == 1:
            return translate("memory.serving", "all {layers} layers on every GPU").format(
                layers=f"{self.spec.n_layers:,}"
            )
        counts = sorted({stage.n_layers for stage in self.stages})
        split = translate("memory.serving", " or ").join(f"{c:,}" for c in counts)
        return translate(
            "memory.serving",
            "{layers} layers in {stages} stages of {split}; the fullest is stage {stage} (layers {first}–{last})",
        ).format(
            layers=f"{self.spec.n_layers:,}",
            stages=self.setup.pp,
            split=split,
            stage=self.fullest.index,
            first=f"{self.fullest.first_layer:,}",
            last=f"{self.fullest.first_layer + self.fullest.n_layers - 1:,}",
        )

    def to_dict(self) -> dict[str, Any]:
        s, f = self.setup, self.fullest
        return {
            "gpu": s.gpu.name,
            "gpu_bytes": s.gpu.bytes,
            "gpus": self.gpus,
            "tp": s.tp,
            "pp": s.pp,
            "gpu_util": s.gpu_util,
            "usable_bytes_per_gpu": self.usable_bytes,
            "overhead_bytes_per_gpu": s.overhead,
            "weight_dtype": s.weight_dtype,
            "cache_dtype": s.cache_dtype,
            "block_size": s.block_size,
            "context": s.context,
            "kv_heads_per_gpu": self.kv_heads_per_gpu,
            "kv_head_replication": self.kv_replication,
            "kv_heads_text": self.heads_text(),
            "layers_per_gpu": f.n_layers,
            "layers_text": self.layers_text(),
            "fullest_stage": f.index,
            "weight_bytes_per_gpu": f.weight_bytes,
            "cache_budget_bytes_per_gpu": f.cache_budget,
            "kv_bytes_per_token_per_gpu": f.kv_bytes_per_token,
            "kv_bytes_per_sequence_per_gpu": f.sequence_bytes,
            "cache_blocks_per_gpu": f.blocks,
            "cache_tokens_per_gpu": self.tokens_per_gpu,
            "max_concurrent_sequences": self.max_concurrent_sequences,
            "shared_prefix": s.shared_prefix,
            "max_concurrent_sequences_shared_prefix": self.max_concurrent_shared,
            "prefix_saving_bytes_per_gpu": self.prefix_saving_bytes,
            "beyond_trained_context": self.beyond_trained_context,
            "stages": [
                {
                    "first_layer": st.first_layer,
                    "layers": st.n_layers,
                    "weight_bytes": st.weight_bytes,
                    "max_concurrent_sequences": st.sequences,
                }
                for st in self.stages
            ],
        }


def plan_serving(spec: ModelSpec, setup: ServingSetup) -> ServingPlan:
    """The per-GPU figures and the capacity of ``setup`` for ``spec``; a SpecError refuses what cannot run."""
    setup.check(spec)
    usable = math.floor(setup.gpu.bytes * setup.gpu_util)
    stages = tuple(
        _stage(spec, setup, i, first, count, usable)
        for i, (first, count) in enumerate(stage_layers(spec.n_layers, setup.pp))
    )
    fullest = min(stages, key=lambda stage: (stage.sequences, -stage.weight_bytes))
    return ServingPlan(spec, setup, usable, stages, fullest)
