"""The figure palette, shared by demos (which pick colours for their series) and plots.

It lives in the engine so demos need not import the plotting layer (docs/architecture.md § Layers).
"""
from __future__ import annotations

# A colour-blind-safe palette (Okabe–Ito), in a fixed order so one optimizer keeps its colour.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000")


def color(i: int) -> str:
    return PALETTE[i % len(PALETTE)]
