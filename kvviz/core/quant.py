"""Quantized K/V storage: real low-bit tensors written on append and dequantized on read.

Every scheme is symmetric with one float16 scale per (sequence, head, position) — "per-token"
scales, as KV-quantization papers use for keys and values alike here for simplicity:

- ``int8``: q = round(x / s), s = max|x| / 127; |x − x̂| ≤ s / 2 = max|x| / 254 per element.
- ``int4``: q ∈ [−7, 7], s = max|x| / 7, two values packed per byte; |x − x̂| ≤ max|x| / 14.
- ``fp8``: float8 e4m3 of x / s, s = max|x| / 448; relative error ≤ 2⁻⁴ per element (3
  mantissa bits), for elements in e4m3's normal range.

The float16 scale rounding adds at most 2⁻¹¹ relative error on top, or, for scales below
float16's normal range (6.1e-5), an absolute scale error of 2⁻²⁵ times the level count. Bytes per token per head
are head_dim (int8, fp8) or head_dim / 2 (int4) plus 2 for the scale.
"""

from __future__ import annotations

import torch

CACHE_DTYPES = ("model", "int8", "int4", "fp8")
SCALE_DTYPE = torch.float16
_LEVELS = {"int8": 127.0, "int4": 7.0, "fp8": 448.0}


def error_bound(cache_dtype: str, absmax: torch.Tensor, x: torch.Tensor) -> torch.Tensor:
    """Largest |x − dequantize(quantize(x))| the scheme allows, per element (tests hold it to this)."""
    scale_rounding = absmax * 2.0**-11 + _LEVELS[cache_dtype] * 2.0**-25
    if cache_dtype == "fp8":
        return x.abs() * 2.0**-4 + absmax / 448.0 * 2.0**-9 + scale_rounding
    return absmax / (2 * _LEVELS[cache_dtype]) * (1 + 2.0**-10) + scale_rounding


def quantize(x: torch.Tensor, cache_dtype: str) -> tuple[torch.Tensor, torch.Tensor]:
    """(data, scale) for x (..., head_dim); scale is (..., 1) float16."""
    x = x.float()
    absmax = x.abs().amax(dim=-1, keepdim=True)
    scale = (absmax / _LEVELS[cache_dtype]).clamp_min(1e-8).to(SCALE_DTYPE)
    scaled = x / scale.float()
    if cache_dtype == "fp8":
        return scaled.to(torch.float8_e4m3fn), scale
    q = scaled.round().clamp(-_LEVELS[cache_dtype], _LEVELS[cache_dtype]).to(torch.int8)
    if cache_dtype == "int4":
        nibbles = (q + 8).to(torch.uint8)  # 1..15
        q = nibbles[..., 0::2] | (nibbles[..., 1::2] << 4)  # two values per byte
    return q, scale


def dequantize(data: torch.Tensor, scale: torch.Tensor, cache_dtype: str, dtype: torch.dtype) -> torch.Tensor:
    if cache_dtype == "int4":
        low = (data & 0x0F).to(torch.int8) - 8
        high = (data >> 4).to(torch.int8) - 8
        data = torch.stack((low, high), dim=-1).flatten(-2)  # unpack in the original order
    return (data.float() * scale.float()).to(dtype)


def storage_shape(shape: tuple[int, ...], cache_dtype: str) -> tuple[tuple[int, ...], torch.dtype]:
    """Shape and dtype of the tensor that stores quantized values of ``shape``."""
    if cache_dtype == "int4":
        return (*shape[:-1], shape[-1] // 2), torch.uint8
    return shape, torch.float8_e4m3fn if cache_dtype == "fp8" else torch.int8
