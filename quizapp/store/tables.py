"""Every ORM table, imported so that `metadata` is complete: Alembic's target (db/env.py) and
the schema test compare against it. The table modules import only quizapp.store.base, so no
module of them needs another to be whole."""
from __future__ import annotations

from quizapp.store import models, quiz_models
from quizapp.store.base import Base

metadata = Base.metadata
TABLE_MODULES = (models, quiz_models)
