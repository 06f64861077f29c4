"""Whether a run also runs the uncached reference, and the words that say why not.

The uncached pass runs the whole sequence again at every step: that is the lesson, and it is
what the cached pass is checked against. Its cost grows with the model and with n, so for a
real model it stops being something one waits for: a GPT-2-124M-shaped model needs 213
GFLOP for one pass over 1,024 tokens, 12.6 s a step on this project's 2-core test machine
(``benchmarks/real_model.py``). ``auto`` runs it when one pass over the run's longest
sequence costs at most :data:`UNCACHED_BUDGET_FLOPS`; the user may say ``on`` or ``off``.
When it does not run, the records say so (``StepRecord.uncached_off``) and nothing that it
would have measured is shown as if it had been.
"""

from __future__ import annotations

from dataclasses import dataclass

from kvviz.core.config import ConfigError
from kvviz.i18n import translate
from kvviz.units import format_flops

#: The user's choice: run the reference when it is affordable, always, or never.
UNCACHED_CHOICES = ("auto", "on", "off")
#: The most one uncached pass may cost for ``auto`` to run it: a few seconds a step on a laptop's
#: CPU (GPT-2-124M's shape ran at about 20 GFLOP/s on the test machine). GPT-2-124M at 256 tokens
#: (46 GFLOP) runs it, at 1,024 tokens (213 GFLOP) it is off; the default tiny model needs 0.5 GFLOP
#: at its 256 tokens, and only the panel's largest shapes (8 layers × d_model 512 at 1,024 tokens:
#: 69 GFLOP) pass the budget.
UNCACHED_BUDGET_FLOPS = 50 * 10**9


@dataclass(frozen=True)
class ReferenceChoice:
    """Whether the uncached pass runs; ``reason`` says why not ("" when it runs)."""

    runs: bool
    reason: str = ""


def choose_reference(choice: str, pass_flops: int, n_tokens: int) -> ReferenceChoice:
    """Apply ``choice`` (auto / on / off) to a run whose longest uncached pass costs ``pass_flops`` at ``n_tokens``."""
    if choice not in UNCACHED_CHOICES:
        rule = translate("reference", "must be one of {choices}, got {value}")
        raise ConfigError("uncached", rule.format(choices=", ".join(UNCACHED_CHOICES), value=repr(choice)))
    if choice == "on":
        return ReferenceChoice(True)
    if choice == "off":
        return ReferenceChoice(False, translate("reference", "switched off by the user"))
    if pass_flops <= UNCACHED_BUDGET_FLOPS:
        return ReferenceChoice(True)
    return ReferenceChoice(
        False,
        translate(
            "reference",
            "switched off for this model: one pass over {tokens} tokens costs {flops}, over the {budget} a step "
            "may take (turn it on to run it anyway)",
        ).format(tokens=f"{n_tokens:,}", flops=format_flops(pass_flops), budget=format_flops(UNCACHED_BUDGET_FLOPS)),
    )
