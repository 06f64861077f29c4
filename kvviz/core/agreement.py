"""How the two computations of a step compare, in words that say only what was measured.

Each step checks that the cached and the uncached run agree (their logits, and the token
each chose), and that the rows the uncached run computed again equal the rows stored at
earlier steps: the rows the record lists, which the words name. "Equal" is said only of
bit-for-bit equality. A difference no larger than floating-point rounding in the model's
dtype produces is "equal within rounding"; anything larger is a difference, given with its
size. A quantized cache changes K and V on purpose, so its differences are never called
rounding. The app's status bar and the CLI read these words from the same records.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

import torch

from kvviz.core.recompute_check import describe
from kvviz.core.record import StepRecord
from kvviz.i18n import translate

#: Rounding leaves two ways of computing the same numbers (the whole sequence in one matrix product,
#: or one row at a time against a cache: different blocking, so the sums run in another order) apart
#: by a few units of the dtype's epsilon, relative to the size of the numbers summed, for the square
#: root of each sum's length (the MLP's d_ff, the keys a query reads: random-order rounding adds up
#: like a random walk), for every layer the residual stream passes through. So the bound is
#: ``ROUNDING_EPS_PER_LAYER_AND_ROOT_TERM · ε · layers · (√d_ff + √keys) · max(1, magnitude)``, the
#: magnitude being the largest |logit| (for logits) or |score| (for rows) the step compared; under 1
#: the norms' unit-sized activations set the size of the rounding, not the output. d_ff is the real
#: model's own (Llama's 11,008, not 4·d_model). The constant is four times the worst measured:
#: float32 logits of the five tiny random Hugging Face architectures reach 0.95 of one unit, rows 0.43,
#: the shipped tiny model 0.07 and 0.04 (40–60 steps each; float16 and bfloat16 mostly bit-equal);
#: a wrong position or a stale key moves them by a sizeable fraction of the magnitude itself,
#: thousands of units (tests/core/test_agreement.py, tests/hf/test_agreement.py).
ROUNDING_EPS_PER_LAYER_AND_ROOT_TERM = 4


class Agreement(StrEnum):
    EQUAL = "equal"  # bit for bit
    WITHIN_ROUNDING = "equal within rounding"  # nonzero, but no more than rounding in the model's dtype
    DIFFERENT = "different"  # more than rounding explains, or a quantized cache


def rounding_tolerance(record: StepRecord, magnitude: float | None = None) -> float:
    """The largest |Δ| between two computations of the step that rounding in the model's dtype explains,
    for numbers as large as ``magnitude`` (None: unit-sized)."""
    c = record.config
    d_ff = record.own_shape["d_ff"] if record.own_shape is not None else c.d_ff
    keys = len(record.policy.resident(record.n_tokens))
    units = ROUNDING_EPS_PER_LAYER_AND_ROOT_TERM * c.n_layers * (math.sqrt(d_ff) + math.sqrt(keys))
    return units * torch.finfo(c.torch_dtype).eps * max(1.0, magnitude or 0.0)


def compare(difference: float, record: StepRecord, magnitude: float | None = None) -> Agreement:
    """What a measured largest |Δ| between the two computations of ``record``'s step means, for numbers
    as large as ``magnitude``."""
    if difference == 0:
        return Agreement.EQUAL
    if record.cache_dtype == "model" and difference <= rounding_tolerance(record, magnitude):
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
        logits = compare(record.max_abs_logit_diff, record, record.logit_scale)
    if record.recompute_max_abs_diff is not None:
        rows = compare(record.recompute_max_abs_diff, record, record.row_scale)
    return StepAgreement(logits, rows, record.first_divergence_step)


def agreement_text(record: StepRecord) -> str:
    """One line: the tokens, the logits and the recomputed rows, each worded by what was measured."""
    found = step_agreement(record)
    if record.uncached is None:
        return translate(
            "agreement",
            "uncached pass not computed ({reason}): nothing recomputed, so cached logits and rows are not checked "
            "against it",
        ).format(reason=record.uncached_off)
    if record.cache_dtype != "model":
        title = translate("agreement", "{dtype} cache vs full precision").format(dtype=record.cache_dtype)
    else:
        title = translate("agreement", "cached vs uncached")
    if found.first_divergence_step is None:
        tokens = translate("agreement", "same tokens so far")
    else:
        tokens = translate("agreement", "tokens first differed at step {step}").format(step=found.first_divergence_step)
    checks = [(translate("agreement", "logits"), found.logits, record.max_abs_logit_diff)]
    if found.rows is not None:
        rows = translate("agreement", "recomputed rows {rows}").format(rows=describe(record.recompute_rows_checked))
        checks.append((rows.rstrip(), found.rows, record.recompute_max_abs_diff))  # only those compared
    if len(checks) == 2 and checks[0][1] is checks[1][1]:  # one verdict for both: said once
        (_, verdict, logits), (rows, _, row_diff) = checks
        both = translate("agreement", "logits and {rows}").format(rows=rows)
        checks = [(both, verdict, None if verdict is Agreement.EQUAL else (logits, row_diff))]
    worded = [_worded(what, verdict, found_diff, record.config.dtype) for what, verdict, found_diff in checks]
    return translate("agreement", "{title}: {tokens}; {checks}").format(
        title=title, tokens=tokens, checks=translate("agreement", "; ").join(worded)
    )


def _worded(what: str, agreement: Agreement, differences: float | tuple[float, float] | None, dtype: str) -> str:
    """``what`` and its verdict, with the largest |Δ| measured (one number, or a pair for a pair)."""
    if agreement is Agreement.EQUAL:
        return translate("agreement", "{what} equal").format(what=what)
    if isinstance(differences, tuple):
        sizes = translate("agreement", "{first} and {second}").format(
            first=f"{differences[0]:.2g}", second=f"{differences[1]:.2g}"
        )
    else:
        sizes = f"{differences:.2g}"
    if agreement is Agreement.WITHIN_ROUNDING:
        return translate("agreement", "{what} equal within {dtype} rounding (max |Δ| {sizes})").format(
            what=what, dtype=dtype, sizes=sizes
        )
    return translate("agreement", "{what} differ (max |Δ| {sizes})").format(what=what, sizes=sizes)
