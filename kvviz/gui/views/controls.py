"""The model panel: prompt, token budget, weights, model shape and cache policy, checked as the user types.

Every edit builds a candidate configuration through the core's own validation; a
rejected value is explained under the control it concerns and Apply stays disabled, so
an impossible model never reaches the engine. Ranges are capped so that a whole run's
recorded attention (layers × heads × context² values) stays within memory.

Trained weights follow the shape: a shape with a shipped trained variant runs it, any other
shape runs random weights and the note under the selector says so. A checkpoint file fixes
the shape: choosing it reads the file once, fills the shape controls from it and locks them;
a file that cannot be used is explained under the selector, which goes back to the weights
in use.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
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
from kvviz.core.checkpoint import SHAPE_FIELDS, CheckpointError, Weights, config_for_weights, shape_of, weights_label
from kvviz.core.config import DTYPES, ConfigError, ModelConfig, check_prompt_fits
from kvviz.core.decoder import ModelSource
from kvviz.core.defaults import DEFAULT_WEIGHTS, default_config
from kvviz.core.run import RunSpec
from kvviz.core.variants import resolve_trained, variant_for
from kvviz.gui.control_ranges import POLICY_RANGES, RANGES
from kvviz.gui.run_settings import make_policy
from kvviz.gui.theme import ERROR_TEXT_STYLE, MUTED_TEXT_STYLE, Theme
from kvviz.gui.views.controls_texts import (
    CACHE_DTYPE_TEXT,
    LABELS,
    LOAD_CHECKPOINT,
    LOCKED_TIP,
    POLICY_TEXT,
    WEIGHTS_TEXT,
    control_text,
    tooltip,
    word_controls,
)

#: Shape controls that saved weights fix (the rest of SHAPE_FIELDS has no control).
SHAPE_CONTROLS = ("n_layers", "n_heads", "n_kv_heads", "d_model", "head_dim")


def weights_text(weights: Weights | ModelSource) -> str:
    """How a choice of weights reads in a title or a message: "trained" and "random" in the current language."""
    names = {
        "trained": QCoreApplication.translate("ModelControls", "trained"),
        "random": QCoreApplication.translate("ModelControls", "random"),
    }
    return names.get(weights, weights_label(weights)) if isinstance(weights, str) else weights_label(weights)


def weights_note(config: ModelConfig, weights: Weights, locked_shape: dict[str, int] | None) -> str:
    """What the weights selector notes under itself: a file's fixed shape, or the trained variant in use."""
    if locked_shape is not None:
        return QCoreApplication.translate("ModelControls", "shape fixed by the file: {shape}").format(
            shape=_shape_text(locked_shape)
        )
    variant = variant_for(config) if weights == "trained" else None
    if variant is None:
        return ""
    return QCoreApplication.translate("ModelControls", "trained model {name}: {label}").format(
        name=variant.name, label=variant.label
    )


def shown_weights(ran: Weights, chosen: Weights, config: ModelConfig) -> Weights:
    """The selector's choice for a run of ``ran`` weights: a trained choice that ran random weights for
    want of a variant stays the trained choice."""
    return "trained" if ran == "random" and chosen == "trained" and variant_for(config) is None else ran


def _show(label: QLabel, text: str) -> None:
    label.setText(text)
    label.setVisible(bool(text))


