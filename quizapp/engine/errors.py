"""Errors the demo engine raises; each message is meant to be shown to the user as is."""
from __future__ import annotations


class DemoError(Exception):
    """Base class: anything that stops a demo from running, with a user-facing message."""


class UnknownDemoError(DemoError):
    pass


class ParamError(DemoError, ValueError):
    """A parameter is unknown, of the wrong kind or out of range. `param` names it."""

    def __init__(self, param: str, message: str) -> None:
        super().__init__(message)
        self.param = param


class DeviceUnavailableError(DemoError):
    """The user asked for a device (e.g. CUDA) this machine does not have."""
