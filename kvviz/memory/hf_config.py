"""Reading a Hugging Face ``config.json`` into a :class:`ModelSpec`: plain JSON, never code, any file.

A user's file is hostile until read: it is bounded in size, parsed with a guard against deep
nesting and endless integers, and every count goes through :func:`check_count`. Fields the
cache does not need (the MLP width, the vocabulary) are filled in when absent, with the
assumption said in :attr:`ModelSpec.assumed`, as transformers fills them from its defaults.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from kvviz.i18n import translate
from kvviz.memory.spec import LayerSet, ModelSpec, SpecError, check_count

#: A config.json is a few kilobytes; larger files are refused before they are read.
MAX_FILE_BYTES = 4 * 2**20
#: Integers in a config.json are ids and sizes; a longer run of digits is refused while parsing.
MAX_INT_DIGITS = 40

_FIELD_NAMES = {
    "layers": ("num_hidden_layers", "n_layer", "num_layers"),
    "heads": ("num_attention_heads", "n_head"),
    "hidden": ("hidden_size", "n_embd", "d_model"),
}
#: The vocabulary transformers' config classes assume when a config.json names none.
_DEFAULT_VOCAB = {"llama": 32000, "mistral": 32000, "falcon": 65024, "gpt2": 50257}
_FALLBACK_VOCAB = 32000
#: The torch_dtype values kvviz sizes weights in (a config names a storage type, never a quantization).
_TORCH_DTYPES = ("float32", "float16", "bfloat16")


def _field(data: Mapping[str, Any], names: Sequence[str]) -> Any:
    for name in names:
        if data.get(name) is not None:
            return data[name]
    return None


def _optional(where: str, name: str, value: Any, minimum: int = 0) -> int | None:
    """An optional count: None stays None, anything else must be an integer ≥ ``minimum``."""
    return None if value is None else check_count(where, name, value, minimum)


def _sliding(data: Mapping[str, Any], model_type: str, n_layers: int) -> LayerSet:
    """Which layers use the sliding window, by the rules of the Hugging Face implementations."""
    types = data.get("layer_types")
    if isinstance(types, list):
        listed = tuple(i for i, kind in enumerate(types) if kind == "sliding_attention")
        return LayerSet("listed", listed=listed) if listed else LayerSet()
    if data.get("sliding_window") is None or data.get("use_sliding_window") is False:
        return LayerSet()
    if model_type == "gemma2":
        return LayerSet("periodic", period=2)  # Gemma2DecoderLayer.is_sliding = not layer_idx % 2
    pattern = data.get("sliding_window_pattern")
    if isinstance(pattern, int) and not isinstance(pattern, bool) and pattern > 0:
        return LayerSet("periodic", period=check_count("config", "sliding_window_pattern", pattern))
    if model_type.startswith("qwen2"):
        first = data.get("max_window_layers", 0)
        if isinstance(first, int) and not isinstance(first, bool) and 0 <= first < n_layers:
            return LayerSet("from", start=first)
        return LayerSet()
    return LayerSet("all")


def _kv_heads(data: Mapping[str, Any], model_type: str, heads: int) -> Any:
    """K/V heads by the rules of each family: GQA's field, Falcon's three, GPT-BigCode's multi_query."""
    if data.get("num_key_value_heads") is not None:
        return data["num_key_value_heads"]
    if model_type == "falcon" or "new_decoder_architecture" in data or "num_kv_heads" in data:
        # HF FalconAttention: num_kv_heads if new_decoder_architecture, else 1 if multi_query, else heads
        if data.get("new_decoder_architecture"):
            return data.get("num_kv_heads") if data.get("num_kv_heads") is not None else heads
        return 1 if data.get("multi_query", True) else heads
    return 1 if data.get("multi_query") else heads


def _torch_dtype(data: Mapping[str, Any], where: str) -> str | None:
    """The config's ``torch_dtype`` (``dtype`` in newer transformers); one kvviz cannot size is refused."""
    value = data.get("torch_dtype", data.get("dtype"))
    if value is None or value == "auto":
        return None
    if value not in _TORCH_DTYPES:
        message = translate(
            "memory.hf_config", "{where}: torch_dtype must be one of float32, float16, bfloat16, got {value}"
        )
        raise SpecError(message.format(where=where, value=repr(value)))
    return value


