"""The languages kvviz speaks: English (the source texts) and Simplified Chinese.

One catalogue per language, ``kvviz_<code>.ts`` (Qt Linguist's XML, written by
``pyside6-lupdate`` and filled in by hand), sits beside this module. The GUI reads its compiled
twin ``kvviz_<code>.qm`` through a ``QTranslator``; code without Qt (the core's captions and
errors, the CLI) reads the ``.ts`` here, so the window, the exports and the terminal say the same
words. Texts are marked with ``translate(context, text)`` (``QCoreApplication.translate`` in Qt
code): lupdate finds both. A table built at import (before any language is chosen) marks its texts
with ``QT_TRANSLATE_NOOP(context, text)``, which lupdate finds and which returns the English; the
code showing one says it with ``translate(context, text)``. Placeholders are named (``{rows}``),
so a translation may reorder them.
"""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from functools import cache
from importlib import resources

SOURCE = "en"
LANGUAGES: dict[str, str] = {"en": "English", "zh_CN": "简体中文"}
"""Each language's code and its name in itself (what a language menu shows)."""

_active = SOURCE


class UnknownLanguage(ValueError):
    """A language code kvviz has no catalogue for; the message lists the ones it has."""

    def __init__(self, code: str) -> None:
        super().__init__(f"unknown language {code!r}; available: {', '.join(LANGUAGES)}")


def catalogue_file(code: str, suffix: str = ".ts"):
    """The shipped catalogue of a language (``.ts`` source or ``.qm`` compiled)."""
    return resources.files(__package__).joinpath(f"kvviz_{code}{suffix}")


@cache
def _catalogue(code: str) -> Mapping[tuple[str, str], str]:
    """(context, source) → translation, for the finished messages of one language."""
    if code == SOURCE:
        return {}
    root = ET.fromstring(catalogue_file(code).read_bytes())
    table: dict[tuple[str, str], str] = {}
    for context in root.iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is None or translation.get("type") in {"unfinished", "obsolete", "vanished"}:
                continue
            if translation.text:
                table[(name, message.findtext("source", ""))] = translation.text
    return table


def translate(context: str, text: str) -> str:
    """``text`` in the active language (itself when the catalogue has no finished translation)."""
    return _catalogue(_active).get((context, text), text) if _active != SOURCE else text


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 (the name lupdate looks for)
    """``text`` itself: marks a text in a table built at import, for lupdate; ``translate`` says it when shown."""
    del context  # read by lupdate, not here: the caller passes the same context to translate()
    return text


def set_language(code: str) -> None:
    """Make ``code`` the language of every text translated from now on."""
    global _active
    if code not in LANGUAGES:
        raise UnknownLanguage(code)
    _active = code


def language() -> str:
    """The active language's code."""
    return _active


def language_from_environment(environ: Mapping[str, str] = os.environ) -> str:
    """The language the system asks for, read as gettext reads it.

    ``LANGUAGE`` (a colon-separated preference list), then ``LC_ALL``, ``LC_MESSAGES``, ``LANG``;
    the first one set decides. "zh_CN.UTF-8", "zh_CN", "zh_SG" and "zh" give Simplified Chinese;
    anything else (including "C" and "POSIX") gives English.
    """
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(variable, "")
        if not value:
            continue
        for wanted in value.split(":") if variable == "LANGUAGE" else [value]:
            code = wanted.split(".")[0].split("@")[0]
            if code in LANGUAGES:
                return code
            if code in {"zh", "zh_SG", "zh_Hans", "zh_Hans_CN"}:
                return "zh_CN"
            if code and code not in {"C", "POSIX"} and code.split("_")[0] == "en":
                return "en"
        if variable != "LANGUAGE":
            return SOURCE  # LC_ALL etc. name one locale: a language kvviz lacks means English
    return SOURCE
