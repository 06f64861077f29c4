"""`kvviz export`: a picture, an animation or the per-step data of a run, with no display needed.

Pictures and animations come from the app's own window, built offscreen (see
:mod:`kvviz.gui.export.offscreen`), so they match what the app exports; data files need no Qt
at all. Every mistake is found before anything is written, and files are written
all-or-nothing, so a failed export leaves no file behind.
"""

from __future__ import annotations

import argparse

from kvviz.atomic_file import OutputError, check_writable
from kvviz.exports import (
    ANIMATION_SUFFIXES,
    DATA_SUFFIXES,
    PICTURE_SUFFIXES,
    ExportError,
    export_data,
    suffix_of,
)
from kvviz.i18n import translate

SUFFIXES = (*PICTURE_SUFFIXES, *ANIMATION_SUFFIXES, *DATA_SUFFIXES)


def add_parser(sub: argparse._SubParsersAction) -> None:
    from kvviz.cli.common import add_model_options

    text = translate(
        "cli.export",
        "save a panel as PNG/SVG, steps as GIF/MP4, or per-step metrics as CSV/JSON (no display needed)",
    )
    cmd = sub.add_parser("export", help=text, description=text)
    add_model_options(cmd)
    cmd.add_argument(
        "--out",
        required=True,
        metavar="FILE",
        help=translate(
            "cli.export", "file to write: {suffixes} (.mp4 needs the video extra: pip install 'kvviz[video]')"
        ).format(suffixes=", ".join(SUFFIXES)),
    )
    cmd.add_argument(
        "--panel",
        default="attention",
        help=translate(
            "cli.export",
            "window, presentation, attention, attention_cached, attention_uncached, kv_cache, plots, plot_flops, "
            "plot_cumulative_flops, plot_cache_bytes, plot_time, tokens, … (unknown names list all; "
            "default: %(default)s)",
        ),
    )
    cmd.add_argument(
        "--layer",
        type=int,
        default=0,
        help=translate("cli.export", "layer in the attention panels (default: %(default)s)"),
    )
    cmd.add_argument(
        "--head",
        type=int,
        default=0,
        help=translate("cli.export", "query head in the attention panels (default: %(default)s)"),
    )
    size = cmd.add_mutually_exclusive_group()
    size.add_argument(
        "--scale",
        type=float,
        default=1.0,
        help=translate("cli.export", "pixels per screen pixel, e.g. 1, 2, 4 (default: 1)"),
    )
    size.add_argument(
        "--size",
        metavar="WxH",
        help=translate(
            "cli.export",
            "exact picture size in pixels, e.g. 1920x1080, or a slide: 16:9 (1920x1080) or 4:3 (1024x768); the "
            "panel is laid out to fill it",
        ),
    )
    cmd.add_argument(
        "--theme",
        choices=("dark", "slide"),
        default="dark",
        help=translate("cli.export", "colours and type (default: dark)"),
    )
    cmd.add_argument(
        "--from",
        dest="first",
        type=int,
        default=0,
        help=translate("cli.export", "first step of an animation (default: 0)"),
    )
    cmd.add_argument(
        "--to",
        dest="last",
        type=int,
        help=translate(
            "cli.export", "last step of an animation; past --steps, the run goes on to it (default: --steps)"
        ),
    )
    cmd.add_argument(
        "--frame-ms",
        type=int,
        default=500,
        help=translate("cli.export", "animation: milliseconds per frame (default: 500)"),
    )
    cmd.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kvviz.cli.common import CliError

    try:
        return _export(args)
    except (ExportError, OutputError) as exc:
        raise CliError(str(exc)) from None


def _export(args: argparse.Namespace) -> int:
    from kvviz.cli.common import machine_readable, run_from_args, run_steps, spec_from_args
    from kvviz.core.run import build_run

    suffix = suffix_of(args.out)
    if suffix not in SUFFIXES:
        message = translate("cli.export", "--out: give a file ending in {suffixes}, not {name}")
        raise ExportError(message.format(suffixes=", ".join(SUFFIXES), name=repr(args.out)))
    if args.steps < 1:
        raise ExportError(translate("cli.export", "--steps: must be at least 1, got {value}").format(value=args.steps))
    if args.last is not None and args.first > args.last:
        message = translate(
            "cli.export", "--from {first} --to {last}: the range is reversed; give the earlier step first"
        )
        raise ExportError(message.format(first=args.first, last=args.last))
    out = check_writable(args.out)
    if suffix in DATA_SUFFIXES:
        spec = spec_from_args(args)
        with machine_readable():  # the data files' words stay English for scripts
            exported = build_run(spec, count_flops=True)
        records = list(run_steps(exported, args.steps))
        with machine_readable():
            export_data(records, out)
        print(translate("cli.export", "wrote {path}: {steps} steps").format(path=out, steps=len(records)))
        return 0

    from kvviz.gui.export import animation as animation_export
    from kvviz.gui.export import picture as picture_export
    from kvviz.gui.export.offscreen import offscreen_window, show_panel
    from kvviz.gui.theme import THEMES

    size = picture_export.PictureSize(
        scale=args.scale, fixed=picture_export.parse_size(args.size) if args.size else None
    )
    if suffix in ANIMATION_SUFFIXES:
        animation_export.check_animation_path(out)
        animation_export.check_frame_ms(args.frame_ms)
    exported = run_from_args(args)
    config = exported.config
    for option, value, count in (("--layer", args.layer, config.n_layers), ("--head", args.head, config.n_heads)):
        if not 0 <= value < count:
            message = translate("cli.export", "{option}: must be in 0..{last} for this model, got {value}")
            raise ExportError(message.format(option=option, last=count - 1, value=value))
    goes_on = suffix in ANIMATION_SUFFIXES and args.last is not None and args.last > args.steps
    records = list(run_steps(exported, args.last if goes_on else args.steps))  # an animation runs on to its --to
    if suffix in ANIMATION_SUFFIXES:
        last = records[-1].step if args.last is None else args.last
        steps = animation_export.check_steps(args.first, last, len(records))

    with offscreen_window(exported, THEMES[args.theme], args.layer, args.head) as window:
        show_panel(window, args.panel)
        if suffix in PICTURE_SUFFIXES:
            path = picture_export.export_picture(window, args.panel, out, size)
            message = translate("cli.export", "wrote {path}: {panel} at step {step}")
            print(message.format(path=path, panel=args.panel, step=exported.current.step))
            return 0
        images = [animation_export.to_pil(im) for im in animation_export.frames(window, args.panel, steps, size)]
    path = animation_export.save_animation(images, out, args.frame_ms)
    message = translate("cli.export", "wrote {path}: {panel}, steps {first}..{last}, {frames} frames")
    print(message.format(path=path, panel=args.panel, first=steps.start, last=steps.stop - 1, frames=len(images)))
    return 0
