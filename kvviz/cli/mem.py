"""`kvviz mem`: KV cache, weights, FLOPs and serving capacity of a published model or any config.json."""

from __future__ import annotations

import argparse
import json

from kvviz import memory
from kvviz.cli.common import CliError, machine_readable
from kvviz.i18n import translate
from kvviz.memory.report import MAX_BATCH
from kvviz.memory.serving import MAX_CONTEXT


def _size(text: str, minimum: int = 1) -> int:
    try:
        return memory.parse_memory_size(text, minimum)
    except memory.SpecError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _allowance(text: str) -> int:
    return _size(text, minimum=0)


def add_parser(sub: argparse._SubParsersAction) -> None:
    text = translate("cli.mem", "KV cache, weights, FLOPs and serving capacity of a real model")
    mem = sub.add_parser("mem", help=text, description=text)
    mem.add_argument(
        "model",
        metavar="MODEL|PATH",
        help=translate("cli.mem", "one of {models}, or a config.json").format(models=", ".join(memory.PRESET_IDS)),
    )
    mem.add_argument(
        "--context", type=int, default=4096, help=translate("cli.mem", "tokens per sequence (default: %(default)s)")
    )
    mem.add_argument(
        "--batch", type=int, default=1, help=translate("cli.mem", "sequences held at once (default: %(default)s)")
    )
    mem.add_argument(
        "--dtype",
        choices=memory.DTYPES,
        help=translate("cli.mem", "weights, and the cache unless --cache-dtype (default: the config's)"),
    )
    mem.add_argument(
        "--cache-dtype", choices=memory.DTYPES, help=translate("cli.mem", "the KV cache (default: --dtype)")
    )
    serve = mem.add_argument_group(
        translate("cli.mem", "serving (vLLM's model: paged blocks, a memory fraction, K/V-head replication)")
    )
    serve.add_argument(
        "--gpu", choices=memory.GPU_NAMES, default="h100-80gb", help=translate("cli.mem", "GPU (default: %(default)s)")
    )
    serve.add_argument(
        "--gpu-memory",
        type=_size,
        metavar="SIZE",
        help=translate("cli.mem", "any GPU size instead, e.g. 80GiB or 81559MiB"),
    )
    serve.add_argument(
        "--tp", type=int, default=1, help=translate("cli.mem", "tensor-parallel degree (default: %(default)s)")
    )
    serve.add_argument(
        "--pp", type=int, default=1, help=translate("cli.mem", "pipeline-parallel degree (default: %(default)s)")
    )
    serve.add_argument(
        "--gpu-util",
        type=float,
        default=memory.DEFAULT_GPU_UTIL,
        help=translate("cli.mem", "fraction of GPU memory used (default: 0.9)"),
    )
    serve.add_argument(
        "--block-size",
        type=int,
        default=memory.DEFAULT_BLOCK_SIZE,
        help=translate("cli.mem", "tokens per cache block (default: %(default)s)"),
    )
    serve.add_argument(
        "--overhead",
        type=_allowance,
        default=memory.DEFAULT_OVERHEAD,
        metavar="SIZE",
        help=translate("cli.mem", "activations and runtime per GPU, an allowance (default: 2GiB)"),
    )
    serve.add_argument(
        "--shared-prefix",
        type=int,
        default=0,
        help=translate("cli.mem", "tokens of a prompt prefix all sequences share, held once (default: none)"),
    )
    mem.add_argument("--json", action="store_true", help=translate("cli.mem", "one JSON object with every figure"))
    mem.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    for option, value, most in (("--context", args.context, MAX_CONTEXT), ("--batch", args.batch, MAX_BATCH)):
        if value < 1:
            message = translate("cli.mem", "{option}: must be at least 1, got {value}")
            raise CliError(message.format(option=option, value=value))
        if value > most:
            message = translate("cli.mem", "{option}: must be at most {most}, got {value}")
            raise CliError(message.format(option=option, most=f"{most:,}", value=f"{value:,}"))
    report, plan = _figures(args)  # a mistake is refused here, in the user's language
    if args.json:
        with machine_readable():  # the words inside the JSON (notes, formulas) stay English for scripts
            report, plan = _figures(args)
            serving, figures = plan.to_dict(), report.to_dict()
        required = ("kv_heads_per_gpu", "kv_bytes_per_token_per_gpu", "max_concurrent_sequences")
        print(json.dumps({**figures, **{key: serving[key] for key in required}, "serving": serving}, indent=2))
    else:
        print("\n".join([*memory.report_lines(report), "", *memory.serving_lines(plan)]))
    return 0


def _figures(args: argparse.Namespace) -> tuple[memory.MemoryReport, memory.ServingPlan]:
    """The report and serving plan the options ask for (cheap: arithmetic on a config)."""
    try:
        spec = memory.resolve_model(args.model)
        report = memory.memory_report(spec, args.context, args.batch, args.dtype, args.cache_dtype)
        gpu = memory.custom_gpu(args.gpu_memory) if args.gpu_memory else memory.gpu_by_name(args.gpu)
        setup = memory.ServingSetup(
            gpu=gpu,
            context=args.context,
            tp=args.tp,
            pp=args.pp,
            gpu_util=args.gpu_util,
            block_size=args.block_size,
            overhead=args.overhead,
            shared_prefix=args.shared_prefix,
            weight_dtype=report.dtype,
            cache_dtype=report.cache_dtype,
        )
        return report, memory.plan_serving(spec, setup)
    except memory.SpecError as exc:
        raise CliError(str(exc)) from None
