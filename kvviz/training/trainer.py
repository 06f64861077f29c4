"""Training the tiny decoder on bytes: next-byte prediction with AdamW and a cosine schedule.

Small on purpose: a few minutes on two CPU cores turn static into a model that writes
plausible English and whose heads show the patterns a lecture wants to point at. Every random
choice (initial weights, which windows form a batch) comes from one seed, so a run is
reproducible on the same machine, Python (the corpus) and torch.

Losses are reported in bits per byte: a byte-level model's cross-entropy in base 2, comparable
across models and with the unigram baseline (byte frequencies alone) that any model must beat.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass

import torch
import torch.nn.functional as F

from kvviz.core.checkpoint import STORAGE_DTYPE
from kvviz.core.config import ConfigError, ModelConfig, memory_bytes
from kvviz.core.evaluation import bits_per_byte
from kvviz.core.model import TinyDecoder
from kvviz.i18n import translate
from kvviz.training.corpus import Corpus
from kvviz.units import format_bytes

INIT_STD = 0.02  # GPT-2's: small logits at the start, so the first loss is the uniform 8 bits


@dataclass(frozen=True)
class TrainingPlan:
    """How long and how hard to train; ``batch`` windows of ``context_length`` bytes per step."""

    steps: int = 1000
    batch: int = 16
    learning_rate: float = 3e-3
    final_lr_fraction: float = 0.1
    warmup_steps: int = 50
    weight_decay: float = 0.1
    grad_clip: float = 1.0
    seed: int = 0
    eval_every: int = 250

    def __post_init__(self) -> None:
        for name in ("steps", "batch", "eval_every"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ConfigError(
                    name, translate("training", "must be a positive integer, got {value}").format(value=repr(value))
                )
        if isinstance(self.seed, bool) or not isinstance(self.seed, int) or self.seed < 0:
            rule = translate("training", "must be a non-negative integer, got {value}")
            raise ConfigError("seed", rule.format(value=repr(self.seed)))
        if not self.learning_rate > 0:
            rule = translate("training", "must be positive, got {value}")
            raise ConfigError("learning_rate", rule.format(value=self.learning_rate))

    def learning_rate_at(self, step: int) -> float:
        """Linear warm-up, then cosine decay to ``final_lr_fraction`` of the peak; ``step`` counts from 1."""
        if step <= self.warmup_steps:
            return self.learning_rate * step / self.warmup_steps
        progress = (step - self.warmup_steps) / max(1, self.steps - self.warmup_steps)
        floor = self.final_lr_fraction
        return self.learning_rate * (floor + (1 - floor) * 0.5 * (1 + math.cos(math.pi * progress)))


@dataclass(frozen=True)
class Progress:
    """One report during training; ``heldout_bits_per_byte`` only on evaluation steps."""

    step: int
    steps: int
    bits_per_byte: float  # this step's training batch
    tokens_per_s: float
    elapsed_s: float
    heldout_bits_per_byte: float | None = None

    @property
    def eta_s(self) -> float:
        return self.elapsed_s / self.step * (self.steps - self.step)


@dataclass(frozen=True)
class TrainingResult:
    """The trained model (weights already rounded to the storage dtype) and how well it does."""

    model: TinyDecoder
    plan: TrainingPlan
    train_bits_per_byte: float
    heldout_bits_per_byte: float
    unigram_bits_per_byte: float
    tokens_seen: int
    wall_time_s: float


def init_for_training(model: TinyDecoder, seed: int) -> None:
    """Re-initialise for training: GPT-2's scheme, residual outputs scaled down by depth.

    The decoder's own init is tuned to make *random* attention look structured; its large
    tied embedding gives huge first logits, which training does not want.
    """
    gen = torch.Generator().manual_seed(seed)
    residual_std = INIT_STD / math.sqrt(2 * model.config.n_layers)
    with torch.no_grad():
        for name, p in model.named_parameters():
            if name.endswith("bias"):
                p.zero_()
            elif p.ndim == 1:  # LayerNorm gains
                p.fill_(1.0)
            elif name.endswith(("attn.proj.weight", "mlp.down.weight")):
                p.normal_(0.0, residual_std, generator=gen)
            else:
                p.normal_(0.0, INIT_STD, generator=gen)


def unigram_bits_per_byte(train: bytes, heldout: bytes) -> float:
    """Bits per byte of a model that knows only byte frequencies in ``train`` (add-one smoothed).

    Scored on the same bytes :func:`bits_per_byte` predicts (all but the first).
    """
    counts = torch.bincount(torch.frombuffer(bytearray(train), dtype=torch.uint8).long(), minlength=256).double()
    log2_p = torch.log2((counts + 1) / (counts.sum() + 256))
    targets = torch.frombuffer(bytearray(heldout[1:]), dtype=torch.uint8).long()
    return float(-log2_p[targets].mean())


def logits_bytes(config: ModelConfig, plan: TrainingPlan) -> int:
    """Bytes of one training step's logits (float32), a floor under what the step allocates."""
    return plan.batch * config.context_length * config.vocab_size * 4


