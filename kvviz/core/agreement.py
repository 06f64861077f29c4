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

from dataclasses import dataclass
from enum import StrEnum

import torch

from kvviz.core.record import StepRecord

#: Units in the last place of the model's dtype (machine epsilon, relative to 1) that rounding may
#: leave between two ways of computing the same logits or scores: a different order of the sums
#: (a whole sequence in one matrix product vs one row at a time) over several layers. Measured on the
#: shipped model and random weights of its shape: float32 logits differ by up to ~200 ε (2.3e-5),
#: float16 by up to 64 ε (0.0625); the bound leaves room above both.
ROUNDING_EPS = 512


class Agreement(StrEnum):
    EQUAL = "equal"  # bit for bit
    WITHIN_ROUNDING = "equal within rounding"  # nonzero, but no more than rounding in the model's dtype
    DIFFERENT = "different"  # more than rounding explains, or a quantized cache


def rounding_tolerance(record: StepRecord) -> float:
    """The largest |Δ| between two computations of the step that rounding in the model's dtype explains."""
    return ROUNDING_EPS * torch.finfo(record.config.torch_dtype).eps


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
