"""The model panel: prompt, token budget and model shape, checked as the user types.

Every edit builds a candidate configuration through the core's own validation; a
rejected value is explained under the control it concerns and Apply stays disabled, so
an impossible model never reaches the engine. Ranges are capped so that a whole run's
recorded attention (layers × heads × context² values) stays within memory.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from kvviz.core import tokenizer
from kvviz.core.config import DTYPES, ConfigError, ModelConfig, check_prompt_fits
from kvviz.core.defaults import DEFAULT_PROMPT, default_config
from kvviz.gui.theme import Theme

#: (minimum, maximum) of each integer control. The caps bound memory: attention rows for a
#: full run at 8 layers × 16 heads × 1024 positions are about half a GiB.
RANGES: dict[str, tuple[int, int]] = {
    "max_new_tokens": (0, 4096),
    "n_layers": (1, 8),
    "n_heads": (1, 16),
    "n_kv_heads": (1, 16),
    "d_model": (2, 512),
    "head_dim": (0, 256),
    "batch_size": (1, 16),
    "context_length": (1, 1024),
    "seed": (0, 2**31 - 1),
}

LABELS = {
    "prompt": "Prompt",
    "max_new_tokens": "Max new tokens",
    "n_layers": "Layers",
    "n_heads": "Heads",
    "n_kv_heads": "KV heads",
    "d_model": "d_model",
    "head_dim": "head_dim",
    "dtype": "dtype",
    "batch_size": "Batch",
    "context_length": "Context length",
    "seed": "Seed",
}

TOOLTIPS = {
    "prompt": "Text to prefill. Each byte is one token.",
    "max_new_tokens": "Tokens to generate, counting the one the prefill generates; 0 runs until the context is full.",
    "n_layers": "Decoder layers. Each has its own K and V cache.",
    "n_heads": "Query heads per layer.",
    "n_kv_heads": "K/V heads per layer: equal to heads is MHA, 1 is MQA, in between is GQA. Must divide heads.",
    "d_model": "Width of the residual stream.",
    "head_dim": "Width of one head; 'auto' uses d_model / heads. Must be even (rotary embeddings).",
    "dtype": "Element type of weights and cache: float32 takes 4 bytes, float16 and bfloat16 take 2.",
    "batch_size": "Sequences run together. The views show sequence 0; the cache holds all of them.",
    "context_length": "Positions the cache is allocated for; generation stops when they are full.",
    "seed": "Seed of the random weights.",
}


@dataclass(frozen=True)
class ModelChoice:
    """Everything that defines a run: the model shape, the prompt and the token budget (None: no limit)."""

    config: ModelConfig
    prompt: str
    max_new_tokens: int | None


class ModelControls(QWidget):
    """Edits a :class:`ModelChoice`; emits ``apply_requested`` with a valid one."""

    apply_requested = Signal(object)  # ModelChoice

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.theme = theme
        self._running: ModelChoice | None = None
        self.spins: dict[str, QSpinBox] = {}
        self.errors: dict[str, QLabel] = {}
        self.notes: dict[str, QLabel] = {}

        self.prompt = QPlainTextEdit()
        self.prompt.setTabChangesFocus(True)
        self.prompt.setMaximumHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.dtype = QComboBox()
        self.dtype.addItems(list(DTYPES))
        for name, (lo, hi) in RANGES.items():
            spin = QSpinBox()
            spin.setRange(lo, hi)
            spin.setKeyboardTracking(True)
            self.spins[name] = spin
        self.spins["max_new_tokens"].setSpecialValueText("until the context is full")
        self.spins["head_dim"].setSpecialValueText("auto")

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.setVerticalSpacing(4)
        for name in LABELS:
            control = self.prompt if name == "prompt" else self.dtype if name == "dtype" else self.spins[name]
            control.setToolTip(TOOLTIPS[name])
            label = QLabel(LABELS[name])
            label.setToolTip(TOOLTIPS[name])
            form.addRow(label, self._with_messages(name, control))

        self.apply_button = QPushButton("Apply")
        self.apply_button.setToolTip("Rebuild the model with these settings and start again from the prefill.")
        self.apply_button.setDefault(True)
        self.defaults_button = QPushButton("Defaults")
        self.defaults_button.setToolTip("Fill in the default model and prompt (press Apply to use them).")
        self.apply_error = QLabel()
        self._style_error(self.apply_error)
        buttons = QHBoxLayout()
        buttons.addWidget(self.defaults_button)
        buttons.addStretch(1)
        buttons.addWidget(self.apply_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.apply_error)
        layout.addStretch(1)

        self.prompt.textChanged.connect(self._validate)
        self.dtype.currentTextChanged.connect(self._validate)
        for spin in self.spins.values():
            spin.valueChanged.connect(self._validate)
            spin.lineEdit().returnPressed.connect(self._apply)
        self.apply_button.clicked.connect(self._apply)
        self.defaults_button.clicked.connect(self._fill_defaults)

    def _with_messages(self, name: str, control: QWidget) -> QWidget:
        box = QWidget()
        v = QVBoxLayout(box)
        v.setContentsMargins(0, 0, 0, 0)
        v.setSpacing(1)
        v.addWidget(control)
        note = QLabel()
        note.setStyleSheet(f"color: {self.theme.muted_text}")
        note.setWordWrap(True)
        note.hide()
        error = QLabel()
        self._style_error(error)
        v.addWidget(note)
        v.addWidget(error)
        self.notes[name] = note
        self.errors[name] = error
        return box

    def _style_error(self, label: QLabel) -> None:
        label.setStyleSheet(f"color: {self.theme.error_text}")
        label.setWordWrap(True)
        label.hide()

    # -- values ----------------------------------------------------------------------------

    def set_choice(self, choice: ModelChoice) -> None:
        """Show ``choice`` (the run in use) in the form."""
        self._running = choice
        c = choice.config
        widgets = [self.prompt, self.dtype, *self.spins.values()]
        for w in widgets:
            w.blockSignals(True)
        self.prompt.setPlainText(choice.prompt)
        self.dtype.setCurrentText(c.dtype)
        for name, spin in self.spins.items():
            if name == "max_new_tokens":
                spin.setValue(choice.max_new_tokens or 0)
            elif name == "head_dim":
                spin.setValue(c.head_dim or 0)
            else:
                spin.setValue(getattr(c, name))
        for w in widgets:
            w.blockSignals(False)
        self._validate()

    def form_values(self) -> dict:
        """The raw values in the form, by config field (plus prompt and max_new_tokens)."""
        values = {name: spin.value() for name, spin in self.spins.items()}
        values["head_dim"] = values["head_dim"] or None
        values["dtype"] = self.dtype.currentText()
        values["prompt"] = self.prompt.toPlainText()
        return values

    def choice(self) -> ModelChoice | None:
        """The choice the form describes, or None (with the reason shown) if it is impossible."""
        return self._validate()

    def show_error(self, field: str, message: str) -> None:
        """Explain ``message`` next to the control of ``field`` (or under Apply if there is none)."""
        label = self.errors.get(field, self.apply_error)
        label.setText(message)
        label.show()

    def _clear_errors(self) -> None:
        for label in (*self.errors.values(), self.apply_error):
            label.hide()
            label.clear()

    # -- checking ----------------------------------------------------------------------------

    def _validate(self) -> ModelChoice | None:
        self._clear_errors()
        v = self.form_values()
        n_bytes = len(tokenizer.encode(v["prompt"]))
        self._note("prompt", f"{n_bytes} tokens (one per byte)")
        try:
            fields = {k: v[k] for k in RANGES if k != "max_new_tokens"}
            config = default_config().replace(**fields, dtype=v["dtype"])
            check_prompt_fits(config, n_bytes)
        except ConfigError as exc:
            self.show_error(exc.field, exc.rule)
            self._note("n_kv_heads", "")
            self._note("head_dim", "")
            self.apply_button.setEnabled(False)
            return None
        self._note("n_kv_heads", _attention_note(config))
        self._note("head_dim", f"= {config.dim_head}" if config.head_dim is None else "")
        choice = ModelChoice(config, v["prompt"], v["max_new_tokens"] or None)
        self.apply_button.setEnabled(choice != self._running)
        return choice

    def _note(self, field: str, text: str) -> None:
        note = self.notes[field]
        note.setText(text)
        note.setVisible(bool(text))

    def _apply(self) -> None:
        choice = self._validate()
        if choice is not None:
            self.apply_requested.emit(choice)

    def _fill_defaults(self) -> None:
        running = self._running
        self.set_choice(ModelChoice(default_config(), DEFAULT_PROMPT, None))
        self._running = running
        self._validate()


def _attention_note(config: ModelConfig) -> str:
    kind = config.attention_kind
    if kind == "MHA":
        return "MHA: one K/V head per query head"
    if kind == "MQA":
        return f"MQA: all {config.n_heads} query heads share one K/V head"
    return f"GQA: {config.group_size} query heads share each K/V head"
