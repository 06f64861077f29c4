"""The model card: what a checkpoint is, what it was trained on, how, and how well it does.

The facts live in the checkpoint itself (its ``card`` entry, written by ``kvviz train``); the
Markdown card next to it is rendered from them plus what is measured from the weights now
(parameter count, file size, a greedy sample, head patterns), so the two cannot drift apart:
a test renders the card again and compares it with the file.
"""

from __future__ import annotations

import dataclasses
import platform
from pathlib import Path
from typing import Any

import torch

from kvviz.atomic_file import write_atomic
from kvviz.core import tokenizer
from kvviz.core.checkpoint import STORAGE_DTYPE, Checkpoint, build_model, load_checkpoint
from kvviz.core.engine import Engine
from kvviz.core.head_patterns import head_patterns
from kvviz.core.model import TinyDecoder
from kvviz.core.record import Mode
from kvviz.core.run import Run
from kvviz.core.variants import Variant, default_variant, shipped
from kvviz.training.corpus import HELDOUT_FRACTION, SOURCE, Corpus
from kvviz.training.trainer import TrainingResult

#: Tokens of greedy continuation shown in the card (and checked by the tests).
SAMPLE_TOKENS = 100
#: How every card begins; a file at a card's path that begins otherwise is a user's, not to be overwritten.
TITLE = "# Model card: "
#: The script that trains every shipped variant with the same recipe (only the attention shape differs).
FAMILY_SCRIPT = "scripts/train_family.sh"


def training_card(result: TrainingResult, corpus: Corpus, command: str) -> dict[str, Any]:
    """The facts ``kvviz train`` stores in the checkpoint: plain data only."""
    return {
        "command": command,
        "plan": dataclasses.asdict(result.plan),
        "optimizer": "AdamW, betas (0.9, 0.95), weight decay on matrices only, gradient norm clipped",
        "tokens_seen": result.tokens_seen,
        "wall_time_s": round(result.wall_time_s, 1),
        "threads": torch.get_num_threads(),
        "torch_version": str(torch.__version__),
        "python_version": corpus.python_version,
        "machine": platform.machine(),
        "corpus_source": SOURCE,
        "corpus_sha256": corpus.sha256,
        "corpus_bytes": corpus.n_bytes,
        "heldout_bytes": len(corpus.heldout),
        "train_bits_per_byte": result.train_bits_per_byte,
        "heldout_bits_per_byte": result.heldout_bits_per_byte,
        "unigram_bits_per_byte": result.unigram_bits_per_byte,
        "storage_dtype": str(STORAGE_DTYPE).removeprefix("torch."),
    }


def greedy_continuation(model: TinyDecoder, prompt: str, n_tokens: int = SAMPLE_TOKENS) -> list[int]:
    """The next ``n_tokens`` tokens the engine picks greedily (the cached path, as the app runs it)."""
    run = Run(Engine(model.config, prompt, model=model, record_attention=False, modes=(Mode.CACHED,)))
    record = run.seek(n_tokens - 1)
    return [*record.tokens[record.n_prompt :], record.next_token]


def render_model_card(checkpoint: Checkpoint, prompt: str) -> str:
    """The Markdown card for ``checkpoint``, with a greedy sample continuing ``prompt``."""
    card = checkpoint.card
    config = checkpoint.config
    plan = card["plan"]
    room = len(tokenizer.encode(prompt)) + SAMPLE_TOKENS  # RoPE runs past the trained context if need be
    model = build_model(config.replace(context_length=max(config.context_length, room)), checkpoint.path)
    sample_ids = greedy_continuation(model, prompt)
    sample = tokenizer.decode(sample_ids)
    patterns = head_patterns(model, tokenizer.encode(prompt) + sample_ids)
    size = checkpoint.path.stat().st_size
    variant = next((v for v in shipped() if v.path.resolve() == checkpoint.path.resolve()), None)
    lines = [
        f"{TITLE}`{checkpoint.path.name}`",
        "",
        *(_shipped_intro(variant) if variant else _users_intro(checkpoint.path.name)),
        "",
        "## Configuration",
        "",
        "| setting | value |",
        "| --- | --- |",
        f"| attention | {config.attention_kind}: {config.n_heads} query heads, {config.n_kv_heads} K/V heads |",
        f"| layers | {config.n_layers} |",
        f"| d_model | {config.d_model} |",
        f"| head_dim | {config.dim_head} |",
        f"| MLP width | {config.d_ff} (GELU) |",
        f"| vocabulary | {config.vocab_size} (bytes) |",
        f"| context trained on | {config.context_length} |",
        "| positions | rotary (RoPE), no learned table |",
        "| LM head | tied to the embedding |",
        f"| parameters | {checkpoint.n_parameters:,} |",
        f"| stored as | {card['storage_dtype']}, {size / 2**20:.2f} MiB; runs in {config.dtype} by default |",
        "",
        "## Training data",
        "",
        f"- Source: {card['corpus_source']}. It ships with Python: nothing is downloaded.",
        f"- Python {card['python_version']}: {card['corpus_bytes']:,} bytes, "
        f"SHA-256 `{card['corpus_sha256'][:16]}…`. Other Python versions ship slightly different text.",
        f"- Held out: the last {HELDOUT_FRACTION:.0%} of the bytes ({card['heldout_bytes']:,}), never trained on.",
        "",
        "## How it was made",
        "",
        "```",
        card["command"],
        "```",
        "",
        f"- {plan['steps']:,} steps of {plan['batch']} random windows × {config.context_length} bytes "
        f"({card['tokens_seen']:,} tokens seen), seed {plan['seed']}.",
        f"- {card['optimizer']} (at {plan['grad_clip']}); peak learning rate {plan['learning_rate']}, "
        f"{plan['warmup_steps']} warm-up steps, cosine decay to {plan['final_lr_fraction']:.0%} of the peak; "
        f"weight decay {plan['weight_decay']}.",
        f"- {card['wall_time_s'] / 60:.1f} minutes wall time on {_threads(card['threads'])} ({card['machine']}), "
        f"torch {card['torch_version']}.",
        *(_FAMILY_LINES if variant else ()),
        "",
        "## Results (bits per byte, lower is better)",
        "",
        "| text | model | unigram baseline |",
        "| --- | --- | --- |",
        f"| held-out | **{card['heldout_bits_per_byte']:.3f}** | {card['unigram_bits_per_byte']:.3f} |",
        f"| training (a slice the size of the held-out text) | {card['train_bits_per_byte']:.3f} | |",
        "",
        f"The unigram baseline knows only byte frequencies; {_against_baseline(card)}",
        "Both are measured on the stored half-precision weights.",
        "",
        f"## Greedy sample ({SAMPLE_TOKENS} tokens)",
        "",
        f"Prompt: `{prompt}`",
        "",
        "```",
        prompt + sample,
        "```",
        "",
        "## Attention heads",
        "",
        "Mean attention weight each head puts on the previous token and on position 0 (over the prompt",
        "and sample above), and on the token after an earlier copy of the current one (a random letter",
        "string repeated twice). Measured by `kvviz.core.head_patterns`.",
        "",
        "| head | previous token | start | earlier copy |",
        "| --- | --- | --- | --- |",
        *(f"| L{p.layer}H{p.head} | {p.previous_token:.2f} | {p.start:.2f} | {p.earlier_copy:.2f} |" for p in patterns),
        "",
        "## Limits",
        "",
        *(_shipped_limits(card) if variant else _USERS_LIMITS),
        "",
    ]
    return "\n".join(lines)