class ModelControls(QWidget):
    """Edits a :class:`RunSpec`; emits ``apply_requested`` with a valid one."""

    apply_requested = Signal(object)  # RunSpec

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.theme = theme
        self._running: RunSpec | None = None
        self._weights: Weights = "random"
        self._locked_shape: dict[str, int] | None = None  # SHAPE_FIELDS of the chosen saved weights
        self.errors: dict[str, QLabel] = {}
        self.notes: dict[str, QLabel] = {}

        self.prompt = QPlainTextEdit()
        self.prompt.setTabChangesFocus(True)
        self.prompt.setMaximumHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.dtype = _combo({dtype: dtype for dtype in DTYPES})
        self.weights = _combo(WEIGHTS_TEXT)
        self.policy = _combo(POLICY_TEXT)
        self.cache_dtype = _combo(CACHE_DTYPE_TEXT)
        self.spins = {name: _spin(lo, hi) for name, (lo, hi) in {**RANGES, **POLICY_RANGES}.items()}
        self.combos = {
            "dtype": self.dtype,
            "weights": self.weights,
            "policy": self.policy,
            "cache_dtype": self.cache_dtype,
        }
        combos = self.combos

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.setVerticalSpacing(4)
        self.row_labels: dict[str, QLabel] = {}
        for name in LABELS:
            control = self.prompt if name == "prompt" else combos.get(name) or self.spins[name]
            self.row_labels[name] = label = QLabel()
            box, self.notes[name], self.errors[name] = _with_messages(control)
            form.addRow(label, box)

        self.apply_button = QPushButton()
        self.apply_button.setDefault(True)
        self.defaults_button = QPushButton()
        self.apply_error = _error_label()
        self.limit_banner = _limit_banner()
        self.footer = _footer(self.defaults_button, self.apply_button, self.apply_error)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(self.limit_banner)
        layout.addLayout(form)
        layout.addStretch(1)

        self.prompt.textChanged.connect(self._validate)
        for combo in (self.dtype, self.policy, self.cache_dtype):
            combo.currentIndexChanged.connect(self._validate)
        self.weights.activated.connect(self._on_weights_activated)
        for spin in self.spins.values():
            spin.valueChanged.connect(self._validate)
            spin.lineEdit().returnPressed.connect(self._apply)
        self.apply_button.clicked.connect(self._apply)
        self.defaults_button.clicked.connect(self._fill_defaults)
        self.retranslate()

    def retranslate(self) -> None:
        """Every label, entry and tooltip in the current language; the form's values stay, and its notes
        and errors are worded again by a fresh check."""
        word_controls(self)
        _set_tips(self)
        if self._running is not None:
            self._validate()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt API)
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    def apply_theme(self, theme: Theme) -> None:
        """Its messages follow the palette (see MUTED_TEXT_STYLE); the prompt keeps room for four lines."""
        self.theme = theme
        self.prompt.setMaximumHeight(self.fontMetrics().lineSpacing() * 4 + 12)

    # -- values ----------------------------------------------------------------------------

    def set_choice(self, choice: RunSpec) -> None:
        """Show ``choice`` (the run in use) in the form."""
        self._running = choice
        c = choice.config
        widgets = [self.prompt, self.dtype, self.policy, self.cache_dtype, *self.spins.values()]
        for w in widgets:
            w.blockSignals(True)
        self.prompt.setPlainText(choice.prompt)
        self.dtype.setCurrentText(c.dtype)
        self.policy.setCurrentIndex(self.policy.findData(choice.policy.kind))
        self.cache_dtype.setCurrentIndex(self.cache_dtype.findData(choice.cache_dtype))
        for name, spin in self.spins.items():
            if name == "max_new_tokens":
                spin.setValue(choice.max_new_tokens or 0)
            elif name == "head_dim":
                spin.setValue(c.head_dim or 0)
            elif name in POLICY_RANGES:
                if choice.policy.evicts and getattr(choice.policy, name):
                    spin.setValue(getattr(choice.policy, name))
            else:
                spin.setValue(getattr(c, name))
        for w in widgets:
            w.blockSignals(False)
        weights = shown_weights(choice.weights, self._weights, c)
        self._set_weights(weights, None if weights in ("trained", "random") else shape_of(c))
        self._validate()

    def set_policy_numbers(self, window: int, sinks: int) -> None:
        """W and S to offer when a window or sink policy is picked (the running policy's win)."""
        for name, value in (("window", window), ("sinks", sinks)):
            self.spins[name].blockSignals(True)
            self.spins[name].setValue(value)
            self.spins[name].blockSignals(False)
        self._validate()

    def policy_numbers(self) -> tuple[int, int]:
        """W and S as the form holds them (kept while the full policy, which uses neither, is chosen)."""
        return self.spins["window"].value(), self.spins["sinks"].value()

    def form_values(self) -> dict:
        """The raw values in the form, by config field (plus prompt, max_new_tokens and the cache's)."""
        values = {name: spin.value() for name, spin in self.spins.items()}
        values["head_dim"] = values["head_dim"] or None
        values["dtype"] = self.dtype.currentText()
        values["prompt"] = self.prompt.toPlainText()
        values["policy"] = self.policy.currentData()
        values["cache_dtype"] = self.cache_dtype.currentData()
        values["weights"] = self._weights
        return values

    def choice(self) -> RunSpec | None:
        """The choice the form describes, or None (with the reason shown) if it is impossible."""
        return self._validate()

    def show_error(self, field: str, message: str) -> None:
        """Explain ``message`` next to the control of ``field`` (or under Apply if there is none)."""
        label = self.errors.get(field, self.apply_error)
        label.setText(message)
        label.show()

    def show_limit(self, message: str) -> None:
        """Show (or, with "", hide) why the run stopped where it did."""
        _show(self.limit_banner, message)

    def choose_weights(self, weights: Weights) -> bool:
        """Use ``weights`` in the form: read the file's shape and lock the shape controls to it.

        A file that cannot be used is explained under the selector and the form keeps its weights.
        """
        try:
            config = config_for_weights(weights, self._form_config())
        except (CheckpointError, ConfigError) as exc:
            _select_weights_item(self.weights, self._weights)
            self._validate()
            self.show_error("weights", str(exc))
            return False
        self._set_weights(weights, None if weights in ("trained", "random") else shape_of(config))
        if weights != "random":
            _fill_shape(self.spins, config)
        self._validate()
        return True

    def _form_config(self) -> ModelConfig:
        """The form's config without checks beyond the core's own (raises ConfigError)."""
        v = self.form_values()
        fields = {k: v[k] for k in RANGES if k != "max_new_tokens"}
        return default_config().replace(**fields, dtype=v["dtype"])

    def _set_weights(self, weights: Weights, shape: dict[str, int] | None) -> None:
        self._weights = weights
        self._locked_shape = shape
        _select_weights_item(self.weights, weights)
        for name in SHAPE_CONTROLS:
            self.spins[name].setEnabled(shape is None)
        _set_tips(self)

    def _on_weights_activated(self, index: int) -> None:
        data = self.weights.itemData(index)
        if data == LOAD_CHECKPOINT:
            path, _ = QFileDialog.getOpenFileName(
                self,
                QCoreApplication.translate("ModelControls", "Load checkpoint"),
                "",
                QCoreApplication.translate("ModelControls", "kvviz checkpoints (*.pt);;All files (*)"),
            )
            if not path:
                _select_weights_item(self.weights, self._weights)
                return
            data = path
        self.choose_weights(data if data in ("trained", "random") else Path(data))

    # -- checking ----------------------------------------------------------------------------

    def _validate(self) -> RunSpec | None:
        _clear_errors(self)
        v = self.form_values()
        n_bytes, counted = _prompt_tokens(self._weights, v["prompt"])
        self._note(
            "prompt",
            QCoreApplication.translate("ModelControls", "{n} tokens ({counted})").format(n=n_bytes, counted=counted),
        )
        kind = v["policy"]
        self.spins["window"].setEnabled(kind != "full")
        self.spins["sinks"].setEnabled(kind == "sink")
        try:
            config = self._form_config()
            if self._locked_shape is not None:
                config = config.replace(**{k: self._locked_shape[k] for k in SHAPE_FIELDS if k != "head_dim"})
            check_prompt_fits(config, n_bytes)
            policy = make_policy(kind, v["window"], v["sinks"])
            policy.check_fits(config.context_length)
        except ConfigError as exc:
            self.show_error(exc.field, exc.rule)
            for name in ("n_kv_heads", "head_dim", "policy"):
                self._note(name, "")
            self.apply_button.setEnabled(False)
            return None
        weights, fallback = resolve_trained(config, v["weights"])
        self._note("weights", fallback or weights_note(config, self._weights, self._locked_shape))
        self._note("n_kv_heads", _attention_note(config))
        self._note("head_dim", f"= {config.dim_head}" if config.head_dim is None else "")
        self._note("policy", policy.describe_limit(config.context_length))
        choice = RunSpec(config, v["prompt"], v["max_new_tokens"] or None, policy, v["cache_dtype"], weights)
        self.apply_button.setEnabled(choice != self._running)
        return choice

    def _note(self, field: str, text: str) -> None:
        _show(self.notes[field], text)

    def _apply(self) -> None:
        choice = self._validate()
        if choice is not None:
            self.apply_requested.emit(choice)

    def _fill_defaults(self) -> None:
        running = self._running
        self.set_choice(RunSpec(weights="random"))
        self._running = running
        self.choose_weights(DEFAULT_WEIGHTS)


