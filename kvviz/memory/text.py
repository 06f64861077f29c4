"""The explorer's figures as text: the lines ``kvviz mem`` prints, and the phrases the panel reuses."""

from __future__ import annotations

from kvviz.memory.arithmetic import cache_formula, cache_scheme
from kvviz.memory.flops import FLOPS_FORMULA_LINES
from kvviz.memory.report import GpuFit, MemoryReport
from kvviz.memory.serving import ServingPlan
from kvviz.memory.spec import DTYPE_BITS
from kvviz.units import format_bytes, format_flops


def format_decimal_bytes(n: float) -> str:
    """Bytes in decimal units (1 GB = 10⁹ B), the units GPUs are sold in."""
    for unit, scale in (("TB", 10**12), ("GB", 10**9), ("MB", 10**6), ("kB", 10**3)):
        if abs(n) >= scale:
            return f"{n / scale:.3g} {unit}"
    return f"{n:.0f} B"


def gpu_size(n: int) -> str:
    """A GPU's memory as its driver reports it (MiB) and in GiB, e.g. "81,559 MiB (79.6 GiB)"."""
    return f"{n / 2**20:,.0f} MiB ({n / 2**30:.1f} GiB)"


def describe_max_context(fit: GpuFit, short: bool = False) -> str:
    """The longest context on one GPU, in words for the cases that are not a number (``short``: for a table cell)."""
    if fit.free_after_weights <= 0:
        return "weights do not fit"
    if fit.memory_context == 0:
        return "not one token"
    if fit.capped:
        memory = "unlimited" if fit.memory_context is None else f"{fit.memory_context:,}"
        if short:
            return f"{fit.max_context:,} (trained)"
        return f"{fit.max_context:,} tokens (trained context; memory: {memory})"
    if fit.max_context is None:
        return "unlimited (cache stops at the window)"
    return f"{fit.max_context:,} tokens"


def _count(n: int) -> str:
    return f"{n / 1e9:.3g} billion" if n >= 10**9 else f"{n / 1e6:.3g} million"


def _sizes(n: int) -> str:
    return f"{n:,} B  ({format_bytes(n)}, {format_decimal_bytes(n)})"


def dtype_source(report: MemoryReport) -> str:
    """Where the weights' dtype came from, for the line that names it."""
    if report.spec.dtype is None:
        return "the config names no torch_dtype: float16 assumed" if report.dtype == "float16" else "as asked"
    return "the config's torch_dtype" if report.dtype == report.spec.dtype else f"config: {report.spec.dtype}"


