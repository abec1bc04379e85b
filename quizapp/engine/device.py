"""Device choice for demos: 'auto' takes CUDA when present, else the CPU."""
from __future__ import annotations

from typing import TYPE_CHECKING

from quizapp.engine.errors import DeviceUnavailableError

if TYPE_CHECKING:
    import torch

DEVICE_CHOICES = ("auto", "cpu", "cuda")


def resolve_device(name: str = "auto") -> "torch.device":
    import torch

    if name not in DEVICE_CHOICES:
        raise DeviceUnavailableError(f"unknown device '{name}': choose one of {', '.join(DEVICE_CHOICES)}")
    if name == "cpu":
        return torch.device("cpu")
    if torch.cuda.is_available():
        return torch.device("cuda")
    if name == "cuda":
        raise DeviceUnavailableError(
            "device 'cuda' was asked for, but no CUDA GPU is available "
            f"(torch {torch.__version__}, CUDA build: {torch.version.cuda or 'no'}); use --device cpu or auto")
    return torch.device("cpu")
