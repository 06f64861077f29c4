"""The "What am I looking at?" page: prefill, decode, Q·Kᵀ, the mask and the cache, in plain words."""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QTextBrowser, QWidget

from kvviz.gui.theme import Theme


def help_html(theme: Theme) -> str:
    t = theme

    def chip(colour: str, text: str) -> str:
        ink = "#000" if QColor(colour).lightness() > 100 else "#fff"  # dark chips (evicted) need light text
        return f"<span style='background:{colour}; color:{ink}'>&nbsp;{text}&nbsp;</span>"

    return f"""
<h3>What am I looking at?</h3>
<p>A tiny transformer decoder writes text one token at a time. Every step is run twice:
<b>without a KV cache</b> (left) and <b>with one</b> (right). Both produce the same next token;
the difference is how much work each does. Press <b>Space</b> to take a step.</p>

<h4>Prefill, then decode</h4>
<p><b>Prefill</b> (step 0) runs the whole prompt at once. Each <b>decode</b> step then
processes one new token &mdash; the one the previous step generated &mdash; and generates the next.
The token strip at the top shows the prompt, the generated tokens, and the token processed this step.</p>

<h4>Q·Kᵀ: the attention scores</h4>
<p>Each token becomes a query (a row) and a key (a column). A cell is the scaled dot product
of one query with one key; softmax turns a row of scores into weights that mix the values V.
Brighter cells have higher scores. Hover over a cell for its numbers.</p>

<h4>The causal mask</h4>
<p>A token may only look at itself and earlier tokens, so everything above the diagonal is
masked (hatched). That is why a row, once computed, never changes: later tokens add rows
below and columns to the right, but never alter an earlier row.</p>

<h4>Without a cache</h4>
<p>Every step feeds the whole sequence again: all earlier rows are
{chip(t.recomputed, "recomputed")} and give exactly the numbers they gave before
(the status bar shows the largest difference), and every earlier key and value is projected
again. Only the last row is new: {chip(t.computed, "computed this step")}.</p>

<h4>With a KV cache</h4>
<p>The model keeps each token's <b>keys and values</b> (K and V) from earlier steps. A decode step
computes Q, K and V for the new token only, appends its K and V to the cache, and computes one new
row against all cached keys. The earlier rows are {chip(t.skipped, "skipped")}: they are not needed
again. The strip under each matrix marks which K/V were {chip(t.kv_from_cache, "read from the cache")}
and which were {chip(t.kv_computed, "computed this step")}.</p>
<p>The cache stores K and V &mdash; <i>not</i> attention scores or weights &mdash; and it lives in
ordinary main memory (the GPU's or the CPU's), not in registers. Its size grows by one column per
token: <b>2 × batch × tokens × layers × kv_heads × head_dim × bytes per element</b>. The KV cache panel
shows that formula with this step's numbers and each layer's K and V buffers filling up.</p>

<h4>MHA, GQA, MQA</h4>
<p>With fewer K/V heads than query heads (GQA; MQA has one), several query heads share one K/V head,
and the cache shrinks by the same factor. Change <i>kv-heads</i> in the Model panel and watch the
formula.</p>

<h4>When the context is full: cache policies</h4>
<p>With the <b>full cache</b> every key stays, so generation stops when all context positions hold
tokens. A <b>sliding window</b> keeps only the last W keys: older ones are
{chip(t.out_of_window, "outside the window")} &mdash; evicted from the cache, and masked the same way in the
run without a cache, so the model has truly forgotten them &mdash; and the cache stops growing at W slots,
so generation slides on past the context length. <b>Sinks + window</b> also keeps the first S tokens
(attention sinks), which models lean on heavily. The K/V strip marks keys
{chip(t.kv_evicted, "evicted from the cache")}; the KV cache panel shows the slots plateau.</p>

<h4>Quantized caches</h4>
<p>An int8, int4 or fp8 cache stores K and V in fewer bits plus one float16 scale per token and head:
the formula counts those scales. The run without a cache stays in full precision, so the status bar's
max |&Delta;logit| is the quantization error, and it says when the two runs first chose different tokens.</p>

<h4>Paged cache</h4>
<p>A contiguous cache reserves the whole context for every sequence. A paged cache (vLLM's PagedAttention)
hands out fixed-size blocks as sequences grow; a block table maps positions to blocks, and at most the tail of
each sequence's last block is wasted. The Paged cache panel fills a real paged store for a batch of lengths.</p>

<h4>Plots</h4>
<p>FLOPs per step grow with the sequence without a cache and stay flat with one; the cumulative
totals show what a whole run costs. Cache bytes grow linearly up to what was allocated for the
context length. Wall time is measured; on a tiny model it is noisy. Click a plot to go to a step.</p>

<h4>Keys</h4>
<p><b>Space</b> or <b>→</b> step · <b>←</b> step back · <b>P</b> play/pause · <b>Home</b> first step ·
<b>End</b> run to the end · <b>Ctrl+R</b> reset · <b>F</b> fit the matrices ·
mouse wheel zooms, drag pans.</p>
"""


class HelpPanel(QTextBrowser):
    """The help page, readable next to the views."""

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenExternalLinks(False)
        self.setHtml(help_html(theme))
