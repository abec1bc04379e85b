"""Device choice for demos: 'auto' takes CUDA when present, else the CPU."""
from __future__ import annotations

from typing import TYPE_CHECKING

from quizapp.engine.errors import DeviceUnavailableError
from quizapp.i18n.text import DemoText

if TYPE_CHECKING:
    import torch

DEVICE_CHOICES = ("auto", "cpu", "cuda")


def resolve_device(name: str = "auto") -> "torch.device":
    import torch

    if name not in DEVICE_CHOICES:
        raise DeviceUnavailableError(DemoText.tr("unknown device '{device}': choose one of {choices}").format(
            device=name, choices=", ".join(DEVICE_CHOICES)))
    if name == "cpu":
        return torch.device("cpu")
    if torch.cuda.is_available():
        return torch.device("cuda")
    if name == "cuda":
        raise DeviceUnavailableError(DemoText.tr(
            "device 'cuda' was asked for, but no CUDA GPU is available (torch {torch}, CUDA build: {cuda}); "
            "use --device cpu or auto").format(torch=torch.__version__, cuda=torch.version.cuda or DemoText.tr("none")))
    return torch.device("cpu")
