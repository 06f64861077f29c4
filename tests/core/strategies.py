"""Hypothesis strategies for valid model configurations and prompts."""

from hypothesis import strategies as st

from kvviz.core.config import ModelConfig


@st.composite
def model_configs(draw, dtypes: tuple[str, ...] = ("float32",)) -> ModelConfig:
    n_kv_heads = draw(st.sampled_from([1, 2, 4]))
    n_heads = n_kv_heads * draw(st.sampled_from([1, 2, 4]))
    head_dim = draw(st.sampled_from([2, 4, 8, 16]))
    return ModelConfig(
        d_model=draw(st.sampled_from([8, 16, 32, 48])),
        n_layers=draw(st.integers(1, 3)),
        n_heads=n_heads,
        n_kv_heads=n_kv_heads,
        head_dim=head_dim,
        context_length=draw(st.integers(12, 40)),
        batch_size=draw(st.integers(1, 3)),
        dtype=draw(st.sampled_from(dtypes)),
        seed=draw(st.integers(0, 2**16)),
    )


prompts = st.text(min_size=1, max_size=10).filter(lambda t: 0 < len(t.encode("utf-8", "surrogatepass")) <= 10)
