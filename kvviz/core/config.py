"""Model configuration: one frozen dataclass whose every field is checked on construction.

The GUI, the CLI and the tests build configs from untrusted input, so an impossible
combination must fail here with a message that names the field and the rule, not deep
inside torch with a shape error.
"""

from __future__ import annotations

import dataclasses
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import torch

from kvviz.i18n import translate
from kvviz.units import format_bytes

#: Cache/model element types the tiny decoder runs in, by the names users type.
DTYPES: dict[str, torch.dtype] = {
    "float32": torch.float32,
    "float16": torch.float16,
    "bfloat16": torch.bfloat16,
}


class ConfigError(ValueError):
    """An impossible setting. ``field`` names the offending field so a UI can point at it."""

    def __init__(self, field_name: str, rule: str) -> None:
        super().__init__(f"{field_name}: {rule}")
        self.field = field_name
        self.rule = rule


#: Fields that scale what a run allocates, checked against the machine's memory.
SIZE_FIELDS = (
    *("vocab_size", "d_model", "n_layers", "n_heads", "n_kv_heads", "head_dim", "mlp_ratio"),
    *("context_length", "batch_size"),
)
#: torch's sizes are 64-bit; a larger number is refused before any arithmetic on it.
MAX_SIZE = 2**63 - 1
#: torch's generators take an unsigned 64-bit seed.
MAX_SEED = 2**64 - 1
#: Bytes of one token id: the engine keeps the batch's ids for the whole context.
TOKEN_ID_BYTES = 8


def memory_bytes() -> int:
    """This machine's memory (or the container's limit, if lower); 64 GiB where the system does not say."""
    try:
        total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (AttributeError, ValueError, OSError):
        total = 64 * 2**30
    try:
        limit = Path("/sys/fs/cgroup/memory.max").read_text(encoding="ascii").strip()
    except OSError:
        return total
    return min(total, int(limit)) if limit.isdigit() else total


def _positive(name: str, value: Any) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ConfigError(name, translate("config", "must be an integer, got {value}").format(value=repr(value)))
    if value <= 0:
        raise ConfigError(name, translate("config", "must be positive, got {value}").format(value=value))
    if value > MAX_SIZE:
        raise ConfigError(
            name,
            translate("config", "must be below 2**63 (torch's sizes are 64-bit), got a {bits}-bit number").format(
                bits=value.bit_length()
            ),
        )


