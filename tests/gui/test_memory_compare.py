"""The memory explorer's Compare page: pinned configurations as bars equal to the memory arithmetic."""

import numpy as np
import pytest
from PySide6.QtCore import Qt

from kvviz import memory
from kvviz.gui.views.memory_panel import MemoryPanel


@pytest.fixture
def panel(qtbot):
    widget = MemoryPanel()
    qtbot.addWidget(widget)
    widget.resize(1400, 860)
    widget.model_box.setCurrentIndex(memory.PRESET_IDS.index("llama-2-7b"))  # 32 layers, 32 heads × 128, float16
    widget.show_page(2)
    return widget


def kv_bytes(layers: int, kv_heads: int, head_dim: int, bits: int, scaled: bool, context: int, batch: int = 1):
    """2 · batch · context · layers · kv_heads · (head_dim · bytes + a float16 scale when quantized)."""
    return 2 * batch * context * layers * kv_heads * (head_dim * bits // 8 + 2 * scaled)


def test_pinned_variants_and_dtypes_are_bars_of_the_memory_arithmetic(qtbot, panel):
    page = panel.compare
    panel.context_box.setValue(8192)
    qtbot.mouseClick(page.variants_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.dtypes_button, Qt.MouseButton.LeftButton)
    n = 8192
    mha, gqa, mqa = (kv_bytes(32, k, 128, 16, False, n) for k in (32, 8, 1))
    mla = n * 32 * (512 + 64) * 2  # latent + RoPE key per token and layer, 2 B each
    int8, int4 = kv_bytes(32, 32, 128, 8, True, n), kv_bytes(32, 32, 128, 4, True, n)
    assert [b.bytes for b in page.bars] == [mha, gqa, mqa, mla, mha, int8, int4]
    assert [b.label.split(":")[-1].split("·")[0].strip() for b in page.bars[:4]] == [
        "MHA (32 KV heads)",
        "GQA (8 KV heads)",
        "MQA (1 KV head)",
        "MLA (512 + 64 latent)",
    ]
    assert [b.ratio for b in page.bars] == [x / mha for x in (mha, gqa, mqa, mla, mha, int8, int4)]
    assert page.bars[1].ratio == 0.25  # GQA-8 of 32 heads: a quarter, drawn as a quarter of the bar
    np.testing.assert_array_equal(page.bar_item.opts["width"], [b.bytes for b in page.bars])
    assert "× 0.25 of the first" in page._labels[1].textItem.toPlainText()

    panel.context_box.setValue(1000)  # the bars follow the chosen context
    assert page.bars[0].bytes == kv_bytes(32, 32, 128, 16, False, 1000)
    qtbot.mouseClick(page.variants_button, Qt.MouseButton.LeftButton)  # pinned already: nothing added
    assert len(page.bars) == 7
    qtbot.mouseClick(page.clear_button, Qt.MouseButton.LeftButton)
    assert page.bars == [] and not page.hint.isHidden()


def test_pin_this_uses_the_chosen_model_cache_dtype_and_batch(qtbot, panel):
    page = panel.compare
    panel.batch_box.setValue(4)
    panel.cache_dtype_box.setCurrentText("int8")
    page.pin_button.click()
    panel.model_box.setCurrentIndex(memory.PRESET_IDS.index("llama-3-8b"))  # GQA-8, 32 layers × 128
    page.pin_button.click()
    n = panel.context_box.value()
    assert [b.bytes for b in page.bars] == [kv_bytes(32, k, 128, 8, True, n, batch=4) for k in (32, 8)]
    assert page.bars[1].label.endswith("int8 · batch 4")
