"""The explorer's figures as text: the lines ``kvviz mem`` prints, and the phrases the panel reuses."""

from __future__ import annotations

from kvviz.i18n import translate
from kvviz.memory.arithmetic import cache_formula, cache_scheme
from kvviz.memory.flops import flops_formula_lines
from kvviz.memory.report import GpuFit, MemoryReport
from kvviz.memory.serving import ServingPlan
from kvviz.memory.spec import DTYPE_BITS
from kvviz.units import format_bytes, format_flops, pad


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
        return translate("memory.text", "weights do not fit")
    if fit.memory_context == 0:
        return translate("memory.text", "not one token")
    if fit.capped:
        memory = translate("memory.text", "unlimited") if fit.memory_context is None else f"{fit.memory_context:,}"
        if short:
            return translate("memory.text", "{tokens} (trained)").format(tokens=f"{fit.max_context:,}")
        text = translate("memory.text", "{tokens} tokens (trained context; memory: {memory})")
        return text.format(tokens=f"{fit.max_context:,}", memory=memory)
    if fit.max_context is None:
        return translate("memory.text", "unlimited (cache stops at the window)")
    return translate("memory.text", "{tokens} tokens").format(tokens=f"{fit.max_context:,}")


def _count(n: int) -> str:
    if n >= 10**9:
        return translate("memory.text", "{count} billion").format(count=f"{n / 1e9:.3g}")
    return translate("memory.text", "{count} million").format(count=f"{n / 1e6:.3g}")


def _sizes(n: int) -> str:
    return f"{n:,} B  ({format_bytes(n)}, {format_decimal_bytes(n)})"


def _label(text: str) -> str:
    """A figure's name, padded so the figures after it line up (the English labels are 21 columns)."""
    return pad(text, 21)


def dtype_source(report: MemoryReport) -> str:
    """Where the weights' dtype came from, for the line that names it."""
    if report.spec.dtype is None:
        if report.dtype == "float16":
            return translate("memory.text", "the config names no torch_dtype: float16 assumed")
        return translate("memory.text", "as asked")
    if report.dtype == report.spec.dtype:
        return translate("memory.text", "the config's torch_dtype")
    return translate("memory.text", "config: {dtype}").format(dtype=report.spec.dtype)


def _beyond_trained(context: int, trained: int | None) -> str:
    text = translate("memory.text", "note: {context} tokens is beyond the model's trained context ({trained})")
    return "  " + text.format(context=f"{context:,}", trained=f"{trained:,}")


def report_lines(report: MemoryReport) -> list[str]:
    """The report as text lines, as `kvviz mem` prints it."""
    s, p, f = report.spec, report.params, report.flops
    params = translate("memory.text", "{count} parameters").format(count=_count(p.total))
    if p.active != p.total:
        params += translate("memory.text", " ({count} active per token)").format(count=_count(p.active))
    trained = ""
    if s.trained_context:
        trained = translate("memory.text", "; trained context {tokens} tokens").format(tokens=f"{s.trained_context:,}")
    if report.batch == 1:
        sequences = translate("memory.text", "1 sequence")
    else:
        sequences = translate("memory.text", "{count} sequences").format(count=f"{report.batch:,}")
    shape = translate("memory.text", "{attention}; {layers} layers, {heads} query heads; {params}{trained}")
    weights_in = translate("memory.text", "Weights in {dtype} ({source}); KV cache in {scheme}")
    lines = [
        f"{s.name} — {s.source}",
        "  "
        + shape.format(
            attention=s.attention_label,
            layers=f"{s.n_layers:,}",
            heads=f"{s.n_heads:,}",
            params=params,
            trained=trained,
        ),
        f"  {s.note}",
        *("  " + translate("memory.text", "assumed: {text}").format(text=text) for text in s.assumed),
        "",
        weights_in.format(dtype=report.dtype, source=dtype_source(report), scheme=cache_scheme(report.cache_dtype)),
        "  " + _label(translate("memory.text", "KV cache per token")) + f"{report.bytes_per_token:,} B  "
        f"({format_bytes(report.bytes_per_token)})  = {cache_formula(s, report.cache_dtype)}",
        "  "
        + _label(translate("memory.text", "KV cache"))
        + f"{_sizes(report.cache_bytes)}  "
        + translate("memory.text", "for {tokens} tokens × {sequences}").format(
            tokens=f"{report.context:,}", sequences=sequences
        ),
        "  "
        + _label(translate("memory.text", "Weights"))
        + f"{_sizes(report.weight_bytes)}  = "
        + translate("memory.text", "{count} parameters × {size} B").format(
            count=f"{p.total:,}", size=f"{DTYPE_BITS[report.dtype] / 8:g}"
        ),
        "  " + _label(translate("memory.text", "Weights + cache")) + f"{_sizes(report.total_bytes)}",
    ]
    if report.beyond_trained_context:
        lines.append(_beyond_trained(report.context, s.trained_context))
    titles = (
        pad("GPU", 11),
        pad(translate("memory.text", "memory (nvidia-smi)"), 24),
        pad(translate("memory.text", "free after weights"), 18, left=False),
        pad(translate("memory.text", "fits"), 5),
        translate("memory.text", "longest context"),
    )
    lines += ["", "  " + " ".join(titles[:3]) + "  " + " ".join(titles[3:])]
    for fit in report.gpus:
        free = format_bytes(fit.free_after_weights) if fit.free_after_weights > 0 else translate("memory.text", "none")
        fits = translate("memory.text", "yes") if fit.fits else translate("memory.text", "no")
        lines.append(
            f"  {fit.gpu.name:<11} {gpu_size(fit.gpu.bytes):<24} {free:>18}  {pad(fits, 5)} {describe_max_context(fit)}"
        )
    speedup = f.uncached.total / f.cached.total
    split = translate("memory.text", "(weights {weights} + attention {attention})")
    lines += [
        "",
        translate("memory.text", "FLOPs per generated token at context {context}").format(context=f"{f.context:,}"),
        "  "
        + pad(translate("memory.text", "with KV cache"), 17)
        + f"  {format_flops(f.cached.total):>12}  "
        + split.format(weights=format_flops(f.cached.matmul), attention=format_flops(f.cached.attention)),
        "  "
        + pad(translate("memory.text", "without cache"), 17)
        + f"  {format_flops(f.uncached.total):>12}  "
        + split.format(weights=format_flops(f.uncached.matmul), attention=format_flops(f.uncached.attention))
        + translate("memory.text", ", {ratio}× the cached cost").format(ratio=f"{speedup:,.0f}"),
        *(f"  {line}" for line in flops_formula_lines()),
        "",
        translate(
            "memory.text",
            "Units: exact bytes; KiB/MiB/GiB are binary (1 GiB = 2^30 B), kB/MB/GB decimal (1 GB = 10^9 B);",
        ),
        translate("memory.text", "GPU memory is the total nvidia-smi reports, in MiB."),
        translate(
            "memory.text",
            "Counted: weights and KV cache only, not activations, workspace, fragmentation or the runtime's reserve.",
        ),
    ]
    return lines