@dataclass(frozen=True)
class ModelConfig:
    """Shape of the tiny decoder and of the batch it runs.

    ``head_dim`` defaults to ``d_model // n_heads``; giving it explicitly decouples the
    attention width from the residual width, as real models (Gemma, Llama-3-405B) do.
    ``n_kv_heads`` selects the attention variant in one code path:
    ``n_kv_heads == n_heads`` is MHA, ``1`` is MQA, anything in between is GQA.
    """

    vocab_size: int = 256
    d_model: int = 64
    n_layers: int = 2
    n_heads: int = 4
    n_kv_heads: int = 4
    head_dim: int | None = None
    context_length: int = 256
    dtype: str = "float32"
    batch_size: int = 1
    seed: int = 0
    mlp_ratio: int = 4
    _head_dim: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        for name in (
            "vocab_size",
            "d_model",
            "n_layers",
            "n_heads",
            "n_kv_heads",
            "context_length",
            "batch_size",
            "mlp_ratio",
        ):
            _positive(name, getattr(self, name))
        if self.vocab_size < 256:
            rule = translate("config", "must be at least 256 for the byte tokenizer, got {value}")
            raise ConfigError("vocab_size", rule.format(value=self.vocab_size))
        if self.head_dim is None:
            if self.d_model % self.n_heads:
                raise ConfigError(
                    "n_heads",
                    translate(
                        "config", "must divide d_model ({d_model}) when head_dim is not given, got {value}"
                    ).format(d_model=self.d_model, value=self.n_heads),
                )
            head_dim = self.d_model // self.n_heads
        else:
            _positive("head_dim", self.head_dim)
            head_dim = self.head_dim
        if head_dim % 2:
            rule = translate("config", "must be even for rotary position embeddings, got {value}")
            raise ConfigError("head_dim", rule.format(value=head_dim))
        if self.n_kv_heads > self.n_heads or self.n_heads % self.n_kv_heads:
            raise ConfigError(
                "n_kv_heads",
                translate(
                    "config", "must divide n_heads ({n_heads}) so query heads share K/V heads evenly, got {value}"
                ).format(n_heads=self.n_heads, value=self.n_kv_heads),
            )
        if self.dtype not in DTYPES:
            rule = translate("config", "must be one of {choices}, got {value}")
            raise ConfigError("dtype", rule.format(choices=", ".join(DTYPES), value=repr(self.dtype)))
        if isinstance(self.seed, bool) or not isinstance(self.seed, int) or self.seed < 0:
            rule = translate("config", "must be a non-negative integer, got {value}")
            raise ConfigError("seed", rule.format(value=repr(self.seed)))
        if self.seed > MAX_SEED:
            raise ConfigError(
                "seed",
                translate("config", "must be below 2**64 (torch's seeds are 64-bit), got a {bits}-bit number").format(
                    bits=self.seed.bit_length()
                ),
            )
        object.__setattr__(self, "_head_dim", head_dim)
        self._check_fits_in_memory()

    def _check_fits_in_memory(self) -> None:
        """Refuse, before torch is asked, a model whose weights and full cache cannot be allocated.

        Otherwise a typo such as a context of 10¹¹ ends in an out-of-memory traceback (or the
        system's OOM killer) instead of a line naming the setting. The error names the setting
        furthest above its default, the likeliest culprit.
        """
        weights, per_position = self.weight_bytes(), self.bytes_per_position()
        needed, available = weights + per_position * self.context_length, memory_bytes()
        if needed <= available:
            return
        raise ConfigError(
            self._furthest_above_default(),
            translate(
                "config",
                "too large: a run needs {needed} up front (weights {weights}, K/V cache and token ids for "
                "{positions} positions {cache}), more than this machine's {available} of memory",
            ).format(
                needed=format_bytes(needed),
                weights=format_bytes(weights),
                positions=f"{self.context_length:,}",
                cache=format_bytes(per_position * self.context_length),
                available=format_bytes(available),
            ),
        )

    def _furthest_above_default(self) -> str:
        """The size setting with the largest ratio to its default (head_dim only if set, not derived)."""
        default = {f.name: f.default for f in dataclasses.fields(ModelConfig) if f.name in SIZE_FIELDS}
        default["head_dim"] = default["d_model"] // default["n_heads"]
        given = [name for name in SIZE_FIELDS if getattr(self, name) is not None]
        return max(given, key=lambda name: getattr(self, name) / default[name])

    @property
    def dim_head(self) -> int:
        """Width of one attention head (given, or d_model / n_heads)."""
        return self._head_dim

    @property
    def torch_dtype(self) -> torch.dtype:
        return DTYPES[self.dtype]

    @property
    def bytes_per_element(self) -> int:
        return torch.empty((), dtype=self.torch_dtype).element_size()

    @property
    def group_size(self) -> int:
        """Query heads served by one K/V head."""
        return self.n_heads // self.n_kv_heads

    @property
    def attention_kind(self) -> str:
        if self.n_kv_heads == self.n_heads:
            return "MHA"
        return "MQA" if self.n_kv_heads == 1 else "GQA"

    @property
    def d_ff(self) -> int:
        return self.mlp_ratio * self.d_model

    def n_parameters(self) -> int:
        """Parameters of ``TinyDecoder(self)`` in closed form (a test holds it to the built model's)."""
        d, hd = self.d_model, self.dim_head
        per_layer = 4 * d + (self.n_heads + 2 * self.n_kv_heads) * hd * d + self.n_heads * hd * d + 2 * d * self.d_ff
        return self.vocab_size * d + self.n_layers * per_layer + 2 * d

    def weight_bytes(self) -> int:
        """Bytes of the weights in ``dtype``."""
        return self.n_parameters() * self.bytes_per_element

    def bytes_per_position(self) -> int:
        """Bytes allocated per position of the context.

        K and V in ``dtype``, the batch's token ids, and the cache's record of which position each slot holds.
        """
        return self.kv_bytes_per_token() + TOKEN_ID_BYTES * (self.batch_size + 1)

    def kv_bytes_per_token(self) -> int:
        """Cache bytes one token adds for the whole batch: 2 (K and V) · B · L · kv_heads · head_dim · bytes."""
        return 2 * self.batch_size * self.n_layers * self.n_kv_heads * self.dim_head * self.bytes_per_element

    def replace(self, **changes: Any) -> ModelConfig:
        """A validated copy with some fields changed."""
        return dataclasses.replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self) if f.init}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ModelConfig:
        known = {f.name for f in dataclasses.fields(cls) if f.init}
        unknown = sorted(set(data) - known)
        if unknown:
            rule = translate("config", "is not a model setting (known: {known})")
            raise ConfigError(unknown[0], rule.format(known=", ".join(sorted(known))))
        return cls(**data)

    @classmethod
    def from_json(cls, path: str | Path) -> ModelConfig:
        """Read a config saved by :meth:`to_dict`: plain JSON, never code."""
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ConfigError(
                "config", translate("config", "cannot read {path}: {reason}").format(path=path, reason=exc)
            ) from exc
        if not isinstance(data, dict):
            raise ConfigError("config", translate("config", "{path} must hold a JSON object").format(path=path))
        return cls.from_dict(data)


def check_prompt_fits(config: ModelConfig, n_prompt_tokens: int) -> None:
    """A prompt must have at least one token and leave room in the context."""
    if n_prompt_tokens == 0:
        raise ConfigError("prompt", translate("config", "must contain at least one token"))
    if n_prompt_tokens > config.context_length:
        raise ConfigError(
            "prompt",
            translate("config", "has {tokens} tokens, longer than context_length ({context})").format(
                tokens=n_prompt_tokens, context=config.context_length
            ),
        )
