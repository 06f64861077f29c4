"""The real-model memory calculator: KV cache, weights, FLOPs and serving capacity of published configs.

Plain arithmetic on the shapes in a config, no torch and no Qt, closed-form on any input.
The modules, in the order data flows:

* :mod:`~kvviz.memory.spec` — :class:`ModelSpec`, the shapes, bounded and checked
* :mod:`~kvviz.memory.presets` — published ``config.json`` fields; :mod:`~kvviz.memory.hf_config`
  reads any config.json; :mod:`~kvviz.memory.sources` resolves a name or path to a spec
* :mod:`~kvviz.memory.arithmetic` — cache bytes, parameters, weights; :mod:`~kvviz.memory.flops`
* :mod:`~kvviz.memory.gpus` — GPUs by the memory the driver reports
* :mod:`~kvviz.memory.report` — one model's figures; :mod:`~kvviz.memory.serving` — capacity
  under tensor and pipeline parallelism; :mod:`~kvviz.memory.curves` — the plots' series
* :mod:`~kvviz.memory.text` — the figures as the CLI prints them

The names below are the ones the CLI, the app and the tests use.
"""

from kvviz.memory.arithmetic import (
    SCALED_DTYPES,
    ParamCounts,
    bytes_per_token,
    cache_bytes,
    cache_bytes_per_token_layer,
    cache_elements_per_token_layer,
    cache_formula,
    cache_scheme,
    kept_tokens,
    max_context,
    param_counts,
    weight_bytes,
)
from kvviz.memory.curves import (
    PLOT_MAX_CONTEXT,
    attention_variants,
    cache_curve,
    capacity_curve,
    capacity_grid,
    context_grid,
)
from kvviz.memory.flops import FLOPS_FORMULA, FLOPS_FORMULA_LINES, flops_formula_lines, flops_per_token
from kvviz.memory.gpus import GPU_NAMES, GPUS, Gpu, custom_gpu, gpu_by_name, parse_memory_size
from kvviz.memory.hf_config import config_spec, load_config_json, read_config, spec_from_hf_config
from kvviz.memory.report import GpuFit, MemoryReport, memory_report
from kvviz.memory.serving import (
    DEFAULT_BLOCK_SIZE,
    DEFAULT_GPU_UTIL,
    DEFAULT_OVERHEAD,
    ServingPlan,
    ServingSetup,
    plan_serving,
)
from kvviz.memory.sources import PRESET_IDS, preset, resolve_model, spec_from_model_config
from kvviz.memory.spec import DTYPE_BITS, DTYPES, LayerSet, ModelSpec, SpecError
from kvviz.memory.text import (
    describe_max_context,
    dtype_source,
    format_decimal_bytes,
    gpu_size,
    report_lines,
    serving_lines,
)

__all__ = [
    "DEFAULT_BLOCK_SIZE",
    "DEFAULT_GPU_UTIL",
    "DEFAULT_OVERHEAD",
    "DTYPES",
    "DTYPE_BITS",
    "FLOPS_FORMULA",
    "FLOPS_FORMULA_LINES",
    "GPUS",
    "GPU_NAMES",
    "PLOT_MAX_CONTEXT",
    "PRESET_IDS",
    "SCALED_DTYPES",
    "Gpu",
    "GpuFit",
    "LayerSet",
    "MemoryReport",
    "ModelSpec",
    "ParamCounts",
    "ServingPlan",
    "ServingSetup",
    "SpecError",
    "attention_variants",
    "bytes_per_token",
    "cache_bytes",
    "cache_bytes_per_token_layer",
    "cache_curve",
    "cache_elements_per_token_layer",
    "cache_formula",
    "cache_scheme",
    "capacity_curve",
    "capacity_grid",
    "config_spec",
    "context_grid",
    "custom_gpu",
    "describe_max_context",
    "dtype_source",
    "flops_formula_lines",
    "flops_per_token",
    "format_decimal_bytes",
    "gpu_by_name",
    "gpu_size",
    "kept_tokens",
    "load_config_json",
    "max_context",
    "memory_report",
    "param_counts",
    "parse_memory_size",
    "plan_serving",
    "preset",
    "read_config",
    "report_lines",
    "resolve_model",
    "serving_lines",
    "spec_from_hf_config",
    "spec_from_model_config",
    "weight_bytes",
]
