"""Colour-vision-deficiency simulation and CIELAB distances, for checking the palette.

Machado, Oliveira & Fernandes (2009) full-severity matrices, applied in linear sRGB;
ΔE is the CIE76 distance in CIELAB (D65). A ΔE above about 10 reads as clearly different.
"""

from __future__ import annotations

import numpy as np

SIMULATION = {
    "normal": np.eye(3),
    "deuteranopia": np.array(
        [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]]
    ),
    "protanopia": np.array(
        [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]]
    ),
}

_XYZ = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]])
_WHITE = np.array([0.95047, 1.0, 1.08883])


def linear(rgb: np.ndarray) -> np.ndarray:
    rgb = np.asarray(rgb, dtype=np.float64)
    return np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)


def lab(rgb: np.ndarray, vision: str = "normal") -> np.ndarray:
    """CIELAB of sRGB colours (…, 3) in 0..1 as seen with ``vision``."""
    lin = np.clip(linear(rgb) @ SIMULATION[vision].T, 0.0, 1.0)
    xyz = lin @ _XYZ.T / _WHITE
    f = np.where(xyz > 0.008856, np.cbrt(xyz), 7.787 * xyz + 16 / 116)
    return np.stack([116 * f[..., 1] - 16, 500 * (f[..., 0] - f[..., 1]), 200 * (f[..., 1] - f[..., 2])], axis=-1)


def delta_e(a: np.ndarray, b: np.ndarray, vision: str = "normal") -> np.ndarray:
    return np.linalg.norm(lab(a, vision) - lab(b, vision), axis=-1)


def relative_luminance(rgb: np.ndarray) -> float:
    return float(linear(rgb) @ np.array([0.2126, 0.7152, 0.0722]))


def contrast_ratio(a: np.ndarray, b: np.ndarray) -> float:
    """WCAG contrast ratio of two sRGB colours (1 to 21)."""
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def simulate_image(rgb: np.ndarray, vision: str) -> np.ndarray:
    """An (h, w, 3) uint8 image as seen with ``vision``, back in sRGB uint8."""
    lin = np.clip(linear(rgb / 255.0) @ SIMULATION[vision].T, 0.0, 1.0)
    srgb = np.where(lin <= 0.0031308, 12.92 * lin, 1.055 * lin ** (1 / 2.4) - 0.055)
    return np.round(srgb * 255).astype(np.uint8)
