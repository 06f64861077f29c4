"""What the model panel's number fields accept: the panel offers these, and saved settings must fit them."""

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

#: (minimum, maximum) of the cache policy's window W and sinks S; the core checks S + W ≤ context.
POLICY_RANGES: dict[str, tuple[int, int]] = {"window": (1, 1024), "sinks": (1, 1024)}
