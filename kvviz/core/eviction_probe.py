"""What eviction removes, and what it does not: a measurement on a run's own tokens.

A sliding window (or sinks + window) evicts a token's K and V from every layer's cache,
so no later query attends to that token again. That does not make the model forget it.
Tokens that attended to it while it was still in the window carry what they read in
their hidden states, and from the second layer on their own K and V pass it further. The
probe alters every evicted token of a step (each becomes another byte), runs the model
again over the altered sequence under the same mask, and reports how far the step's last
logits move: exactly 0 with one layer, where nothing computed from an evicted token
survives, and more than 0 with two or more.

It costs two uncached forward passes over the step's tokens (about 0.1 s at 256 tokens of
the default model, seconds at thousands: ``benchmarks/eviction_probe.py``), so an app runs it
on demand, off its GUI thread.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch

from kvviz.core.model import TinyDecoder
from kvviz.core.record import KVSource, Mode, StepRecord
from kvviz.i18n import translate


@dataclass(frozen=True)
class EvictionProbe:
    """The change in a step's last logits when the tokens evicted by then are altered."""

    step: int
    n_tokens: int
    n_evicted: int  # positions whose K and V the cache no longer holds, in every layer
    n_layers: int
    max_abs_logit_change: float  # max |Δ| over the vocabulary, batch element 0
    next_token: int  # the token the unaltered pass chose (greedy): the record's own, as a check


def evicted_positions(record: StepRecord) -> np.ndarray:
    """Positions evicted from the cache at ``record``'s step (ascending)."""
    return np.flatnonzero(record.kv_source(Mode.CACHED) == KVSource.EVICTED)


@torch.inference_mode()
def probe_eviction(model: TinyDecoder, record: StepRecord) -> EvictionProbe | None:
    """Alter the tokens evicted at ``record``'s step and measure the change in its last logits.

    ``model`` must be the run's own model. None when the step has evicted nothing (a full
    cache, or a sequence still inside the window).
    """
    evicted = evicted_positions(record)
    if not evicted.size:
        return None
    vocab = record.config.vocab_size
    ids = torch.as_tensor(np.array(record.tokens), dtype=torch.long)[None]  # (1, n)
    altered = ids.clone()
    altered[0, evicted] = (ids[0, evicted] + vocab // 2) % vocab  # a different byte at each evicted position
    before = model(ids, 0, None, policy=record.policy).logits  # (1, vocab)
    after = model(altered, 0, None, policy=record.policy).logits
    return EvictionProbe(
        step=record.step,
        n_tokens=record.n_tokens,
        n_evicted=int(evicted.size),
        n_layers=record.config.n_layers,
        max_abs_logit_change=float((after.float() - before.float()).abs().max()),
        next_token=int(before[0].argmax()),
    )


def probe_text(probe: EvictionProbe | None) -> str:
    """The probe's finding in two sentences, in the active language; what to do when there was nothing to probe."""
    if probe is None:
        return translate(
            "eviction_probe",
            "Nothing is evicted at the step shown: choose a sliding window or sinks + window and step on "
            "until the sequence is longer than the window, then measure again.",
        )
    if probe.n_evicted == 1:
        found = translate("eviction_probe", "At step {step}, {evicted} of {tokens} tokens is evicted.")
    else:
        found = translate("eviction_probe", "At step {step}, {evicted} of {tokens} tokens are evicted.")
    found = found.format(step=probe.step, evicted=probe.n_evicted, tokens=probe.n_tokens)
    if probe.max_abs_logit_change != 0:
        effect = translate(
            "eviction_probe",
            "Altering all of them changes the last logits by up to {change}: their K and V are gone, "
            "but they still reach the output through the tokens that attended to them before they left.",
        ).format(change=f"{probe.max_abs_logit_change:.2g}")
    elif probe.n_layers == 1:
        effect = translate(
            "eviction_probe",
            "Altering all of them leaves the last logits exactly as they were "
            "(one layer: nothing computed from them is left).",
        )
    else:
        effect = translate(
            "eviction_probe",
            "Altering all of them leaves the last logits exactly as they were (nothing of them reaches it).",
        )
    # two sentences, joined as the language joins them (Chinese puts no space after 。)
    return translate("eviction_probe", "{found} {effect}").format(found=found, effect=effect)