def _fill_shape(spins: dict[str, QSpinBox], config: ModelConfig) -> None:
    for name in SHAPE_CONTROLS:
        spin = spins[name]
        spin.blockSignals(True)
        spin.setValue((config.head_dim or 0) if name == "head_dim" else getattr(config, name))
        spin.blockSignals(False)


def _select_weights_item(combo: QComboBox, weights: Weights) -> None:
    key = weights if isinstance(weights, str) else str(weights)
    index = combo.findData(key)
    if index < 0:  # a checkpoint file: listed by name above "Load checkpoint…"
        index = combo.count() - 1
        combo.insertItem(index, Path(key).name, key)
        combo.setItemData(index, key, Qt.ItemDataRole.ToolTipRole)
    combo.setCurrentIndex(index)


def _set_tips(controls: ModelControls) -> None:
    """The shape controls say why they are locked while saved weights fix the shape."""
    locked = controls._locked_shape is not None
    tip = control_text(LOCKED_TIP).format(label=weights_text(controls._weights))
    for name in SHAPE_CONTROLS:
        for w in (controls.spins[name], controls.row_labels[name]):
            w.setToolTip(tip if locked else tooltip(name))


def _clear_errors(controls: ModelControls) -> None:
    for label in (*controls.errors.values(), controls.apply_error):
        label.hide()
        label.clear()


