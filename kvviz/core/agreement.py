"""How the two computations of a step compare, in words that say only what was measured.

Each step checks that the cached and the uncached run agree (their logits, and the token
each chose), and that the rows the uncached run computed again equal the rows stored at
earlier steps. "Equal" is said only of bit-for-bit equality. A difference no larger than
floating-point rounding in the model's dtype produces is "equal within rounding"; anything
larger is a difference, given with its size. A quantized cache changes K and V on purpose,
so its differences are never called rounding. The app's status bar and the CLI read these
words from the same records.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

import torch

from kvviz.core.record import StepRecord

#: Rounding leaves two ways of computing the same logits (the whole sequence in one matrix product,
#: or one row at a time against a cache) apart by a few units of the dtype's epsilon for every
#: layer and for the square root of the length of each sum it runs (the MLP's d_ff, the keys a query
#: reads): that is the bound, four times over. Measured on the default shape, whole runs: float32
#: logits differ by up to 2.3e-5 (bound 7e-5), float16 by up to 0.0625 (bound 0.6); at 8 layers,
#: d_model 512 and 891 tokens, float32 by 5.4e-5 (bound 2.9e-4).
ROUNDING_EPS_PER_LAYER_AND_ROOT_TERM = 4


class Agreement(StrEnum):
    EQUAL = "equal"  # bit for bit
    WITHIN_ROUNDING = "equal within rounding"  # nonzero, but no more than rounding in the model's dtype
    DIFFERENT = "different"  # more than rounding explains, or a quantized cache


def rounding_tolerance(record: StepRecord) -> float:
    """The largest |Δ| between two computations of the step that rounding in the model's dtype explains."""
    c = record.config
    keys = len(record.policy.resident(record.n_tokens))
    units = ROUNDING_EPS_PER_LAYER_AND_ROOT_TERM * c.n_layers * (math.sqrt(c.d_ff) + math.sqrt(keys))
    return units * torch.finfo(c.torch_dtype).eps


def compare(difference: float, record: StepRecord) -> Agreement:
    """What a measured largest |Δ| between the two computations of ``record``'s step means."""
    if difference == 0:
        return Agreement.EQUAL
    if record.cache_dtype == "model" and difference <= rounding_tolerance(record):
        return Agreement.WITHIN_ROUNDING
    return Agreement.DIFFERENT


@dataclass(frozen=True)
class StepAgreement:
    """What the step's checks found; None where a check did not run."""

    logits: Agreement | None  # cached vs uncached logits of the new token
    rows: Agreement | None  # rows the uncached run recomputed vs the rows stored earlier
    first_divergence_step: int | None  # first step ≤ this one where the two runs chose different tokens


def step_agreement(record: StepRecord) -> StepAgreement:
    logits = rows = None
    if record.max_abs_logit_diff is not None:
        logits = compare(record.max_abs_logit_diff, record)
    if record.recompute_max_abs_diff is not None:
        rows = compare(record.recompute_max_abs_diff, record)
    return StepAgreement(logits, rows, record.first_divergence_step)


def agreement_text(record: StepRecord) -> str:
    """One line: the tokens, the logits and the recomputed rows, each worded by what was measured."""
    found = step_agreement(record)
    if found.logits is None:
        return "cached vs uncached: not checked (the uncached run did not run)"
    quantized = record.cache_dtype != "model"
    title = f"{record.cache_dtype} cache vs full precision" if quantized else "cached vs uncached"
    if found.first_divergence_step is None:
        tokens = "same tokens so far"
    else:
        tokens = f"tokens first differed at step {found.first_divergence_step}"
    checks = [("logits", found.logits, record.max_abs_logit_diff)]
    if found.rows is not None:
        checks.append(("recomputed rows", found.rows, record.recompute_max_abs_diff))
    if len(checks) == 2 and checks[0][1] is checks[1][1]:  # one verdict for both: said once
        (_, verdict, logits), (_, _, rows) = checks
        checks = [("logits and recomputed rows", verdict, None if verdict is Agreement.EQUAL else (logits, rows))]
    worded = [_worded(what, verdict, found_diff, record.config.dtype) for what, verdict, found_diff in checks]
    return f"{title}: {tokens}; " + "; ".join(worded)


def _worded(what: str, agreement: Agreement, differences: float | tuple[float, float] | None, dtype: str) -> str:
    """``what`` and its verdict, with the largest |Δ| measured (one number, or a pair for a pair)."""
    if agreement is Agreement.EQUAL:
        return f"{what} equal"
    sizes = " and ".join(f"{d:.2g}" for d in differences) if isinstance(differences, tuple) else f"{differences:.2g}"
    if agreement is Agreement.WITHIN_ROUNDING:
        return f"{what} equal within {dtype} rounding (max |Δ| {sizes})"
    return f"{what} differ (max |Δ| {sizes})"
