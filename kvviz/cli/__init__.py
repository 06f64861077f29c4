"""The `kvviz` command: the app by default, headless sub-commands for scripts.

Each sub-command is a module here with ``add_parser(sub)`` and ``run(args) -> int``. Plain
``kvviz`` hands over to the app before any of them is imported: they pull in torch, and the
app paints its window before torch has loaded.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from importlib import import_module

from kvviz.i18n import LANGUAGES, language, language_from_environment, set_language, translate

SUBCOMMANDS = ("trace", "mem", "train", "export", "eval")


def build_parser():
    """The argparse tree of every sub-command (importing them, and so torch)."""
    from kvviz import __version__
    from kvviz.cli.common import Parser

    parser = Parser(
        prog="kvviz",
        description=translate(
            "cli",
            "See the KV cache of a transformer decoder work, step by step. Plain `kvviz`, with no command, "
            "opens the desktop app; the commands below work without a display.",
        ),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"kvviz {__version__}",
        help=translate("cli.argparse", "show program's version number and exit"),
    )
    parser.add_argument(
        "--lang",
        choices=list(LANGUAGES),
        help=translate("cli", "language of the app and of every text printed (default: the system's, from LANG)"),
    )
    sub = parser.add_subparsers(dest="command", parser_class=Parser, metavar="COMMAND")
    for name in SUBCOMMANDS:
        import_module(f"kvviz.cli.{name}").add_parser(sub)
    return parser


def split_language(argv: list[str]) -> tuple[str | None, list[str]]:
    """The ``--lang`` value given before the sub-command, if any, and the arguments without it.

    Read before argparse (which imports torch through the sub-commands), so the help, the errors
    and the app all speak the chosen language, and a wrong code is refused at once. The value is
    "" when ``--lang`` has none.
    """
    for index, token in enumerate(argv):
        if not token.startswith("-"):
            break  # the sub-command: what follows is its own
        if token == "--lang" or token.startswith("--lang="):
            if "=" in token:
                return token.partition("=")[2], argv[:index] + argv[index + 1 :]
            value = argv[index + 1] if index + 1 < len(argv) else ""
            return ("" if value.startswith("-") else value), argv[:index] + argv[index + 2 :]
    return None, argv


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    previous = language()
    set_language(language_from_environment())
    try:
        code, argv = split_language(argv)
        if code is not None and code not in LANGUAGES:
            message = translate("cli", "unknown language '{code}'; available: {languages}")
            print(f"kvviz: error: {message.format(code=code, languages=', '.join(LANGUAGES))}", file=sys.stderr)
            return 2
        if code is not None:
            set_language(code)
        if not argv:
            from kvviz.gui.app import run_app

            return run_app() if code is None else run_app(lang=code)
        return _run_command(argv)
    finally:
        set_language(previous)  # in-process callers (tests) keep their language


def _run_command(argv: list[str]) -> int:
    """Parse and run one sub-command; a user mistake is one line on stderr and exit status 2."""
    from kvviz.cli.common import OPTION_FOR_FIELD, CliError
    from kvviz.core.checkpoint import CheckpointError
    from kvviz.core.config import ConfigError

    try:
        args = build_parser().parse_args(argv)
        if args.command is None:  # options only, e.g. `kvviz --seed 3`: there is no app option
            raise CliError(
                translate("cli", "give a command (kvviz --help lists them), or no arguments to open the app")
            )
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
