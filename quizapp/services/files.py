"""Writing the files a user asks for (reports, renderings): whole or not at all."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from quizapp.services.errors import UserError
from quizapp.i18n.text import ErrorText


def write_text_atomic(target: Path, text: str) -> None:
    """Write `text` (UTF-8, LF) to `target` through a temp file and a rename, so the file
    appears whole or not at all. UserError naming the file when it cannot be written."""
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    except OSError as exc:
        raise UserError(ErrorText.tr("cannot write {path}: {error}").format(
            path=target, error=exc.strerror or exc)) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        os.replace(tmp, target)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise UserError(ErrorText.tr("cannot write {path}: {error}").format(
                path=target, error=exc.strerror or exc)) from None
        raise