def report_lines(report: MemoryReport) -> list[str]:
    """The report as text lines, as `kvviz mem` prints it."""
    s, p, f = report.spec, report.params, report.flops
    params = f"{_count(p.total)} parameters"
    if p.active != p.total:
        params += f" ({_count(p.active)} active per token)"
    trained = f"; trained context {s.trained_context:,} tokens" if s.trained_context else ""
    sequences = "1 sequence" if report.batch == 1 else f"{report.batch:,} sequences"
    lines = [
        f"{s.name} — {s.source}",
        f"  {s.attention_label}; {s.n_layers:,} layers, {s.n_heads:,} query heads; {params}{trained}",
        f"  {s.note}",
        *(f"  assumed: {text}" for text in s.assumed),
        "",
        f"Weights in {report.dtype} ({dtype_source(report)}); KV cache in {cache_scheme(report.cache_dtype)}",
        f"  KV cache per token   {report.bytes_per_token:,} B  ({format_bytes(report.bytes_per_token)})"
        f"  = {cache_formula(s, report.cache_dtype)}",
        f"  KV cache             {_sizes(report.cache_bytes)}  for {report.context:,} tokens × {sequences}",
        f"  Weights              {_sizes(report.weight_bytes)}  = {p.total:,} parameters × "
        f"{DTYPE_BITS[report.dtype] / 8:g} B",
        f"  Weights + cache      {_sizes(report.total_bytes)}",
    ]
    if report.beyond_trained_context:
        lines.append(f"  note: {report.context:,} tokens is beyond the model's trained context ({s.trained_context:,})")
    lines += ["", f"  {'GPU':<11} {'memory (nvidia-smi)':<24} {'free after weights':>18}  {'fits':<5} longest context"]
    for fit in report.gpus:
        free = format_bytes(fit.free_after_weights) if fit.free_after_weights > 0 else "none"
        fits = "yes" if fit.fits else "no"
        lines.append(
            f"  {fit.gpu.name:<11} {gpu_size(fit.gpu.bytes):<24} {free:>18}  {fits:<5} {describe_max_context(fit)}"
        )
    speedup = f.uncached.total / f.cached.total
    lines += [
        "",
        f"FLOPs per generated token at context {f.context:,}",
        f"  with KV cache      {format_flops(f.cached.total):>12}  (weights {format_flops(f.cached.matmul)}"
        f" + attention {format_flops(f.cached.attention)})",
        f"  without cache      {format_flops(f.uncached.total):>12}  (weights {format_flops(f.uncached.matmul)}"
        f" + attention {format_flops(f.uncached.attention)}), {speedup:,.0f}× the cached cost",
        *(f"  {line}" for line in FLOPS_FORMULA_LINES),
        "",
        "Units: exact bytes; KiB/MiB/GiB are binary (1 GiB = 2^30 B), kB/MB/GB decimal (1 GB = 10^9 B);",
        "GPU memory is the total nvidia-smi reports, in MiB.",
        "Counted: weights and KV cache only, not activations, workspace, fragmentation or the runtime's reserve.",
    ]
    return lines


def serving_lines(plan: ServingPlan) -> list[str]:
    """The serving plan as text lines: per GPU, then capacity, then the prefix saving."""
    s, f = plan.setup, plan.fullest
    gpus = f"{plan.gpus} × {s.gpu.label}" if plan.gpus > 1 else s.gpu.label
    lines = [
        f"Serving on {gpus}: tensor parallel {s.tp}, pipeline parallel {s.pp}; "
        f"{s.context:,}-token sequences, blocks of {s.block_size}",
        f"  K/V heads            {plan.heads_text()}",
        f"  Layers               {plan.layers_text()}",
        "  Per GPU (the fullest):",
        f"    memory             {gpu_size(s.gpu.bytes)} reported; × {s.gpu_util:g} usable"
        f" = {_sizes(plan.usable_bytes)}",
        f"    weights            − {_sizes(f.weight_bytes)}  ({s.weight_dtype})",
        f"    activations etc.   − {_sizes(s.overhead)}  (allowance, assumed: set with --overhead)",
        f"    left for the cache = {_sizes(max(f.cache_budget, 0))}"
        + ("  (weights and allowance do not fit)" if f.cache_budget < 0 else ""),
        f"    KV per token       {f.kv_bytes_per_token:,} B  ({s.cache_dtype}, this GPU's layers and heads)",
        f"    cache holds        {f.blocks:,} blocks = {plan.tokens_per_gpu:,} tokens",
        f"  Concurrent sequences of {s.context:,} tokens: {plan.max_concurrent_sequences:,}"
        f"  ({f.sequence_bytes:,} B per sequence per GPU, whole blocks)",
    ]
    if s.shared_prefix:
        saving = plan.prefix_saving_bytes
        lines.append(
            f"  With a shared {s.shared_prefix:,}-token prefix: {plan.max_concurrent_shared:,} sequences "
            f"(the prefix's {s.shared_prefix // s.block_size:,} full blocks held once; saves {_sizes(saving)} per GPU)"
        )
    if plan.beyond_trained_context:
        lines.append(
            f"  note: {s.context:,} tokens is beyond the model's trained context ({plan.spec.trained_context:,})"
        )
    return lines
