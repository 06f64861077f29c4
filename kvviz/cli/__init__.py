"""The `kvviz` command: the app by default, headless sub-commands for scripts.

Each sub-command is a module here with ``add_parser(sub)`` and ``run(args) -> int``. Plain
``kvviz`` hands over to the app before any of them is imported: they pull in torch, and the
app paints its window before torch has loaded.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from importlib import import_module

SUBCOMMANDS = ("trace", "mem", "train", "export", "eval")

DESCRIPTION = (
    "See the KV cache of a transformer decoder work, step by step. "
    "Plain `kvviz`, with no command, opens the desktop app; the commands below work without a display."
)


def build_parser():
    """The argparse tree of every sub-command (importing them, and so torch)."""
    from kvviz import __version__
    from kvviz.cli.common import Parser

    parser = Parser(prog="kvviz", description=DESCRIPTION)
    parser.add_argument("--version", action="version", version=f"kvviz {__version__}")
    sub = parser.add_subparsers(dest="command", parser_class=Parser, metavar="COMMAND")
    for name in SUBCOMMANDS:
        import_module(f"kvviz.cli.{name}").add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv:
        from kvviz.gui.app import run_app

        return run_app()

    from kvviz.cli.common import OPTION_FOR_FIELD, CliError
    from kvviz.core.checkpoint import CheckpointError
    from kvviz.core.config import ConfigError

    try:
        args = build_parser().parse_args(argv)
        if args.command is None:  # options only, e.g. `kvviz --seed 3`: there is no app option
            raise CliError("give a command (kvviz --help lists them), or no arguments to open the app")
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
