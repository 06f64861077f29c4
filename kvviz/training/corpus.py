"""Training text that every machine running kvviz already has: Python's own documentation.

``pydoc_data.topics`` ships with CPython (it is what ``help("for")`` prints): about 460 KB of
English prose about keys, values, objects and names, with some grammar and code. Nothing is
downloaded, and the same Python version gives the same bytes everywhere, so a training run is
reproducible from its seed. Other Python versions ship slightly different text; the corpus
fingerprint in the model card tells which text a checkpoint was trained on.

The text is read as prose: indentation and the space runs that align tables are squeezed to
one space, and heading underlines and table borders are dropped. A small model fed long runs of
one character learns to emit them forever; without them its greedy output stays readable.
"""

from __future__ import annotations

import hashlib
import platform
import re
from dataclasses import dataclass

from kvviz.i18n import translate

#: Fraction of the corpus, taken from its end, that training never sees.
HELDOUT_FRACTION = 0.05
SOURCE = (
    "pydoc_data.topics.topics (CPython's help() topics), values joined by blank lines in key order, "
    "read as prose (kvviz.training.corpus.as_prose)"
)
_RULE_LINE = re.compile(r"([*=\-^~])\1{2,}|[+=\-| ]*[+|][+=\-| ]*")  # heading underline or table border


class CorpusError(RuntimeError):
    """The Python installation lacks the documentation topics (some distributions strip them)."""


@dataclass(frozen=True)
class Corpus:
    """The training and held-out bytes, and where they came from."""

    train: bytes
    heldout: bytes
    python_version: str
    sha256: str  # of train + heldout, to tell which text a checkpoint saw

    @property
    def n_bytes(self) -> int:
        return len(self.train) + len(self.heldout)


def load_corpus() -> Corpus:
    """The documentation topics in a fixed order, split once: the last 5 % is held out."""
    try:
        from pydoc_data.topics import topics
    except ImportError as exc:
        message = translate("training", "this Python has no pydoc_data.topics to train on: {reason}")
        raise CorpusError(message.format(reason=exc)) from exc
    data = as_prose("\n\n".join(topics[key] for key in sorted(topics))).encode("utf-8")
    cut = len(data) - round(len(data) * HELDOUT_FRACTION)
    return Corpus(
        train=data[:cut],
        heldout=data[cut:],
        python_version=platform.python_version(),
        sha256=hashlib.sha256(data).hexdigest(),
    )


def as_prose(text: str) -> str:
    """Each line stripped, inner space runs squeezed to one, rule lines dropped, at most one blank line."""
    lines = []
    for line in text.splitlines():
        line = re.sub(r" {2,}", " ", line.strip())
        if not _RULE_LINE.fullmatch(line):
            lines.append(line)
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines))
