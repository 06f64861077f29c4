"""Quality against memory: held-out bits per byte beside the cache bytes per token, per model and cache setting.

This is the trade-off KV-cache papers report (fewer K/V heads, fewer bits, fewer kept
tokens: how much worse does the model predict?), measured on the tiny models. Nothing is
stored: every row is computed from the weights and the text when asked.

Every byte is scored as a *decode* step of the app scores it: the query attends to keys and
values as the cache returns them, quantized and dequantized by the same functions
(:mod:`kvviz.core.quant`), and masked by the same policy (:mod:`kvviz.core.policy`). The
whole window runs in one pass, which computes exactly what token-by-token decoding
computes (a test holds the two together), a few hundred times faster.
"""

from __future__ import annotations

import math
import random
import re
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field

import torch
import torch.nn.functional as F

from kvviz.core import quant
from kvviz.core.cache import KVCache
from kvviz.core.checkpoint import build_model
from kvviz.core.config import ConfigError, ModelConfig
from kvviz.core.model import TinyDecoder
from kvviz.core.policy import CachePolicy
from kvviz.core.variants import Variant, default_variant, shipped
from kvviz.i18n import QT_TRANSLATE_NOOP, translate

#: The words of a setting's name: English in :attr:`CacheSetting.name` (and so in JSON), said in the
#: user's language by :func:`cache_label` where a table or a chart shows them.
FULL = QT_TRANSLATE_NOOP("evaluation", "full")
WINDOW = QT_TRANSLATE_NOOP("evaluation", "window {window}")
SINKS = QT_TRANSLATE_NOOP("evaluation", "sinks {sinks} + window {window}")
_WINDOW_WORDS = re.compile(r"(?:sinks (?P<sinks>\d+) \+ )?window (?P<window>\d+)")

#: The context length ``kvviz eval`` and the app's chart use unless told: the length the family was trained on.
EVAL_CONTEXT = 256
#: Window W of the eviction rows, and the sinks S that the sinks row keeps out of the same budget.
EVAL_WINDOW = 64
EVAL_SINKS = 4


@dataclass(frozen=True)
class CacheSetting:
    """A cache policy and storage type, named as tables show it ("int8", "window 64", "sinks 4 + window 60")."""

    name: str
    policy: CachePolicy = field(default_factory=CachePolicy)
    cache_dtype: str = "model"


def cache_settings(window: int = EVAL_WINDOW, sinks: int = EVAL_SINKS) -> tuple[CacheSetting, ...]:
    """Full, the three quantized caches, a sliding window of W, and S sinks + a window of W − S (same slots)."""
    if sinks >= window:
        rule = translate("evaluation", "must be fewer than the window ({window}) they share, got {value}")
        raise ConfigError("sinks", rule.format(window=window, value=sinks))
    return (
        CacheSetting(FULL),
        *(CacheSetting(dtype, cache_dtype=dtype) for dtype in ("int8", "int4", "fp8")),
        CacheSetting(WINDOW.format(window=window), CachePolicy("window", window)),
        CacheSetting(SINKS.format(sinks=sinks, window=window - sinks), CachePolicy("sink", window - sinks, sinks)),
    )


def setting_of(policy: CachePolicy, cache_dtype: str) -> CacheSetting:
    """The setting a run uses, named as :func:`cache_settings` names it."""
    parts = {"full": [], "window": [WINDOW.format(window=policy.window)]}.get(policy.kind)
    if parts is None:
        parts = [SINKS.format(sinks=policy.sinks, window=policy.window)]
    if cache_dtype != "model":
        parts.append(cache_dtype)
    return CacheSetting(" ".join(parts) or FULL, policy, cache_dtype)


def cache_label(name: str) -> str:
    """A setting's name (as :func:`cache_settings` and :func:`setting_of` word it) in the active language.

    Rows keep the English name, which JSON lines and the chart's bookkeeping compare; tables and
    the chart's points show this. Storage types (int8, fp8) stay as they are.
    """
    if name == FULL:
        return translate("evaluation", FULL)

    def say(words: re.Match[str]) -> str:
        if words["sinks"] is None:
            return translate("evaluation", WINDOW).format(window=words["window"])
        return translate("evaluation", SINKS).format(sinks=words["sinks"], window=words["window"])

    return _WINDOW_WORDS.sub(say, name)


@dataclass(frozen=True)
class EvalRow:
    """One model under one cache setting; ``bytes_per_token`` is the cache at ``context`` tokens ÷ ``context``."""

    model: str
    n_layers: int
    n_heads: int
    n_kv_heads: int
    d_model: int
    dtype: str
    cache: str
    context: int
    bytes_per_token: float
    cache_bytes: int
    bits_per_byte: float
    bytes_scored: int
    seed: int

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


