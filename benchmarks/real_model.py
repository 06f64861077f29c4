"""A real model's size on a laptop: GPT-2-124M-shaped random weights, run at 256 and 1,024 tokens.

Writes a GPT-2-124M-shaped model (12 layers, 12 heads, d_model 768, vocab 50,257; random
weights) as a Hugging Face folder in a temporary directory, then for each length prefills a
prompt of that many tokens less the steps, and decodes a few steps. Prints per step the
wall time with and without the cache, the resident memory of the process, what the
attention recording holds (and in which dtype), and the cache bytes; what ``--uncached auto``
(the app's and the CLI's default) chooses at that length and why; then whether the resident
memory stayed within the stated budget. The uncached pass runs here at every length (``on``)
so that its time is measured; ``--uncached auto`` shows the runs as users get them. Run:
python benchmarks/real_model.py [--tokens 256 1024] [--steps 3] [--uncached on|auto|off]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import torch
from process_memory import rss_bytes
from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
from transformers import GPT2Config, GPT2LMHeadModel

from kvviz.core.defaults import default_config
from kvviz.core.reference import UNCACHED_CHOICES, choose_reference
from kvviz.core.run import RunSpec, build_run
from kvviz.hf.weights import ModelFolderWeights
from kvviz.units import format_bytes

#: Resident memory a 124M-parameter model may use at 1,024 tokens with both modes and a full
#: recording: weights (498 MB in float32) + recording (340 MB in float16) + cache (75 MB) + libraries.
BUDGET = 2 << 30


def write_model(folder: Path) -> None:
    """GPT-2-124M's shape with random weights, and a small byte-level BPE tokenizer."""
    GPT2LMHeadModel(GPT2Config()).save_pretrained(folder)
    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=400, initial_alphabet=pre_tokenizers.ByteLevel.alphabet(), show_progress=False
    )
    tok.train_from_iterator(["The KV cache stores keys and values, one per token, layer and head."] * 8, trainer)
    tok.save(str(folder / "tokenizer.json"))


def measure(folder: Path, n_tokens: int, steps: int, uncached: str) -> int:
    """Run to ``n_tokens`` tokens; print one line per step; return the resident bytes at the end."""
    weights = ModelFolderWeights(folder)
    config = weights.configure(default_config().replace(context_length=n_tokens))
    prompt = list(range(1, n_tokens - steps + 1))  # token ids: the content does not change the cost
    full_pass = weights.shape.flops(config.batch_size, n_tokens, n_tokens).total
    auto = choose_reference("auto", full_pass, n_tokens)
    print(f"{n_tokens} tokens: uncached auto {'runs' if auto.runs else auto.reason}")
    started = time.perf_counter()
    run = build_run(RunSpec(config=config, prompt=prompt, weights=weights, uncached=uncached))
    modes = "both modes" if run.current.uncached is not None else "cached only"
    print(f"  prefill of {len(prompt)} tokens ({modes}) {time.perf_counter() - started:.1f} s")
    cached, uncached = [], []
    for _ in range(steps):
        record = run.step_forward()
        cached.append(record.cached.time_s)
        if record.uncached is not None:
            uncached.append(record.uncached.time_s)
        store = run.engine.store
        print(
            f"  step {record.step}: {record.n_tokens} tokens  cached {record.cached.time_s * 1e3:7.0f} ms  "
            f"uncached {record.uncached.time_s * 1e3 if record.uncached else float('nan'):7.0f} ms  "
            f"RSS {format_bytes(rss_bytes())}  recording {format_bytes(store.nbytes)} ({store.dtype.name})  "
            f"cache {format_bytes(record.cache_bytes_used)}"
        )
    median_u = f"{statistics.median(uncached) * 1e3:.0f} ms" if uncached else "not computed"
    print(f"  median per step: cached {statistics.median(cached) * 1e3:.0f} ms, uncached {median_u}")
    return rss_bytes()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tokens", type=int, nargs="+", default=[256, 1024])
    parser.add_argument("--steps", type=int, default=3)
    parser.add_argument("--threads", type=int, default=torch.get_num_threads())
    parser.add_argument("--uncached", choices=UNCACHED_CHOICES, default="on", help="the uncached pass (default: on)")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "gpt2-124m-random"
        write_model(folder)
        print(f"GPT-2-124M shape, random weights, float32, {args.threads} threads; RSS now {format_bytes(rss_bytes())}")
        peak = max(measure(folder, n, args.steps, args.uncached) for n in args.tokens)
    verdict = "within" if peak <= BUDGET else "OVER"
    print(f"resident memory {format_bytes(peak)}: {verdict} the budget of {format_bytes(BUDGET)}")
    print(f"budget: {format_bytes(BUDGET)} resident at 1,024 tokens with both modes and a full recording")


if __name__ == "__main__":
    main()
