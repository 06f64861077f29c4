"""`kvviz --lang`: the command line speaks English or Chinese, and scripts read the same JSON either way.

The Chinese words expected here are read from the shipped catalogue (not typed again), so a
text the code stops marking, or a translation that never reaches the terminal, fails; the
figures are parsed from both languages' output and must be the same numbers with the same units.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter

import pytest

from kvviz.cli import main
from kvviz.i18n import language, set_language, translate
from kvviz.units import columns
from tests.i18n.app_texts import untranslated

#: A figure as the CLI prints it: digits with thousands commas, a decimal part, an exponent, a unit.
FIGURE = re.compile(
    r"(?<![\w.])\d(?:[\d,]*\d)?(?:\.\d+)?(?:e[+-]\d+)?(?:\s?(?:[kMGTP]?FLOP|[KMGT]iB|[kMGT]B|B|%|ms|µs|s)\b)?"
)
TIME = re.compile(r"\d(?:[\d,.]*\d)?\s?(?:ms|µs|s)\b")


@pytest.fixture(autouse=True)
def _english_afterwards():
    """Every test leaves the process in English, the language the rest of the suite asserts."""
    yield
    set_language("en")


def chinese(context: str, text: str) -> str:
    """``text`` as the zh_CN catalogue translates it (asserted to differ from the English)."""
    previous = language()
    set_language("zh_CN")
    try:
        translated = translate(context, text)
    finally:
        set_language(previous)
    assert translated != text, f"no Chinese for {text!r} in context {context!r}"
    return translated


def cli(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def figures(text: str) -> Counter:
    """Every number and its unit, in any order (Chinese may reorder a sentence's numbers)."""
    text = text.replace("×10⁹", " billion").replace("×10⁶", " million")  # the Chinese way of writing 10⁹
    return Counter(FIGURE.findall(text))


def _environment(monkeypatch, lang: str) -> None:
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", lang)


def test_mem_in_chinese_has_the_catalogues_words_and_the_same_figures(capsys, monkeypatch):
    _environment(monkeypatch, "C.UTF-8")
    args = ("mem", "llama-3-70b", "--tp", "4", "--shared-prefix", "1000", "--cache-dtype", "fp8")
    code_en, english, _ = cli(capsys, "--lang", "en", *args)
    code_zh, chinese_out, _ = cli(capsys, "--lang", "zh_CN", *args)
    assert code_en == code_zh == 0
    for text in ("KV cache per token", "Weights + cache", "longest context", "Per GPU (the fullest):", "memory"):
        assert chinese("memory.text", text) in chinese_out
        assert text in english
    assert chinese("memory.serving", "{count} K/V heads").format(count=2) in chinese_out
    assert "KV cache per token" not in chinese_out
    assert figures(chinese_out) == figures(english)
    assert len(chinese_out.splitlines()) == len(english.splitlines())


def test_mem_json_is_the_same_in_both_languages(capsys):
    args = ("mem", "gemma-2-9b", "--pp", "3", "--json")
    _, english, _ = cli(capsys, "--lang", "en", *args)
    _, chinese_out, _ = cli(capsys, "--lang", "zh_CN", *args)
    assert chinese_out == english
    assert json.loads(english)["attention_detail"].startswith("GQA, 8 KV heads")


def _rows(out: str, header: str) -> list[str]:
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.split() and line.split()[0] == header)
    return lines[start + 1 : start + 5]