class _AsCached:
    """Stands in for the cache in a whole-window pass: K/V come back as a decode step reads them.

    A decode step writes its token's K/V into the cache and attends over what the cache
    returns (dequantized); the policy masks the keys it evicted. Per-token scales make
    quantizing all positions at once the same as one at a time.
    """

    def __init__(self, setting: CacheSetting) -> None:
        self.policy = setting.policy
        self.cache_dtype = setting.cache_dtype

    def key_positions(self, start: int, n_new: int) -> torch.Tensor:
        return torch.arange(start, start + n_new)

    def write(self, layer: int, start: int, k: torch.Tensor, v: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        if self.cache_dtype == "model":
            return k, v
        return self._round_trip(k), self._round_trip(v)

    def _round_trip(self, x: torch.Tensor) -> torch.Tensor:
        data, scale = quant.quantize(x, self.cache_dtype)
        return quant.dequantize(data, scale, self.cache_dtype, x.dtype)

    def commit(self, start: int, n_new: int) -> None:
        """Nothing to record: the pass keeps no state."""


def bits_per_byte(
    model: TinyDecoder,
    data: bytes,
    context: int | None = None,
    chunk: int = 16,
    setting: CacheSetting | None = None,
    sample: int = 0,
    seed: int = 0,
) -> float:
    """Mean next-byte cross-entropy in bits over ``data``: each byte after the first predicted once.

    The text is cut into consecutive windows of ``context`` bytes (default: the model's);
    the first byte of a window sees only the window, as it would at the start of a prompt.
    With ``setting`` the keys and values are those its cache would return. ``sample`` > 0
    scores that many whole windows, picked with ``seed`` (the tail is then left out).
    """
    context = context or model.config.context_length
    if len(data) < 2:
        raise ValueError("need at least two bytes to predict one")
    ids = torch.frombuffer(bytearray(data), dtype=torch.uint8).long()
    n_full = (len(ids) - 1) // context
    windows = ids[: n_full * context + 1].unfold(0, context + 1, context)  # (n_full, context+1)
    tail = ids[n_full * context :]
    if sample:
        picked = sorted(random.Random(seed).sample(range(n_full), min(sample, n_full)))
        windows, tail = windows[picked], tail[:0]
    cache = _AsCached(setting) if setting is not None else None
    total_nats, scored = 0.0, 0
    with torch.inference_mode():
        for batch in windows.split(chunk):
            total_nats += _sum_nats(model, batch, cache)
            scored += batch.numel() - batch.shape[0]
        if len(tail) > 1:
            total_nats += _sum_nats(model, tail[None], cache)
            scored += len(tail) - 1
    return total_nats / scored / math.log(2)


def _sum_nats(model: TinyDecoder, windows: torch.Tensor, cache: _AsCached | None) -> float:
    """Summed cross-entropy (natural log) of predicting ``windows[:, 1:]`` from ``windows[:, :-1]``."""
    logits = model(windows[:, :-1], cache=cache, all_logits=True).logits.float()  # (B, T, vocab)
    return float(F.cross_entropy(logits.reshape(-1, logits.shape[-1]), windows[:, 1:].reshape(-1), reduction="sum"))


def cache_bytes(config: ModelConfig, setting: CacheSetting, context: int) -> int:
    """Bytes of one sequence's cache at ``context`` tokens, read off the storage of the cache the app allocates."""
    cache = KVCache(config.replace(batch_size=1, context_length=context), setting.policy, setting.cache_dtype)
    return cache.bytes_allocated()


def check_context(context: int, text: bytes, name: str = "context") -> None:
    """Refuse a context the text cannot fill once (one window of ``context`` + 1 bytes)."""
    if isinstance(context, bool) or not isinstance(context, int) or context < 1:
        raise ConfigError(
            name, translate("evaluation", "must be a positive integer, got {value}").format(value=repr(context))
        )
    if context >= len(text):
        rule = translate("evaluation", "{context} is longer than the held-out text can fill ({bytes} bytes)")
        raise ConfigError(name, rule.format(context=f"{context:,}", bytes=f"{len(text) - 1:,}"))


def evaluate(
    model: TinyDecoder,
    name: str,
    text: bytes,
    setting: CacheSetting,
    context: int = EVAL_CONTEXT,
    sample: int = 0,
    seed: int = 0,
) -> EvalRow:
    """One row: ``model`` scored on ``text`` under ``setting`` at ``context``, beside its cache's bytes."""
    check_context(context, text)
    setting.policy.check_fits(context)
    c = model.config
    used = cache_bytes(c, setting, context)
    n_full = (len(text) - 1) // context
    scored = min(sample, n_full) * context if sample else len(text) - 1
    return EvalRow(
        model=name,
        n_layers=c.n_layers,
        n_heads=c.n_heads,
        n_kv_heads=c.n_kv_heads,
        d_model=c.d_model,
        dtype=c.dtype,
        cache=setting.name,
        context=context,
        bytes_per_token=used / context,
        cache_bytes=used,
        bits_per_byte=bits_per_byte(model, text, context, setting=setting, sample=sample, seed=seed),
        bytes_scored=scored,
        seed=seed,
    )


def load_variant(variant: Variant, context: int, dtype: str = "float32") -> TinyDecoder:
    return build_model(variant.config.replace(context_length=context, dtype=dtype), variant.path)


def family_jobs(
    settings: Sequence[CacheSetting], variants: Sequence[Variant] | None = None
) -> list[tuple[Variant, CacheSetting]]:
    """What ``kvviz eval`` scores: every variant with the full cache, then the default variant under ``settings``."""
    variants = shipped() if variants is None else variants
    full = [(v, settings[0]) for v in variants]
    return full + [(default_variant(), s) for s in settings[1:]]


def evaluate_family(
    text: bytes,
    context: int = EVAL_CONTEXT,
    settings: Sequence[CacheSetting] | None = None,
    sample: int = 0,
    seed: int = 0,
    dtype: str = "float32",
) -> Iterator[EvalRow]:
    """The rows of :func:`family_jobs`, one at a time (a caller can show each as it comes)."""
    check_context(context, text)
    settings = cache_settings() if settings is None else settings
    models: dict[str, TinyDecoder] = {}
    for variant, setting in family_jobs(settings):
        if variant.name not in models:
            models[variant.name] = load_variant(variant, context, dtype)
        yield evaluate(models[variant.name], variant.name, text, setting, context, sample, seed)
