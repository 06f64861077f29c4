"""The figures the explorer shows for one model, context and batch: cache, weights, FLOPs, GPU fit.

One :class:`MemoryReport` feeds the CLI's text and JSON and the app's panel, so they agree.
Weights and cache may use different dtypes (a bfloat16 model with an fp8 cache); both
default to the config's ``torch_dtype``. GPU sizes are those the driver reports
(:mod:`kvviz.memory.gpus`); only weights and cache are counted here (the serving plan,
:mod:`kvviz.memory.serving`, adds the memory fraction and a runtime allowance).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from kvviz.i18n import translate
from kvviz.memory.arithmetic import (
    ParamCounts,
    bytes_per_token,
    cache_bytes,
    cache_formula,
    cache_scheme,
    max_context,
    param_counts,
    weight_bytes,
)
from kvviz.memory.flops import FLOPS_FORMULA, GenerationFlops, TokenFlops, flops_per_token
from kvviz.memory.gpus import GPUS, Gpu
from kvviz.memory.serving import MAX_CONTEXT
from kvviz.memory.spec import ModelSpec, SpecError, check_dtype

MAX_BATCH = 2**32


@dataclass(frozen=True)
class GpuFit:
    """How the model fits one GPU: weights first, then the cache in what is left.

    ``memory_context`` is what memory alone allows; ``max_context`` is that capped at the
    model's trained context, since positions beyond it were never trained (``capped`` says
    whether the cap applied).
    """

    gpu: Gpu
    free_after_weights: int  # negative when the weights alone do not fit
    fits: bool  # weights + cache at the chosen context and batch
    memory_context: int | None  # None: the cache stops growing (every layer windowed) first
    max_context: int | None
    capped: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.gpu.name,
            "bytes": self.gpu.bytes,
            "label": self.gpu.label,
            "free_after_weights": self.free_after_weights,
            "fits": self.fits,
            "max_context": self.max_context,
            "max_context_by_memory": self.memory_context,
            "capped_at_trained_context": self.capped,
        }


def gpu_fit(spec: ModelSpec, gpu: Gpu, weights: int, cache: int, batch: int, dtype: str) -> GpuFit:
    free = gpu.bytes - weights
    memory = max_context(spec, dtype, batch, free) if free > 0 else 0
    trained = spec.trained_context
    capped = trained is not None and (memory is None or memory > trained)
    return GpuFit(gpu, free, cache <= free, memory, trained if capped else memory, capped)


@dataclass(frozen=True)
class MemoryReport:
    """Everything the memory explorer shows for one model, context, batch and pair of dtypes."""

    spec: ModelSpec
    context: int
    batch: int
    dtype: str  # weights
    cache_dtype: str
    bytes_per_token: int
    cache_bytes: int
    weight_bytes: int
    params: ParamCounts
    gpus: tuple[GpuFit, ...]
    flops: GenerationFlops
    _gpu_index: dict[str, GpuFit] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_gpu_index", {fit.gpu.name: fit for fit in self.gpus})

    @property
    def total_bytes(self) -> int:
        return self.weight_bytes + self.cache_bytes

    def gpu(self, name: str) -> GpuFit:
        return self._gpu_index[name]

    @property
    def beyond_trained_context(self) -> bool:
        return self.spec.trained_context is not None and self.context > self.spec.trained_context

    def to_dict(self) -> dict[str, Any]:
        s = self.spec
        return {
            "model": s.id,
            "name": s.name,
            "source": s.source,
            "note": s.note,
            "assumed": list(s.assumed),
            "attention": s.attention_kind,
            "attention_detail": s.attention_label,
            "layers": s.n_layers,
            "heads": s.n_heads,
            "kv_heads": None if s.is_mla else s.n_kv_heads,
            "head_dim": s.head_dim,
            "parameters": self.params.total,
            "active_parameters": self.params.active,
            "model_max_context": s.trained_context,
            "config_torch_dtype": s.dtype,
            "context": self.context,
            "batch": self.batch,
            "dtype": self.dtype,
            "cache_dtype": self.cache_dtype,
            "cache_scheme": cache_scheme(self.cache_dtype),
            "bytes_per_token": self.bytes_per_token,
            "bytes_per_token_formula": cache_formula(s, self.cache_dtype),
            "cache_bytes": self.cache_bytes,
            "weight_bytes": self.weight_bytes,
            "total_bytes": self.total_bytes,
            "gpus": [fit.to_dict() for fit in self.gpus],
            "max_context": {fit.gpu.name: fit.max_context for fit in self.gpus},
            "flops_per_token": {
                "context": self.flops.context,
                "cached": _flops_dict(self.flops.cached),
                "uncached": _flops_dict(self.flops.uncached),
                "formula": FLOPS_FORMULA,
            },
            "units": (
                "bytes; GPU sizes are the totals nvidia-smi reports (MiB = 2^20 bytes); bytes_per_token is per "
                "sequence; max_context is capped at the trained context; null means the cache stops growing "
                "(sliding window) before memory runs out and no trained context is known"
            ),
            "not_counted": "activations, workspace, fragmentation, runtime reserve, quantization scales of weights",
        }


def _flops_dict(flops: TokenFlops) -> dict[str, int]:
    return {"matmul": flops.matmul, "attention": flops.attention, "total": flops.total}


def check_positive(name: str, value: Any, maximum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= maximum:
        message = translate("memory.report", "{name} must be an integer in 1..{most}, got {value}")
        raise SpecError(message.format(name=name, most=f"{maximum:,}", value=repr(value)))
    return value


def memory_report(
    spec: ModelSpec,
    context: int,
    batch: int = 1,
    dtype: str | None = None,
    cache_dtype: str | None = None,
    gpus: Sequence[Gpu] = GPUS,
) -> MemoryReport:
    """The explorer's figures for ``batch`` sequences of ``context`` tokens.

    Weights are at ``dtype`` and the cache at ``cache_dtype``; each defaults to the one before
    it, and ``dtype`` to the config's torch_dtype (float16 when it names none).
    """
    dtype = dtype or spec.default_dtype
    cache_dtype = cache_dtype or dtype
    check_dtype(dtype)
    check_dtype(cache_dtype)
    check_positive("context", context, MAX_CONTEXT)
    check_positive("batch", batch, MAX_BATCH)
    weights = weight_bytes(spec, dtype)
    cache_total = cache_bytes(spec, context, cache_dtype, batch)
    return MemoryReport(
        spec=spec,
        context=context,
        batch=batch,
        dtype=dtype,
        cache_dtype=cache_dtype,
        bytes_per_token=bytes_per_token(spec, cache_dtype),
        cache_bytes=cache_total,
        weight_bytes=weights,
        params=param_counts(spec),
        gpus=tuple(gpu_fit(spec, gpu, weights, cache_total, batch, cache_dtype) for gpu in gpus),
        flops=flops_per_token(spec, context),
    )
