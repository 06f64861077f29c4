"""GPUs by the memory their driver reports, and sizes typed by users ("80GiB", "79.6 GB").

A card sold as "80 GB" is not 80·10⁹ usable bytes: ``nvidia-smi`` reports its total in MiB
(an A100 80GB shows 81,920 MiB = 80 GiB, an H100 80GB 81,559 MiB), and that total is what
a serving engine's memory fraction is taken of. Each preset's figure is ``memory.total`` as
``nvidia-smi`` prints it, with the public output it was read from next to it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from kvviz.i18n import translate
from kvviz.memory.spec import SpecError

MiB = 2**20
GiB = 2**30
#: A size beyond this (1 PiB) is no GPU; refusing it keeps the arithmetic sane.
MAX_GPU_BYTES = 2**50


@dataclass(frozen=True)
class Gpu:
    """A GPU (or a size typed by the user) with the memory its driver reports, in bytes."""

    name: str
    bytes: int
    label: str  # as the card is sold, e.g. "H100 80GB (SXM)"


GPUS = (
    # nvidia-smi 81559MiB ("NVIDIA H100 80GB HBM3"): NVIDIA/nccl#1264, wilicc/gpu-burn#114, modal-labs/modal-client#2797
    Gpu("h100-80gb", 81_559 * MiB, "H100 80GB (SXM)"),
    # 143,771 MiB as given in kvviz's issue; not checked against a public nvidia-smi output
    Gpu("h200-141gb", 143_771 * MiB, "H200 141GB"),
    # nvidia-smi 81920MiB and 40960MiB: modal-labs/modal-client#2797
    Gpu("a100-80gb", 81_920 * MiB, "A100 80GB"),
    Gpu("a100-40gb", 40_960 * MiB, "A100 40GB"),
    # nvidia-smi 46068 MiB: modal-labs/modal-client#2797, akash-network/provider-configs#99
    Gpu("l40s", 46_068 * MiB, "L40S 48GB"),
    # nvidia-smi 24564MiB ("NVIDIA GeForce RTX 4090"): RLinf/RLinf#255
    Gpu("rtx-4090", 24_564 * MiB, "RTX 4090 24GB"),
)
GPU_NAMES = tuple(gpu.name for gpu in GPUS)
_BY_NAME = {gpu.name: gpu for gpu in GPUS}

_UNITS = {
    "b": 1,
    "kb": 10**3,
    "mb": 10**6,
    "gb": 10**9,
    "tb": 10**12,
    "kib": 2**10,
    "mib": MiB,
    "gib": GiB,
    "tib": 2**40,
}
_SIZE = re.compile(r"\s*(\d{1,12}(?:\.\d{1,6})?)\s*([kmgt]i?b|b)\s*", re.IGNORECASE)


def gpu_by_name(name: str) -> Gpu:
    if name not in _BY_NAME:
        message = translate("memory.gpus", "unknown GPU {name} (known: {known}; or give --gpu-memory, e.g. 80GiB)")
        raise SpecError(message.format(name=repr(name), known=", ".join(GPU_NAMES)))
    return _BY_NAME[name]


def parse_memory_size(text: str, minimum: int = 1) -> int:
    """``"80GiB"``, ``"81559 MiB"`` or ``"85.5GB"`` in bytes: GiB/MiB are binary, GB/MB decimal.

    ``minimum`` 0 admits "0B" (an allowance may be nothing; a GPU may not).
    """
    match = _SIZE.fullmatch(text)
    if match is None:
        message = translate("memory.gpus", "memory size must look like 80GiB, 81559MiB or 85.5GB, got {value}")
        raise SpecError(message.format(value=repr(text[:40])))
    size = int(Decimal(match[1]) * _UNITS[match[2].lower()])  # exact: "79.6GiB" is not rounded twice
    if not minimum <= size <= MAX_GPU_BYTES:
        if minimum:
            message = translate("memory.gpus", "memory size must be above 0 and at most 1 PiB, got {value}")
        else:
            message = translate("memory.gpus", "memory size must be at least 0 and at most 1 PiB, got {value}")
        raise SpecError(message.format(value=text.strip()[:40]))
    return size


def custom_gpu(size: int) -> Gpu:
    """A GPU of ``size`` bytes, named by its size."""
    if not 0 < size <= MAX_GPU_BYTES:
        message = translate("memory.gpus", "GPU memory must be above 0 and at most 1 PiB, got {size} B")
        raise SpecError(message.format(size=f"{size:,}"))
    text = f"{size / GiB:.4g} GiB"
    return Gpu(text, size, text)