def spec_from_hf_config(data: Mapping[str, Any], *, id: str, name: str, source: str, note: str) -> ModelSpec:
    """Read the cache-deciding fields of a Hugging Face ``config.json`` (already parsed, plain JSON).

    Multimodal wrappers that nest the decoder under ``text_config`` are unwrapped. Only the
    layer count and the head count are required (they decide the cache); a SpecError names
    what is missing or wrong in one line.
    """
    if _field(data, _FIELD_NAMES["layers"]) is None and isinstance(data.get("text_config"), dict):
        data = data["text_config"]
    model_type = data.get("model_type") if isinstance(data.get("model_type"), str) else ""
    gpt2, falcon = model_type == "gpt2", model_type == "falcon"
    missing = [names[0] for key, names in _FIELD_NAMES.items() if key != "hidden" and _field(data, names) is None]
    if _field(data, _FIELD_NAMES["hidden"]) is None and data.get("head_dim") is None:
        missing.append("hidden_size (or head_dim)")
    if missing:
        message = translate("memory.hf_config", "{source}: lacks {fields}, which decide the KV cache")
        raise SpecError(message.format(source=source, fields=", ".join(missing)))
    layers = check_count(source, "num_hidden_layers", _field(data, _FIELD_NAMES["layers"]))
    heads = check_count(source, "num_attention_heads", _field(data, _FIELD_NAMES["heads"]))
    assumed: list[str] = []
    hidden = _field(data, _FIELD_NAMES["hidden"])
    if hidden is None:
        hidden = heads * check_count(source, "head_dim", data["head_dim"])
        text = translate("memory.hf_config", "hidden_size absent: num_attention_heads × head_dim = {value} assumed")
        assumed.append(text.format(value=f"{hidden:,}"))
    hidden = check_count(source, "hidden_size", hidden)
    vocab = data.get("vocab_size")
    if vocab is None:
        vocab = _DEFAULT_VOCAB.get(model_type, _FALLBACK_VOCAB)
        text = translate(
            "memory.hf_config", "vocab_size absent: {value} assumed (weights only; the cache does not depend on it)"
        )
        assumed.append(text.format(value=f"{vocab:,}"))
    vocab = check_count(source, "vocab_size", vocab)
    d_ff = data.get("n_inner") if gpt2 else _field(data, ("intermediate_size", "ffn_hidden_size", "ffn_dim"))
    if d_ff is None:
        d_ff = 4 * hidden
        if not gpt2:  # GPT-2's n_inner: null means 4 × n_embd by definition
            text = translate(
                "memory.hf_config", "intermediate_size absent: 4 × hidden_size = {value} assumed (weights only)"
            )
            assumed.append(text.format(value=f"{d_ff:,}"))
    d_ff = check_count(source, "intermediate_size", d_ff)
    kv_heads = check_count(source, "num_key_value_heads", _kv_heads(data, model_type, heads))
    head_dim = data.get("head_dim")
    if head_dim is None:
        if hidden % heads:
            message = translate(
                "memory.hf_config",
                "{source}: hidden_size ({hidden}) is not a multiple of num_attention_heads ({heads})",
            )
            raise SpecError(message.format(source=source, hidden=f"{hidden:,}", heads=f"{heads:,}"))
        head_dim = hidden // heads
    head_dim = check_count(source, "head_dim", head_dim)

    mla: dict[str, Any] = {}
    if data.get("kv_lora_rank") is not None:
        absent = [k for k in ("qk_rope_head_dim", "qk_nope_head_dim", "v_head_dim") if data.get(k) is None]
        if absent:
            message = translate("memory.hf_config", "{source}: has kv_lora_rank (latent attention) but lacks {fields}")
            raise SpecError(message.format(source=source, fields=", ".join(absent)))
        mla = {
            "kv_lora_rank": check_count(source, "kv_lora_rank", data["kv_lora_rank"]),
            "q_lora_rank": _optional(source, "q_lora_rank", data.get("q_lora_rank")) or None,
            "qk_rope_head_dim": check_count(source, "qk_rope_head_dim", data["qk_rope_head_dim"]),
            "qk_nope_head_dim": check_count(source, "qk_nope_head_dim", data["qk_nope_head_dim"]),
            "v_head_dim": check_count(source, "v_head_dim", data["v_head_dim"]),
        }
        head_dim = check_count(source, "head_dim", mla["qk_nope_head_dim"] + mla["qk_rope_head_dim"])
        kv_heads = heads

    experts = _field(data, ("n_routed_experts", "num_local_experts", "num_experts")) or 0
    moe: dict[str, Any] = {}
    if experts:
        moe = {
            "n_experts": check_count(source, "num_experts", experts),
            "experts_per_token": check_count(source, "num_experts_per_tok", data.get("num_experts_per_tok")),
            "n_shared_experts": _optional(source, "n_shared_experts", data.get("n_shared_experts")) or 0,
            "moe_d_ff": check_count(source, "moe_intermediate_size", data.get("moe_intermediate_size") or d_ff),
            "first_dense_layers": _optional(source, "first_k_dense_replace", data.get("first_k_dense_replace")) or 0,
            "router_bias": data.get("topk_method") == "noaux_tc",
        }

    sliding = _sliding(data, model_type, layers)
    window = _optional(source, "sliding_window", data.get("sliding_window"), 1) if sliding.kind != "none" else None
    if sliding.kind != "none" and window is None:
        message = translate("memory.hf_config", "{source}: has sliding-window layers but no sliding_window")
        raise SpecError(message.format(source=source))
    positions = _optional(source, "n_positions", data.get("n_positions"), 1) if gpt2 else None
    trained = _optional(source, "max_position_embeddings", _field(data, ("max_position_embeddings", "n_positions")), 1)
    biased = bool(data.get("bias", False)) if falcon else bool(data.get("attention_bias", False))
    if falcon:  # ln_attn + ln_mlp with the new architecture; one shared norm when attention runs in parallel
        norms = 2 if data.get("new_decoder_architecture") or not data.get("parallel_attn", True) else 1
    else:
        norms = 4 if model_type == "gemma2" else 2
    return ModelSpec(
        id=id,
        name=name,
        source=source,
        note=note,
        n_layers=layers,
        d_model=hidden,
        n_heads=heads,
        n_kv_heads=kv_heads,
        head_dim=head_dim,
        vocab_size=vocab,
        d_ff=d_ff,
        trained_context=trained,
        dtype=_torch_dtype(data, source),
        assumed=tuple(assumed),
        sliding_window=window,
        sliding=sliding,
        **mla,
        **moe,
        gated_mlp=not (gpt2 or falcon),
        norm_bias=gpt2 or falcon,
        norms_per_layer=norms,
        qkv_bias=gpt2 or model_type.startswith("qwen2") or biased,
        out_bias=gpt2 or biased,
        mlp_bias=gpt2 or (biased if falcon else bool(data.get("mlp_bias", False))),
        tied_embeddings=bool(data.get("tie_word_embeddings", gpt2 or falcon or model_type.startswith("gemma"))),
        learned_positions=positions or 0,
    )