_FAMILY_LINES = (
    f"- One of a family trained alike, differing only in layers and K/V heads: `{FAMILY_SCRIPT}` trains",
    "  them all (`kvviz eval` compares their held-out bits per byte and cache bytes per token).",
)


def _shipped_intro(variant: Variant) -> tuple[str, ...]:
    if variant == default_variant():
        return (
            "The trained tiny decoder that kvviz loads by default (the app, `kvviz trace`, `kvviz export`).",
            "It is kvviz's own `TinyDecoder`, byte-level, trained on CPython's documentation so that it",
            "writes plausible text and its attention heads show real patterns. Random weights remain",
            "available (`--weights random`) for any other shape.",
        )
    c = variant.config
    return (
        f"The trained tiny decoder kvviz loads for {c.n_layers} layers and {c.n_kv_heads} K/V heads (in the app's",
        f"model panel, or `kvviz trace --layers {c.n_layers} --kv-heads {c.n_kv_heads}`). It is kvviz's own",
        "`TinyDecoder`, byte-level, trained on CPython's documentation exactly as the default model",
        "was, so the two differ only in their attention shape.",
    )


def _threads(n: int) -> str:
    return f"{n} CPU thread" + ("s" if n != 1 else "")


def _shipped_limits(card: dict[str, Any]) -> tuple[str, ...]:
    return (
        f"{card['wall_time_s'] / 60:.0f} minutes of CPU training on half a megabyte: it writes the style of Python's",
        "reference documentation, not facts. It is a teaching model, not a language model to rely on.",
    )


_USERS_LIMITS = (
    "A tiny byte-level model trained on CPU on Python's reference documentation: a teaching model,",
    "not a language model to rely on. The results above say how well it predicts that text.",
)


def _users_intro(name: str) -> tuple[str, ...]:
    return (
        "A tiny decoder trained with `kvviz train` (the command is below): kvviz's own `TinyDecoder`,",
        f"byte-level, trained on CPython's documentation. Run it with `--weights {name}` in",
        "`kvviz trace` and `kvviz export`, or with **Load checkpoint…** in the app's model panel.",
    )


def _against_baseline(card: dict[str, Any]) -> str:
    """Where the model stands against the baseline, in words that stay true when it is worse."""
    gap = card["unigram_bits_per_byte"] - card["heldout_bits_per_byte"]
    if round(gap, 2) > 0:
        return f"the model is {gap:.2f} bits per byte below it."
    if round(gap, 2) < 0:
        return f"the model is {-gap:.2f} bits per byte above it: worse than byte frequencies alone."
    return "the model does no better than it."


def card_path(checkpoint_path: str | Path) -> Path:
    """Where the Markdown card for a checkpoint lives: same name, ``.md``."""
    return Path(checkpoint_path).with_suffix(".md")


def is_model_card(path: Path) -> bool:
    """Whether ``path`` starts as :func:`render_model_card` starts every card."""
    try:
        with path.open("rb") as file:
            return file.read(len(TITLE)) == TITLE.encode()
    except OSError:
        return False


def write_model_card(checkpoint_path: str | Path, prompt: str) -> Path:
    """Render the card of a saved checkpoint next to it (re-run after changing the default prompt)."""
    text = render_model_card(load_checkpoint(checkpoint_path), prompt)
    return write_atomic(card_path(checkpoint_path), lambda tmp: tmp.write_text(text, encoding="utf-8"))