def serving_lines(plan: ServingPlan) -> list[str]:
    """The serving plan as text lines: per GPU, then capacity, then the prefix saving."""
    s, f = plan.setup, plan.fullest
    gpus = f"{plan.gpus} × {s.gpu.label}" if plan.gpus > 1 else s.gpu.label
    budget_note = "  " + translate("memory.text", "(weights and allowance do not fit)") if f.cache_budget < 0 else ""
    lines = [
        translate(
            "memory.text",
            "Serving on {gpus}: tensor parallel {tp}, pipeline parallel {pp}; {context}-token sequences, "
            "blocks of {block}",
        ).format(gpus=gpus, tp=s.tp, pp=s.pp, context=f"{s.context:,}", block=s.block_size),
        "  " + _label(translate("memory.text", "K/V heads")) + f"{plan.heads_text()}",
        "  " + _label(translate("memory.text", "Layers")) + f"{plan.layers_text()}",
        "  " + translate("memory.text", "Per GPU (the fullest):"),
        "    "
        + pad(translate("memory.text", "memory"), 19)
        + translate("memory.text", "{size} reported; × {fraction} usable = {usable}").format(
            size=gpu_size(s.gpu.bytes), fraction=f"{s.gpu_util:g}", usable=_sizes(plan.usable_bytes)
        ),
        "    " + pad(translate("memory.text", "weights"), 19) + f"− {_sizes(f.weight_bytes)}  ({s.weight_dtype})",
        "    "
        + pad(translate("memory.text", "activations etc."), 19)
        + f"− {_sizes(s.overhead)}  "
        + translate("memory.text", "(allowance, assumed: set with --overhead)"),
        "    "
        + pad(translate("memory.text", "left for the cache"), 19)
        + f"= {_sizes(max(f.cache_budget, 0))}{budget_note}",
        "    "
        + pad(translate("memory.text", "KV per token"), 19)
        + f"{f.kv_bytes_per_token:,} B  "
        + translate("memory.text", "({dtype}, this GPU's layers and heads)").format(dtype=s.cache_dtype),
        "    "
        + pad(translate("memory.text", "cache holds"), 19)
        + translate("memory.text", "{blocks} blocks = {tokens} tokens").format(
            blocks=f"{f.blocks:,}", tokens=f"{plan.tokens_per_gpu:,}"
        ),
        "  "
        + translate(
            "memory.text",
            "Concurrent sequences of {context} tokens: {count}  ({bytes} B per sequence per GPU, whole blocks)",
        ).format(context=f"{s.context:,}", count=f"{plan.max_concurrent_sequences:,}", bytes=f"{f.sequence_bytes:,}"),
    ]
    if s.shared_prefix:
        lines.append(
            "  "
            + translate(
                "memory.text",
                "With a shared {prefix}-token prefix: {count} sequences (the prefix's {blocks} full blocks held "
                "once; saves {saving} per GPU)",
            ).format(
                prefix=f"{s.shared_prefix:,}",
                count=f"{plan.max_concurrent_shared:,}",
                blocks=f"{s.shared_prefix // s.block_size:,}",
                saving=_sizes(plan.prefix_saving_bytes),
            )
        )
    if plan.beyond_trained_context:
        lines.append(_beyond_trained(s.context, plan.spec.trained_context))
    return lines
