"""Reading TOML text (deck files), fast where it can be.

The standard library's `tomllib` is a vendored copy of `tomli` run as plain Python; `tomli`'s own
wheels are compiled with mypyc and parse a 10k-card deck about three times faster (0.18 s against
0.49 s here), which is most of what an import costs. Valid text gives the same dict through either;
text `tomli` refuses is handed to `tomllib`, so the message and line a person reads for a broken
file are the standard library's, as before (and `tomli` missing only makes import slower).
"""
from __future__ import annotations

import tomllib
from typing import Any

try:
    import tomli as _fast
except ImportError:  # a runtime dependency, but the pure stdlib path still works without it
    _fast = None  # type: ignore[assignment]

TOMLDecodeError = tomllib.TOMLDecodeError


def loads(text: str) -> dict[str, Any]:
    """The parsed document; tomllib.TOMLDecodeError (with tomllib's message) for invalid TOML."""
    if _fast is not None:
        try:
            return _fast.loads(text)
        except _fast.TOMLDecodeError:
            pass  # tomllib says what is wrong, in the words users and tests know
    return tomllib.loads(text)