def test_trace_in_chinese_has_the_catalogues_words_and_the_same_figures(capsys):
    args = ("trace", "--steps", "3", "--policy", "window", "--window", "16")
    code_en, english, _ = cli(capsys, "--lang", "en", *args)
    code_zh, chinese_out, _ = cli(capsys, "--lang", "zh_CN", *args)
    assert code_en == code_zh == 0
    step = chinese("cli.trace", "step")
    for title in ("phase", "token", "FLOPs uncached", "FLOPs cached", "saved", "cache used"):
        assert chinese("cli.trace", title) in chinese_out.splitlines()[3]
    assert chinese("cli.trace", "decode") in chinese_out and chinese("cli.trace", "prefill") in chinese_out
    assert (
        chinese(
            "policy",
            "Sliding window: only the last {window} tokens keep their K and V in the cache; "
            "older ones are evicted, so generation slides on past the context length.",
        ).format(window=16)
        in chinese_out
    )
    english_rows, chinese_rows = _rows(english, "step"), _rows(chinese_out, step)
    for row_en, row_zh in zip(english_rows, chinese_rows, strict=True):  # timings differ run to run
        assert figures(TIME.sub("", row_zh)) == figures(TIME.sub("", row_en))
        assert len(TIME.findall(row_zh)) == len(TIME.findall(row_en)) == 2
    assert [row.split()[0] for row in chinese_rows] == ["0", "1", "2", "3"]
    # the last line, what eviction left: the same figures, in Chinese
    probe_en, probe_zh = english.splitlines()[-1], chinese_out.splitlines()[-1]
    assert probe_en.startswith("At step 3, 23 of 39 tokens are evicted. Altering all of them changes")
    found = chinese("eviction_probe", "At step {step}, {evicted} of {tokens} tokens are evicted.")
    assert probe_zh.startswith(found.format(step=3, evicted=23, tokens=39)), probe_zh
    assert not untranslated(probe_zh), probe_zh
    assert figures(probe_zh) == figures(probe_en)


def test_eval_names_the_cache_settings_in_chinese_and_keeps_the_columns(capsys):
    args = ("eval", "--sample", "1", "--context", "24", "--window", "12", "--sinks", "2")
    code_en, english, _ = cli(capsys, "--lang", "en", *args)
    code_zh, chinese_out, _ = cli(capsys, "--lang", "zh_CN", *args)
    assert code_en == code_zh == 0
    english_rows = [line for line in english.splitlines() if line.startswith("tiny-")]
    chinese_rows = [line for line in chinese_out.splitlines() if line.startswith("tiny-")]
    assert len(english_rows) == len(chinese_rows) == 10
    cache_en = [" ".join(row.split()[4:-5]) for row in english_rows]
    assert cache_en == [*["full"] * 5, "int8", "int4", "fp8", "window 12", "sinks 2 + window 10"]
    said = [
        *[chinese("evaluation", "full")] * 5,
        "int8",
        "int4",
        "fp8",
        chinese("evaluation", "window {window}").format(window=12),
        chinese("evaluation", "sinks {sinks} + window {window}").format(sinks=2, window=10),
    ]
    assert [" ".join(row.split()[4:-5]) for row in chinese_rows] == said
    for row_en, row_zh in zip(english_rows, chinese_rows, strict=True):
        assert columns(row_zh) == columns(row_en)  # padded by terminal columns: the figures stay under their titles
        assert row_zh.split()[-5:] == row_en.split()[-5:]  # context, bytes per token, cache, bits per byte
    _, json_zh, _ = cli(capsys, "--lang", "zh_CN", *args, "--json")
    assert [json.loads(line)["cache"] for line in json_zh.splitlines()] == cache_en  # scripts read English


def test_trace_json_is_the_same_in_both_languages(capsys):
    # the uncached pass switched off: its reason is a text the record keeps, so it must stay English in JSON
    args = ("trace", "--steps", "2", "--json", "--uncached", "off")
    _, english, _ = cli(capsys, "--lang", "en", *args)
    _, chinese_out, _ = cli(capsys, "--lang", "zh_CN", *args)

    def without_timings(out: str) -> list[dict]:
        steps = [json.loads(line) for line in out.splitlines()]
        for step in steps:
            step["cached"].pop("time_s")
        return steps

    assert without_timings(chinese_out) == without_timings(english)
    assert without_timings(english)[0]["uncached_off"] == "switched off by the user"


def test_help_is_chinese_with_argparses_own_words_and_the_same_options(capsys):
    with pytest.raises(SystemExit):
        main(["--lang", "zh_CN", "trace", "--help"])
    chinese_out = capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["trace", "--help"])
    english = capsys.readouterr().out
    assert chinese_out.startswith(chinese("cli.argparse", "usage: ") + "kvviz trace")
    assert chinese("cli.argparse", "show this help message and exit") in chinese_out
    assert (
        chinese("cli", "decode steps after the prefill (default: %(default)s)").replace("%(default)s", "16")
        in chinese_out
    )
    assert re.findall(r"--[a-z-]+", chinese_out) == re.findall(r"--[a-z-]+", english)
    with pytest.raises(SystemExit):
        main(["--lang", "zh_CN", "--help"])
    top = capsys.readouterr().out
    assert chinese("cli", "language of the app and of every text printed (default: the system's, from LANG)") in top


