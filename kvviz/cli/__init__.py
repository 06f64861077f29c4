"""The `kvviz` command: the app by default, headless sub-commands for scripts.

Each sub-command is a module here with ``add_parser(sub)`` and ``run(args) -> int``.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from kvviz.cli import export, mem, trace, train
from kvviz.cli.common import OPTION_FOR_FIELD, CliError, Parser
from kvviz.core.checkpoint import CheckpointError
from kvviz.core.config import ConfigError

SUBCOMMANDS = (trace, mem, train, export)


def build_parser() -> Parser:
    parser = Parser(prog="kvviz", description="See the KV cache of a transformer decoder work, step by step.")
    sub = parser.add_subparsers(dest="command", parser_class=Parser)
    for command in SUBCOMMANDS:
        command.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        args = build_parser().parse_args(argv)
        if args.command is None:
            from kvviz.gui.app import run_app

            return run_app()
        return args.func(args)
    except CliError as exc:
        print(f"kvviz: error: {exc}", file=sys.stderr)
        return 2
    except ConfigError as exc:
        option = OPTION_FOR_FIELD.get(exc.field, exc.field)
        print(f"kvviz: error: {option}: {exc.rule}", file=sys.stderr)
        return 2
    except CheckpointError as exc:
        print(f"kvviz: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
