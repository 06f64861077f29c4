"""The "What am I looking at?" page: prefill, decode, Q·Kᵀ, the mask and the cache, in plain words."""

from __future__ import annotations

from PySide6.QtWidgets import QTextBrowser, QWidget

from kvviz.gui.theme import Theme


def help_html(theme: Theme) -> str:
    t = theme

    def chip(colour: str, text: str) -> str:
        return f"<span style='background:{colour}; color:#000'>&nbsp;{text}&nbsp;</span>"

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