def _bounded_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        message = translate("memory.hf_config", "holds a {digits}-digit integer (a config.json's are ids and sizes)")
        raise SpecError(message.format(digits=f"{len(text.lstrip('-')):,}"))
    return int(text)


def parse_config_text(text: str, where: str) -> dict[str, Any]:
    """Parse a config.json's text as plain JSON; any malformed or hostile content is a one-line SpecError."""
    try:
        data = json.loads(text, parse_int=_bounded_int)
    except SpecError as exc:
        raise SpecError(f"{where} {exc}") from None
    except RecursionError:
        message = translate("memory.hf_config", "{where} nests brackets too deeply to be a config.json")
        raise SpecError(message.format(where=where)) from None
    except json.JSONDecodeError as exc:
        message = translate("memory.hf_config", "{where} is not valid JSON: {reason}")
        raise SpecError(message.format(where=where, reason=exc)) from None
    if not isinstance(data, dict):
        raise SpecError(translate("memory.hf_config", "{where} must hold a JSON object").format(where=where))
    return data


def read_config_file(path: Path) -> dict[str, Any]:
    """The parsed JSON object in ``path`` (or ``path/config.json``), read only if it is small."""
    if path.is_dir():
        path = path / "config.json"
    try:
        with path.open("rb") as file:
            raw = file.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise SpecError(translate("memory.hf_config", "no such file: {path}").format(path=path)) from None
    except OSError as exc:
        message = translate("memory.hf_config", "cannot read {path}: {reason}")
        raise SpecError(message.format(path=path, reason=exc.strerror or exc)) from None
    if len(raw) > MAX_FILE_BYTES:
        message = translate("memory.hf_config", "{path} is larger than {size} MiB: not a config.json")
        raise SpecError(message.format(path=path, size=MAX_FILE_BYTES // 2**20))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise SpecError(translate("memory.hf_config", "{path} is not UTF-8 text").format(path=path)) from None
    return parse_config_text(text, str(path))


def load_config_json(path: str | Path) -> ModelSpec:
    """Read a Hugging Face ``config.json`` (or a folder holding one) as plain JSON, never code."""
    return config_spec(*read_config(path))


def read_config(path: str | Path) -> tuple[dict, Path]:
    """A config's data, read as plain JSON, and the ``config.json`` it came from (``path`` may be its folder)."""
    path = Path(path)
    data = read_config_file(path)
    return data, path / "config.json" if path.is_dir() else path


def config_spec(data: dict, path: Path) -> ModelSpec:
    """The spec of config ``data`` read from ``path``, worded in the language installed now: the app keeps
    ``data`` and words it again on a switch, rather than reading a file that may have changed since."""
    inner = data.get("text_config") if isinstance(data.get("text_config"), dict) else {}
    model_type = next((t for t in (data.get("model_type"), inner.get("model_type")) if isinstance(t, str)), "unknown")
    name = data.get("_name_or_path")
    name = name if isinstance(name, str) and name else path.parent.name or path.name
    note = translate(
        "memory.hf_config",
        "Loaded from {path}. Parameters are counted for the standard {model_type} layout (Llama-style when the "
        "type is unknown); fields this explorer does not model are ignored.",
    ).format(path=path, model_type=model_type[:40])
    return spec_from_hf_config(data, id=str(path), name=name[:80], source=str(path), note=note)
