"""The "What am I looking at?" page: prefill, decode, Q·Kᵀ, the mask and the cache, in plain words.

Every sentence is one a test or a measurement backs: agreement is worded as the status bar
measures it (equal, equal within rounding, or different), the cost of a cached step is said
to grow through attention, and eviction is said to remove K and V, not a token's influence,
with a link that measures that influence on the run shown.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QUrl, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QTextBrowser, QWidget

from kvviz.gui.theme import Theme
from kvviz.gui.views.language import FollowsLanguage

#: The link in the eviction paragraph that asks for the eviction probe.
PROBE_LINK = "kvviz:probe-eviction"
#: Who writes the text before a model is named (and when the tiny decoder runs); translated when shown.
TINY_MODEL = QT_TRANSLATE_NOOP("HelpPanel", "A tiny transformer decoder")


def _tr(text: str) -> str:
    return QCoreApplication.translate("HelpPanel", text)


def model_phrase(weights: str, layers: int, heads: int, kv_heads: int, family: str | None = None) -> str:
    """The page's subject: the model that runs, so a real model is not called a tiny decoder.

    ``family`` names a real model's architecture (Llama, GPT-2 …); None is the tiny decoder.
    Worded in the language installed now.
    """
    shape = QCoreApplication.translate("HelpPanel", "{layers} layers, {heads} query heads, {kv_heads} K/V heads")
    shape = shape.format(layers=layers, heads=heads, kv_heads=kv_heads)
    if family is None:
        phrase = QCoreApplication.translate("HelpPanel", "{tiny} ({shape}; {weights} weights)")
        return phrase.format(tiny=_tr(TINY_MODEL), shape=shape, weights=weights)
    phrase = QCoreApplication.translate(
        "HelpPanel", "A real {family} model, {weights} ({shape}; run by its own transformers classes)"
    )
    return phrase.format(family=family, weights=weights, shape=shape)


def help_html(theme: Theme, probe: str = "", model: str = TINY_MODEL, uncached_off: str = "") -> str:
    """The page; ``probe`` is the eviction probe's latest finding, shown under its link; ``model`` says
    which model runs (:func:`model_phrase`); ``uncached_off`` why the pass without a cache does not run.

    Worded in the language installed now; the paragraphs are translated whole, their chips and
    links put in by name, so a translation orders its sentences as its language needs."""
    t = theme
    finding = f"<br><i>{escape(probe)}</i>" if probe else ""
    if model == TINY_MODEL:
        model = _tr(TINY_MODEL)
    if uncached_off:
        twice = QCoreApplication.translate(
            "HelpPanel",
            "This run computes each step <b>with a KV cache</b> (right) only: the pass <b>without one</b> (left) "
            "is {reason}. The left matrix shows which cells it would recompute; nothing is measured "
            "or checked against it, and the status bar says so.",
        ).format(reason=escape(uncached_off))
    else:
        twice = QCoreApplication.translate(
            "HelpPanel",
            "Every step is run twice: <b>without a KV cache</b> (left) and <b>with one</b> (right). With the cache "
            "in the model's own dtype both compute the same function: their logits agree up to floating-point "
            "rounding, and so, unless two tokens nearly tie, do the tokens they choose. The status bar says what "
            "it measured at each step: <i>equal</i> (bit for bit), <i>equal within rounding</i>, or how far they "
            "differ.",
        )

    def chip(colour: str, text: str) -> str:
        ink = "#000" if QColor(colour).lightness() > 100 else "#fff"  # dark chips (evicted) need light text
        return f"<span style='background:{colour}; color:{ink}'>&nbsp;{text}&nbsp;</span>"

    chips = {
        "recomputed": chip(t.recomputed, QCoreApplication.translate("HelpPanel", "recomputed")),
        "computed": chip(t.computed, QCoreApplication.translate("HelpPanel", "computed this step")),
        "skipped": chip(t.skipped, QCoreApplication.translate("HelpPanel", "skipped")),
        "from_cache": chip(t.kv_from_cache, QCoreApplication.translate("HelpPanel", "read from the cache")),
        "kv_computed": chip(t.kv_computed, QCoreApplication.translate("HelpPanel", "computed this step")),
        "outside": chip(t.out_of_window, QCoreApplication.translate("HelpPanel", "outside the window")),
        "evicted": chip(t.kv_evicted, QCoreApplication.translate("HelpPanel", "evicted from the cache")),
    }
    sections = [
        (
            QCoreApplication.translate("HelpPanel", "What am I looking at?"),
            QCoreApplication.translate(
                "HelpPanel",
                "{model} writes text one token at a time. {twice} The difference that matters is how much work "
                "each does. Press <b>Space</b> to take a step.",
            ),
        ),
        (
            QCoreApplication.translate("HelpPanel", "Prefill, then decode"),
            QCoreApplication.translate(
                "HelpPanel",
                "<b>Prefill</b> (step 0) runs the whole prompt at once. Each <b>decode</b> step then processes one "
                "new token &mdash; the one the previous step generated &mdash; and generates the next. The token "
                "strip at the top shows the prompt, the generated tokens, and the token processed this step.",
            ),
        ),
        (
            QCoreApplication.translate("HelpPanel", "Q·Kᵀ: the attention scores"),
            QCoreApplication.translate(
                "HelpPanel",
                "Each token becomes a query (a row) and a key (a column). A cell is the scaled dot product of one "
                "query with one key; softmax turns a row of scores into weights that mix the values V. Brighter "
                "cells have higher scores. Hover over a cell for its numbers.",
            ),
        ),
        (
            QCoreApplication.translate("HelpPanel", "The causal mask"),
            QCoreApplication.translate(
                "HelpPanel",
                "A token may only look at itself and earlier tokens, so everything above the diagonal is masked "
                "(hatched). That is why a row, once computed, never changes: later tokens add rows below and "
                "columns to the right, but never alter an earlier row.",
            ),
        ),
        (
            QCoreApplication.translate("HelpPanel", "Without a cache"),
            QCoreApplication.translate(
                "HelpPanel",
                "Every step feeds the whole sequence again: all earlier rows are {recomputed} and give the numbers "
                "they gave before, up to floating-point rounding (the sums may run in another order; the status "
                "bar shows the largest difference), and every earlier key and value is projected again. Only the "
                "last row is new: {computed}.",
            ),
        ),
        (
            QCoreApplication.translate("HelpPanel", "With a KV cache"),
            QCoreApplication.translate(
                "HelpPanel",
                "The model keeps each token's <b>keys and values</b> (K and V) from earlier steps. A decode step "
                "computes Q, K and V for the new token only, appends its K and V to the cache, and computes one "
                "new row against all cached keys. The earlier rows are {skipped}: they are not needed again. The "
                "strip under each matrix marks which K/V were {from_cache} and which were {kv_computed}.",
            )
            + "</p><p>"
            + QCoreApplication.translate(
                "HelpPanel",
                "The cache stores K and V &mdash; <i>not</i> attention scores or weights &mdash; and it lives in "
                "ordinary main memory (the GPU's or the CPU's), not in registers. Its size grows by one column "
                "per token: <b>2 × batch × tokens × layers × kv_heads × head_dim × bytes per element</b>. The KV "
                "cache panel shows that formula with this step's numbers and each layer's K and V buffers "
                "filling up.",
            ),
        ),
        (
            QCoreApplication.translate("HelpPanel", "MHA, GQA, MQA"),
            QCoreApplication.translate(
                "HelpPanel",
                "With fewer K/V heads than query heads (GQA; MQA has one), several query heads share one K/V "
                "head, and the cache shrinks by the same factor. Change <i>kv-heads</i> in the Model panel and "
                "watch the formula.",
            ),
        ),
        (
            QCoreApplication.translate("HelpPanel", "When the context is full: cache policies"),
            QCoreApplication.translate(
                "HelpPanel",
                "With the <b>full cache</b> every key stays, so generation stops when all context positions hold "
                "tokens. A <b>sliding window</b> keeps only the last W keys: older ones are {outside} &mdash; their "
                "K and V are evicted from every layer's cache, and the run without a cache masks them the same "
                "way, so no later query attends to them again &mdash; and the cache stops growing at W slots, so "
                "generation slides on past the context length. <b>Sinks + window</b> also keeps the first S "
                "tokens (attention sinks), which models lean on heavily. The K/V strip marks keys {evicted}; the "
                "KV cache panel shows the slots plateau.",
            )
            + "</p><p>"
            + QCoreApplication.translate(
                "HelpPanel",
                "Eviction removes a token's K and V, not what was read from them. With two or more layers, tokens "
                "that attended to it while it was still in the window carry that in their hidden states, and "
                "their own K and V pass it on, so an evicted token can still change the output; with one layer "
                'nothing of it is left. <a href="{probe_link}">Measure it on the step shown</a>: the evicted '
                "tokens are altered and the model runs again.",
            )
            + "{finding}",
        ),
        (
            QCoreApplication.translate("HelpPanel", "Quantized caches"),
            QCoreApplication.translate(
                "HelpPanel",
                "An int8, int4 or fp8 cache stores K and V in fewer bits plus one float16 scale per token and "
                "head: the formula counts those scales. The run without a cache stays in full precision, so the "
                "status bar's max |&Delta;| is the quantization error (never called rounding), and it says at "
                "which step the two runs first chose different tokens.",
            ),
        ),
        (
            QCoreApplication.translate("HelpPanel", "Paged cache"),
            QCoreApplication.translate(
                "HelpPanel",
                "A contiguous cache reserves the whole context for every sequence. A paged cache (vLLM's "
                "PagedAttention) hands out fixed-size blocks as sequences grow; a block table maps positions to "
                "blocks, and at most the tail of each sequence's last block is wasted. The Paged cache panel "
                "fills a real paged store for a batch of lengths.",
            ),
        ),
        (
            QCoreApplication.translate("HelpPanel", "Plots"),
            QCoreApplication.translate(
                "HelpPanel",
                "FLOPs per step grow with the sequence without a cache: every token passes through every "
                "projection and the MLP again, and attention covers all n × n cells. With a cache a decode step "
                "runs one token, so the projections, MLP and LM head cost the same every step, but attention "
                "still reads every cached key: its part (Q·Kᵀ and A·V) grows in proportion to the keys it reads "
                "(n, or up to the window with an evicting policy), and the plot of a cached step shows it, with "
                "its share at the step shown. The cumulative totals show what a whole run costs. Cache bytes "
                "grow linearly up to what was allocated for the context length. Wall time is measured; on a "
                "tiny model it is noisy. Click a plot to go to a step.",
            ),
        ),
        (
            QCoreApplication.translate("HelpPanel", "Keys"),
            QCoreApplication.translate(
                "HelpPanel",
                "<b>Space</b> or <b>→</b> step · <b>←</b> step back · <b>P</b> play/pause · <b>Home</b> first "
                "step · <b>End</b> run to the end · <b>Ctrl+R</b> reset · <b>F</b> fit the matrices · mouse wheel "
                "zooms, drag pans.",
            ),
        ),
    ]
    fill = {"model": escape(model), "twice": twice, "probe_link": PROBE_LINK, "finding": finding, **chips}
    page = []
    for i, (title, text) in enumerate(sections):
        tag = "h3" if i == 0 else "h4"
        page.append(f"<{tag}>{title}</{tag}>\n<p>{text.format_map(fill)}</p>")
    return "\n\n".join(page)


class HelpPanel(FollowsLanguage, QTextBrowser):
    """The help page, readable next to the views; its probe link emits ``probe_requested``."""

    probe_requested = Signal()

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.theme = theme
        self.probe = ""
        self.model = TINY_MODEL
        self.uncached_off = ""
        self.setOpenLinks(False)  # links are requests to the app, never pages to open
        self.anchorClicked.connect(self._on_link)
        self.setHtml(help_html(theme))

    def apply_theme(self, theme: Theme) -> None:
        """The page again in ``theme``'s colours, at the same place."""
        self.theme = theme
        self.show_probe(self.probe)

    def retranslate(self) -> None:
        """The page again in the language installed now, at the same place (the model's phrase is
        the caller's to give again through :meth:`set_model`)."""
        self._refresh()

    def show_probe(self, text: str) -> None:
        """Show the probe's finding under its link, keeping the reader's place on the page."""
        self.probe = text
        self._refresh()

    def set_model(self, phrase: str, uncached_off: str = "") -> None:
        """Name the model that runs now (see :func:`model_phrase`) and why its uncached pass is off ("": it runs)."""
        if (phrase, uncached_off) != (self.model, self.uncached_off):
            self.model, self.uncached_off = phrase, uncached_off
            self._refresh()

    def _refresh(self) -> None:
        scrolled = self.verticalScrollBar().value()
        self.setHtml(help_html(self.theme, self.probe, self.model, self.uncached_off))
        self.verticalScrollBar().setValue(scrolled)

    def _on_link(self, url: QUrl) -> None:
        if url.toString() == PROBE_LINK:
            self.probe_requested.emit()