def test_chinese_help_lines_fit_the_terminal(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    with pytest.raises(SystemExit):
        main(["--lang", "zh_CN", "mem", "--help"])
    lines = capsys.readouterr().out.splitlines()
    too_wide = [line for line in lines if columns(line) > 80 and " " in line.strip()]
    assert not too_wide, too_wide


@pytest.mark.parametrize(
    ("args", "english_reason"),
    [
        (("trace", "--steps", "x"), "argument --steps: invalid int value: 'x'"),
        (("trace", "--kv-heads", "3", "--weights", "random"), "--kv-heads: must divide n_heads (4)"),
        (("mem", "nonesuch"), "unknown model 'nonesuch'"),
    ],
)
def test_errors_keep_their_prefix_and_give_the_reason_in_chinese(capsys, args, english_reason):
    code_en, _, english = cli(capsys, "--lang", "en", *args)
    code_zh, _, chinese_err = cli(capsys, "--lang", "zh_CN", *args)
    assert code_en == code_zh == 2
    assert english.startswith("kvviz: error: " + english_reason) and english.count("\n") == 1
    assert chinese_err.startswith("kvviz: error: ") and chinese_err.count("\n") == 1
    assert re.search(r"[\u4e00-\u9fff]", chinese_err), chinese_err
    assert english_reason not in chinese_err


def test_the_system_language_is_followed_and_lang_overrides_it(capsys, monkeypatch):
    _environment(monkeypatch, "zh_CN.UTF-8")
    args = ("mem", "mistral-7b")
    _, from_environment, _ = cli(capsys, *args)
    _, overridden, _ = cli(capsys, "--lang", "en", *args)
    assert chinese("memory.text", "KV cache per token") in from_environment
    assert "KV cache per token" in overridden and not re.search(r"[\u4e00-\u9fff]", overridden)
    assert language() == "en"  # main() leaves the caller's language as it found it


def test_the_system_language_reaches_a_new_process():
    env = {"PATH": "/usr/bin:/bin", "LANG": "zh_CN.UTF-8", "PYTHONPATH": ":".join(sys.path)}
    args = [sys.executable, "-m", "kvviz", "trace", "--steps", "1", "--weights", "random"]
    chinese_out = subprocess.run(args, capture_output=True, text=True, env=env, timeout=300)
    english = subprocess.run(
        [*args[:3], "--lang", "en", *args[3:]], capture_output=True, text=True, env=env, timeout=300
    )
    assert chinese_out.returncode == english.returncode == 0, chinese_out.stderr + english.stderr
    assert chinese("cli.trace", "FLOPs cached") in chinese_out.stdout
    assert "FLOPs cached" in english.stdout and chinese("cli.trace", "FLOPs cached") not in english.stdout


@pytest.mark.parametrize(
    ("lang", "expected"), [("C.UTF-8", "available: en, zh_CN"), ("zh_CN.UTF-8", "可用语言：en, zh_CN")]
)
def test_an_unknown_language_is_one_line_exit_2_before_torch(lang, expected):
    probe = (
        "import sys; from kvviz.cli import main; code = main(['--lang', 'fr', 'trace']); "
        "print(code, 'torch' in sys.modules)"
    )
    env = {"PATH": "/usr/bin:/bin", "LANG": lang, "PYTHONPATH": ":".join(sys.path)}
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, timeout=60)
    assert done.stdout.split() == ["2", "False"]
    assert done.stderr.count("\n") == 1 and done.stderr.startswith("kvviz: error: ")
    assert "'fr'" in done.stderr and expected in done.stderr


def test_lang_without_a_command_opens_the_app_in_that_language(monkeypatch):
    import kvviz.gui.app

    calls = []
    monkeypatch.setattr(kvviz.gui.app, "run_app", lambda **kwargs: calls.append(kwargs) or 0)
    assert main(["--lang", "zh_CN"]) == 0
    assert main([]) == 0
    assert calls == [{"lang": "zh_CN"}, {}]  # plain `kvviz`: the app picks the saved or the system language