def check_step_fits(config: ModelConfig, plan: TrainingPlan) -> None:
    """Refuse a batch whose logits alone exceed the machine's memory, instead of an allocator traceback."""
    needed, available = logits_bytes(config, plan), memory_bytes()
    if needed > available:
        raise ConfigError(
            "batch",
            translate(
                "training",
                "too large: a training step's logits alone take {needed} (batch × context × {vocab} × 4 bytes), more "
                "than this machine's {available} of memory",
            ).format(needed=format_bytes(needed), vocab=config.vocab_size, available=format_bytes(available)),
        )


def train(
    config: ModelConfig,
    corpus: Corpus,
    plan: TrainingPlan,
    on_progress: Callable[[Progress], None] | None = None,
) -> TrainingResult:
    """Train ``TinyDecoder(config)`` on ``corpus.train``; evaluate on ``corpus.heldout`` as it goes.

    Uses the torch thread count already set (the CLI sets it; results depend on it only
    in the last bits of floating point).
    """
    if config.dtype != "float32":
        rule = translate("training", "training runs in float32 (the checkpoint is stored in half), got {value}")
        raise ConfigError("dtype", rule.format(value=config.dtype))
    context = config.context_length
    if len(corpus.train) <= context + 1:
        rule = translate("training", "must be shorter than the training text ({bytes} bytes)")
        raise ConfigError("context_length", rule.format(bytes=len(corpus.train)))
    check_step_fits(config, plan)
    torch.manual_seed(plan.seed)
    model = TinyDecoder(config)
    init_for_training(model, plan.seed)
    model.train()
    optimizer = torch.optim.AdamW(
        [
            {"params": [p for p in model.parameters() if p.ndim >= 2], "weight_decay": plan.weight_decay},
            {"params": [p for p in model.parameters() if p.ndim < 2], "weight_decay": 0.0},
        ],
        lr=plan.learning_rate,
        betas=(0.9, 0.95),
    )
    batches = torch.Generator().manual_seed(plan.seed)
    data = torch.frombuffer(bytearray(corpus.train), dtype=torch.uint8)
    offsets = torch.arange(context + 1)
    tokens_per_step = plan.batch * context

    started = time.perf_counter()
    for step in range(1, plan.steps + 1):
        step_started = time.perf_counter()
        starts = torch.randint(0, len(data) - context, (plan.batch, 1), generator=batches)
        window = data[starts + offsets].long()  # (B, context+1)
        logits = model(window[:, :-1], all_logits=True).logits  # (B, context, vocab)
        loss = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), window[:, 1:].reshape(-1))
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), plan.grad_clip)
        for group in optimizer.param_groups:
            group["lr"] = plan.learning_rate_at(step)
        optimizer.step()
        step_time = time.perf_counter() - step_started
        if on_progress is not None:
            heldout = None
            if step % plan.eval_every == 0 or step == plan.steps:
                model.eval()
                heldout = bits_per_byte(model, corpus.heldout)
                model.train()
            on_progress(
                Progress(
                    step=step,
                    steps=plan.steps,
                    bits_per_byte=float(loss.detach()) / math.log(2),
                    tokens_per_s=tokens_per_step / step_time,
                    elapsed_s=time.perf_counter() - started,
                    heldout_bits_per_byte=heldout,
                )
            )
    wall_time = time.perf_counter() - started

    model.eval()
    with torch.no_grad():  # report the weights exactly as the checkpoint will hold them
        for p in model.parameters():
            p.copy_(p.to(STORAGE_DTYPE))
    middle = len(corpus.train) // 2 - len(corpus.heldout) // 2
    return TrainingResult(
        model=model,
        plan=plan,
        train_bits_per_byte=bits_per_byte(model, corpus.train[middle : middle + len(corpus.heldout)]),
        heldout_bits_per_byte=bits_per_byte(model, corpus.heldout),
        unigram_bits_per_byte=unigram_bits_per_byte(corpus.train, corpus.heldout),
        tokens_seen=plan.steps * tokens_per_step,
        wall_time_s=wall_time,
    )
