"""The model panel's words: its labels, selector entries and tooltips, marked for translation.

Kept apart from :mod:`kvviz.gui.views.controls` so that the panel's behaviour reads on its own;
the tables hold the English source texts and are translated where they are shown.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from kvviz.core.variants import trained_shapes_text

#: Cache policy kinds as the selector names them.
POLICY_TEXT = {
    "full": QT_TRANSLATE_NOOP("ModelControls", "Full cache"),
    "window": QT_TRANSLATE_NOOP("ModelControls", "Sliding window"),
    "sink": QT_TRANSLATE_NOOP("ModelControls", "Sinks + window"),
}
#: Cache storage types as the selector names them.
CACHE_DTYPE_TEXT = {
    "model": QT_TRANSLATE_NOOP("ModelControls", "model dtype"),
    "int8": QT_TRANSLATE_NOOP("ModelControls", "int8 + scales"),
    "int4": QT_TRANSLATE_NOOP("ModelControls", "int4 + scales"),
    "fp8": QT_TRANSLATE_NOOP("ModelControls", "fp8 + scales"),
}
#: Entry of the weights selector that opens a file dialog instead of choosing weights.
LOAD_CHECKPOINT = "load"
#: The weights selector's fixed entries.
WEIGHTS_TEXT = {
    "trained": QT_TRANSLATE_NOOP("ModelControls", "Trained (default)"),
    "random": QT_TRANSLATE_NOOP("ModelControls", "Random"),
    LOAD_CHECKPOINT: QT_TRANSLATE_NOOP("ModelControls", "Load checkpoint…"),
}

LABELS = {
    "prompt": QT_TRANSLATE_NOOP("ModelControls", "Prompt"),
    "max_new_tokens": QT_TRANSLATE_NOOP("ModelControls", "Max new tokens"),
    "weights": QT_TRANSLATE_NOOP("ModelControls", "Weights"),
    "n_layers": QT_TRANSLATE_NOOP("ModelControls", "Layers"),
    "n_heads": QT_TRANSLATE_NOOP("ModelControls", "Heads"),
    "n_kv_heads": QT_TRANSLATE_NOOP("ModelControls", "KV heads"),
    "d_model": "d_model",
    "head_dim": "head_dim",
    "dtype": QT_TRANSLATE_NOOP("ModelControls", "dtype"),
    "batch_size": QT_TRANSLATE_NOOP("ModelControls", "Batch"),
    "context_length": QT_TRANSLATE_NOOP("ModelControls", "Context length"),
    "seed": QT_TRANSLATE_NOOP("ModelControls", "Seed"),
    "policy": QT_TRANSLATE_NOOP("ModelControls", "Cache policy"),
    "window": QT_TRANSLATE_NOOP("ModelControls", "Window W"),
    "sinks": QT_TRANSLATE_NOOP("ModelControls", "Sinks S"),
    "cache_dtype": QT_TRANSLATE_NOOP("ModelControls", "Cache dtype"),
}

TOOLTIPS = {
    "prompt": QT_TRANSLATE_NOOP("ModelControls", "Text to prefill. Each byte is one token."),
    "max_new_tokens": QT_TRANSLATE_NOOP(
        "ModelControls",
        "Tokens to generate, counting the one the prefill generates; 0 runs until the context is full.",
    ),
    "n_layers": QT_TRANSLATE_NOOP("ModelControls", "Decoder layers. Each has its own K and V cache."),
    "n_heads": QT_TRANSLATE_NOOP("ModelControls", "Query heads per layer."),
    "n_kv_heads": QT_TRANSLATE_NOOP(
        "ModelControls",
        "K/V heads per layer: equal to heads is MHA, 1 is MQA, in between is GQA. Must divide heads.",
    ),
    "d_model": QT_TRANSLATE_NOOP("ModelControls", "Width of the residual stream."),
    "head_dim": QT_TRANSLATE_NOOP(
        "ModelControls", "Width of one head; 'auto' uses d_model / heads. Must be even (rotary embeddings)."
    ),
    "dtype": QT_TRANSLATE_NOOP(
        "ModelControls", "Element type of weights and cache: float32 takes 4 bytes, float16 and bfloat16 take 2."
    ),
    "batch_size": QT_TRANSLATE_NOOP(
        "ModelControls", "Sequences run together. The views show sequence 0; the cache holds all of them."
    ),
    "context_length": QT_TRANSLATE_NOOP(
        "ModelControls", "Positions the cache is allocated for; generation stops when they are full."
    ),
    "seed": QT_TRANSLATE_NOOP("ModelControls", "Seed of the random weights (and of sampling)."),
    "weights": QT_TRANSLATE_NOOP(
        "ModelControls",
        "Trained: the shipped model of the chosen shape ({shapes}, d_model 128, 4 heads); other shapes run random "
        "weights. Random: seeded initialisation, any shape. Or a checkpoint saved by `kvviz train`, which fixes the "
        "layers, heads and widths.",
    ),
    "policy": QT_TRANSLATE_NOOP(
        "ModelControls",
        "Which keys the cache keeps. Full: every key, until the context is full. Sliding window: the last W keys. "
        "Sinks + window: the first S keys and the last W. The run without a cache is masked the same way, so both "
        "still compute the same thing.",
    ),
    "window": QT_TRANSLATE_NOOP("ModelControls", "W: keys kept counting back from the query, its own included."),
    "sinks": QT_TRANSLATE_NOOP("ModelControls", "S: first keys kept for good as attention sinks (StreamingLLM)."),
    "cache_dtype": QT_TRANSLATE_NOOP(
        "ModelControls",
        "How the cache stores K and V: in the model's dtype, or quantized with one float16 scale per token and "
        "head. The run without a cache stays in full precision: the difference is the quantization error.",
    ),
}

#: Why a shape control is locked while saved weights are chosen.
LOCKED_TIP = QT_TRANSLATE_NOOP("ModelControls", "Fixed by the {label} weights; choose Random weights to change it.")


def control_text(text: str) -> str:
    """A text marked in a table above, in the current language."""
    return QCoreApplication.translate("ModelControls", text)


def tooltip(name: str) -> str:
    """The tooltip of control ``name`` in the current language."""
    text = control_text(TOOLTIPS[name])
    return text.format(shapes=trained_shapes_text()) if name == "weights" else text


def word_controls(controls) -> None:  # a ModelControls (typed loosely: controls imports this module)
    """Every label, selector entry, button and tooltip of the model panel in the current language."""
    combos = controls.combos
    for name, label in controls.row_labels.items():
        label.setText(control_text(LABELS[name]))
    for combo, texts in (
        (controls.weights, WEIGHTS_TEXT),
        (controls.policy, POLICY_TEXT),
        (controls.cache_dtype, CACHE_DTYPE_TEXT),
    ):
        for key, text in texts.items():
            if (index := combo.findData(key)) >= 0:
                combo.setItemText(index, control_text(text))
    controls.spins["max_new_tokens"].setSpecialValueText(
        QCoreApplication.translate("ModelControls", "until the context is full")
    )
    controls.spins["head_dim"].setSpecialValueText(QCoreApplication.translate("ModelControls", "auto"))
    controls.apply_button.setText(QCoreApplication.translate("ModelControls", "Apply"))
    controls.apply_button.setToolTip(
        QCoreApplication.translate(
            "ModelControls", "Rebuild the model with these settings and start again from the prefill."
        )
    )
    controls.defaults_button.setText(QCoreApplication.translate("ModelControls", "Defaults"))
    controls.defaults_button.setToolTip(
        QCoreApplication.translate("ModelControls", "Fill in the default model and prompt (press Apply to use them).")
    )
    for name in LABELS:
        control = controls.prompt if name == "prompt" else combos.get(name) or controls.spins[name]
        for widget in (control, controls.row_labels[name]):
            widget.setToolTip(tooltip(name))
