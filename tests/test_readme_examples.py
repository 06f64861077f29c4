"""Every `kvviz …` line in the README's code blocks runs as written, and does what its comment says.

Each line runs in a fresh process in an empty folder (files the README names from the
repository are linked in), as a user would type it. Only `kvviz train`, which takes a quarter
of an hour as written, and `kvviz eval` (minutes) run in a short form: the README line with options appended, and the
test holds that the appended options are the only change. The app itself (`.venv/bin/kvviz`
at the end of the install line) is run by tests/gui/test_app.py, and the command's hand-over
to it by tests/test_packaging.py.
"""

from __future__ import annotations

import csv
import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from kvviz.core.checkpoint import load_checkpoint

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")

#: Options appended to lines that take minutes as written, by sub-command.
SHORT_FORMS = {"train": ["--steps", "1", "--batch", "1"], "eval": ["--sample", "2"]}


def code_blocks(markdown: str) -> list[str]:
    return re.findall(r"^```[a-z]*\n(.*?)^```", markdown, flags=re.MULTILINE | re.DOTALL)


def kvviz_lines(markdown: str) -> list[str]:
    return [line for block in code_blocks(markdown) for line in block.splitlines() if line.startswith("kvviz ")]


LINES = kvviz_lines(README)


def test_the_readme_shows_every_sub_command():
    assert {shlex.split(line)[1] for line in LINES} >= {"trace", "export", "mem", "train"}


def test_ci_runs_exactly_the_readmes_test_command():
    blocks = [b.strip() for b in code_blocks(README)]
    command = next(b for b in blocks if "pytest" in b)
    assert command in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()


def link_inputs(argv: list[str], folder: Path) -> None:
    """Link into ``folder`` the repository files the line names (e.g. an example config.json)."""
    for arg in argv:
        if not arg.startswith("-") and "/" in arg and (ROOT / arg).exists():
            (folder / arg).parent.mkdir(parents=True, exist_ok=True)
            (folder / arg).symlink_to(ROOT / arg)


def option(argv: list[str], name: str, default: str | None = None) -> str | None:
    return argv[argv.index(name) + 1] if name in argv else default


@pytest.mark.parametrize("line", LINES)
def test_readme_line_runs_as_written(line, tmp_path):
    written = shlex.split(line, comments=True)
    argv = written + SHORT_FORMS.get(written[1], [])
    assert argv[: len(written)] == written  # a short form only appends options
    link_inputs(argv, tmp_path)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-m", "kvviz", *argv[1:]], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stderr
    if written[1] != "train":  # training reports its progress on stderr; nothing else has anything to say there
        assert done.stderr == ""
    check_output(argv, done.stdout, tmp_path)


def check_output(argv: list[str], stdout: str, folder: Path) -> None:
    """What each line promises: the file it names, of the size, frames or rows asked for; JSON that parses."""
    out = option(argv, "--out")
    steps = int(option(argv, "--steps", "16"))
    if argv[1] == "trace" and "--json" in argv:
        assert len([json.loads(row) for row in stdout.splitlines()]) == steps + 1
    elif argv[1] == "trace":
        rows = [row for row in stdout.splitlines() if re.match(r"\s*\d+ (prefill|decode) ", row)]
        cache_used = [re.findall(r"\d+(?:\.\d+)? (?:[KMG]i)?B\b", row)[0] for row in rows]
        assert len(cache_used) == steps + 1
        if option(argv, "--policy") == "sink":  # evicts: the cache grows to sinks + window, then stays
            assert cache_used[0] != cache_used[-1] == cache_used[-2] == cache_used[-5]
    elif argv[1] == "mem" and "--json" in argv:
        json.loads(stdout)
    elif out and out.endswith(".png"):
        with Image.open(folder / out) as image:
            size = option(argv, "--size")
            assert size is None or image.size == tuple(int(n) for n in size.split("x"))
    elif out and out.endswith(".gif"):
        with Image.open(folder / out) as gif:
            assert gif.n_frames == int(option(argv, "--to")) - int(option(argv, "--from", "0")) + 1
    elif out and out.endswith(".csv"):
        with (folder / out).open(newline="", encoding="utf-8") as file:
            assert len(list(csv.DictReader(file))) == steps + 1
    elif out and out.endswith(".pt"):
        assert load_checkpoint(folder / out).card["plan"]["steps"] == steps
        assert (folder / out).with_suffix(".md").is_file()
    else:
        assert stdout.strip()
