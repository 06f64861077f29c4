"""What a window says, widget by widget, and which of it is English that nobody translated.

Used by the zh_CN tests of the app: every text a user can see or hover (labels, buttons, menu
and toolbar entries with their tooltips, dock titles, tabs, selector entries, group titles,
spin box suffixes, the status bar) is collected from the window, and a text is "untranslated"
when it holds a Latin word outside :data:`ALLOWED` (terms, units, identifiers and names that
stay as they are in Chinese too).
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QDockWidget,
    QGroupBox,
    QLabel,
    QMainWindow,
    QMenu,
    QSpinBox,
    QTabBar,
    QTextEdit,
    QToolBar,
    QWidget,
)

#: Latin words that stay in Chinese texts: units, terms students meet in English, identifiers,
#: file types, key names (in tooltips' shortcuts) and names.
ALLOWED = {
    *("KV", "K", "V", "Q", "W", "S", "B", "KiB", "MiB", "GiB", "TiB", "MFLOP", "GFLOP", "FLOP", "FLOPs"),
    *("MHA", "MQA", "GQA", "MLA", "logits", "softmax", "sink", "cache", "StreamingLLM", "e", "x", "a", "b"),
    *("float16", "float32", "float64", "bfloat16", "int8", "int4", "fp8", "dtype", "d_model", "head_dim", "kv_heads"),
    *("kvviz", "train", "hf", "pip", "video", "imageio", "ffmpeg", "Hugging", "Face", "English"),
    *("config", "json", "safetensors", "tokenizer", "pt", "PNG", "SVG", "GIF", "MP4", "CSV", "JSON"),
    *("Ctrl", "Shift", "Alt", "Space", "Right", "Left", "PgDown", "PgUp", "Home", "End", "Esc", "F1", "F5"),
    *("F", "P", "R", "E", "C", "D", "O", "L", "kv"),
    # attention's A·V, the context n, serving terms as they appear in Chinese texts
    *("A", "H", "n", "d_qk", "d_v", "W_blocks", "W_head", "RoPE", "token", "GPU", "TP", "PP", "torch_dtype"),
    *("vLLM", "gpu_memory_utilization", "nvidia", "smi", "kB", "MB", "GB", "min", "window"),
    *("H100", "H200", "A100", "L40S", "RTX", "SXM"),  # GPU names
    *("Transformer", "CPU", "MLP", "LM", "PagedAttention", "max"),
    # the memory explorer's notes on published models: names, config fields and their JSON values, code
    *("Llama", "Mistral", "Gemma", "DeepSeek", "SGLang", "Radford", "Gemma2DecoderLayer", "null", "false"),
    *("c_KV", "kv_lora_rank", "qk_rope_head_dim", "num_nextn_predict_layers", "sliding_window", "use_sliding_window"),
    *("is_sliding", "layer_idx"),
}
#: The shipped trained models' names ("L4 kv2": layers and K/V heads).
MODEL_NAME = re.compile(r"L\d+|kv\d+")
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9_]*")
#: Terms of more than one word, or with a hyphen, that stay in English (the model panel's old name for K/V heads,
#: a model named in the memory explorer's notes).
ALLOWED_PHRASES = re.compile(r"LM head|kv-heads|DeepSeek-V2")
#: The English term a translation gives beside the Chinese one, in full-width brackets, alone or as
#: one item of the bracket: 键值缓存（KV cache）, 预填充（prefill，第 0 步）, （注意力汇聚，attention sink）.
TERM_BESIDE = re.compile(r"(?<=[（，])[A-Za-z][A-Za-z0-9 ·/+-]*(?=[，）])")
BRACKETS = re.compile(r"（[^（）]*）")
#: Markup, entities and menu accelerators ("视图(&V)"), which are no words.
TAG = re.compile(r"<[^>]+>|&[a-z]+;|\(&\w\)|&")


def untranslated(text: str) -> list[str]:
    """The Latin words of ``text`` (markup aside) that are not in ALLOWED."""
    text = BRACKETS.sub(lambda bracket: TERM_BESIDE.sub(" ", bracket[0]), TAG.sub(" ", text))
    words = LATIN_WORD.findall(ALLOWED_PHRASES.sub(" ", text))
    return [word for word in words if word not in ALLOWED and not MODEL_NAME.fullmatch(word)]


def _inside(widget: QWidget, roots: tuple[QWidget, ...]) -> bool:
    while widget is not None:
        if widget in roots:
            return True
        widget = widget.parentWidget()
    return False


def window_texts(window: QMainWindow, skip: tuple[QWidget, ...] = ()) -> dict[str, str]:
    """Every text of ``window`` a user sees or hovers, by where it is, leaving out widgets in ``skip``."""
    # labels a view replaced are gone only once Qt runs their deferred deletion
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    texts: dict[str, str] = {"window title": window.windowTitle()}

    def add(where: str, text: str) -> None:
        if text and text.strip():
            texts[where] = text

    def menu(prefix: str, entries: QMenu) -> None:
        add(prefix, entries.title())
        for action in entries.actions():
            if action.menu() is not None:
                menu(f"{prefix} ▸ {action.text()}", action.menu())
            elif not action.isSeparator():
                add(f"{prefix} ▸ {action.objectName() or action.text()}", action.text())
                add(f"{prefix} ▸ {action.text()} (tooltip)", action.toolTip())
                add(f"{prefix} ▸ {action.text()} (status tip)", action.statusTip())

    for entry in window.menuBar().actions():
        menu("menu", entry.menu())
    for number, widget in enumerate(window.findChildren(QWidget)):
        if skip and _inside(widget, skip):
            continue
        name = f"{type(widget).__name__} {widget.objectName()}#{number}"
        if not isinstance(widget, QMenu):
            add(f"{name} (tooltip)", widget.toolTip())
        if isinstance(widget, (QLabel, QAbstractButton)):
            add(name, widget.text())
        elif isinstance(widget, QDockWidget):
            add(name, widget.windowTitle())
        elif isinstance(widget, QTabBar):
            for i in range(widget.count()):
                add(f"{name} tab {i}", widget.tabText(i))
        elif isinstance(widget, QComboBox):
            for i in range(widget.count()):
                add(f"{name} item {i}", widget.itemText(i))
        elif isinstance(widget, QTextEdit):  # the help page
            add(name, widget.toPlainText())
        elif isinstance(widget, QGroupBox):
            add(name, widget.title())
        elif isinstance(widget, QToolBar):
            add(name, widget.windowTitle())
        if isinstance(widget, QSpinBox):
            add(f"{name} suffix", widget.suffix())
            add(f"{name} prefix", widget.prefix())
        if isinstance(widget, QAbstractSpinBox):
            add(f"{name} special", widget.specialValueText())
    add("status message", window.statusBar().currentMessage())
    return texts
