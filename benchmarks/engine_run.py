"""The engine alone on a long run (issue 18): the trained default model to 1,024 tokens, no window.

Prints the wall time of the whole run of engine steps (both passes, the recompute check,
recording) and how much of it each timed pass took. With ``--against TREE`` the same run is
also made with the kvviz of another source tree (a checkout of an earlier commit), the two
alternating in fresh processes, so both see the same machine: figures side by side.

Run: python benchmarks/engine_run.py [--prompt-tokens 0] [--against /path/to/tree] [--repeats 1]
(``--prompt-tokens N`` starts from an N-token prompt instead of the default one: a shorter
run at the long end.)
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import subprocess
import sys
import time
from pathlib import Path

SENTENCE = "The KV cache stores keys and values, not scores. "
TOKENS = 1024


def one_run(prompt_tokens: int) -> str:
    """The run in this process: one line of figures."""
    from kvviz.core.defaults import DEFAULT_PROMPT, default_config
    from kvviz.core.run import RunSpec, build_run

    config = dataclasses.replace(default_config(), context_length=TOKENS)
    prompt = (SENTENCE * (prompt_tokens // len(SENTENCE) + 1))[:prompt_tokens] if prompt_tokens else DEFAULT_PROMPT
    run = build_run(RunSpec(config, prompt=prompt))
    start = run.current.n_tokens
    uncached = cached = 0.0
    t = time.perf_counter()
    while run.can_step_forward():
        record = run.step_forward()
        uncached += record.uncached.time_s
        cached += record.cached.time_s
    took = time.perf_counter() - t
    steps, rest = run.current.n_tokens - start, took - uncached - cached
    return (
        f"{start} → {run.current.n_tokens} tokens, {steps} steps: {took:6.1f} s "
        f"(uncached passes {uncached:5.1f} s, cached passes {cached:5.1f} s, the rest {rest:5.1f} s)"
    )


def in_tree(tree: Path, prompt_tokens: int) -> str:
    """The run in a fresh process that imports kvviz from ``tree``."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    command = [sys.executable, __file__, "--prompt-tokens", str(prompt_tokens), "--one"]
    return subprocess.run(command, env=env, capture_output=True, text=True, check=True).stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--prompt-tokens", type=int, default=0)
    parser.add_argument("--against", type=Path, help="another source tree to time side by side")
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)  # the child process's run
    args = parser.parse_args()
    if args.one:
        print(one_run(args.prompt_tokens))
        return
    here = Path(__file__).resolve().parent.parent
    trees = [("this tree", here)] + ([("against", args.against.resolve())] if args.against else [])
    for _ in range(args.repeats):
        for name, tree in trees:
            print(f"{name:>9}: {in_tree(tree, args.prompt_tokens)}", flush=True)


if __name__ == "__main__":
    main()