# -- weights ---------------------------------------------------------------------------


def _prompt_tokens(weights: Weights | ModelSource, prompt: str) -> tuple[int, str]:
    """How many tokens ``prompt`` is for ``weights``, and how they are counted (a real model's own tokenizer)."""
    if isinstance(weights, ModelSource):
        counted = QCoreApplication.translate("ModelControls", "{model}'s tokenizer").format(model=weights.label)
        return len(weights.text.encode(prompt)), counted
    return len(tokenizer.encode(prompt)), QCoreApplication.translate("ModelControls", "one per byte")


def _shape_text(shape: dict[str, int]) -> str:
    return QCoreApplication.translate(
        "ModelControls", "{layers} layers, {heads} heads, {kv_heads} kv-heads, d_model {d_model}"
    ).format(layers=shape["n_layers"], heads=shape["n_heads"], kv_heads=shape["n_kv_heads"], d_model=shape["d_model"])


def _attention_note(config: ModelConfig) -> str:
    kind = config.attention_kind
    if kind == "MHA":
        return QCoreApplication.translate("ModelControls", "MHA: one K/V head per query head")
    if kind == "MQA":
        return QCoreApplication.translate("ModelControls", "MQA: all {n} query heads share one K/V head").format(
            n=config.n_heads
        )
    return QCoreApplication.translate("ModelControls", "GQA: {n} query heads share each K/V head").format(
        n=config.group_size
    )


def _combo(items: dict[str, str]) -> QComboBox:
    """A selector of ``items`` (data: text; :meth:`ModelControls.retranslate` translates the texts)."""
    combo = QComboBox()
    for data, text in items.items():
        combo.addItem(text, data)
    return combo


def _footer(defaults: QPushButton, apply: QPushButton, error: QLabel) -> QWidget:
    """The buttons, which the window keeps under the scrolled form, so Apply is in reach however
    short or narrow the dock is."""
    footer = QWidget()
    buttons = QHBoxLayout()
    buttons.addWidget(defaults)
    buttons.addStretch(1)
    buttons.addWidget(apply)
    column = QVBoxLayout(footer)
    column.setContentsMargins(8, 4, 8, 6)
    column.addLayout(buttons)
    column.addWidget(error)
    return footer


def _spin(lo: int, hi: int) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(lo, hi)
    spin.setKeyboardTracking(True)
    return spin


def _error_label() -> QLabel:
    label = QLabel()
    label.setStyleSheet(ERROR_TEXT_STYLE)
    label.setWordWrap(True)
    label.hide()
    return label


def _with_messages(control: QWidget) -> tuple[QWidget, QLabel, QLabel]:
    """``control`` above a note and an error message (both hidden until set): the box, the note, the error."""
    box = QWidget()
    v = QVBoxLayout(box)
    v.setContentsMargins(0, 0, 0, 0)
    v.setSpacing(1)
    v.addWidget(control)
    note = QLabel()
    note.setStyleSheet(MUTED_TEXT_STYLE)
    note.setWordWrap(True)
    note.hide()
    error = _error_label()
    v.addWidget(note)
    v.addWidget(error)
    return box, note, error


def _limit_banner() -> QLabel:
    """Says why a full-cache run stopped, next to the controls that would let it go on."""
    banner = QLabel()
    banner.setObjectName("limit_banner")
    banner.setWordWrap(True)
    banner.setTextFormat(Qt.TextFormat.PlainText)
    banner.setStyleSheet(
        "QLabel#limit_banner { color: palette(window-text); border: 1px solid palette(bright-text); "
        "border-radius: 4px; padding: 6px; }"
    )
    banner.hide()
    return banner
