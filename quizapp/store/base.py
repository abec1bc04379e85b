"""The declarative base every ORM table derives from (quizapp/store/tables.py lists them all)."""
from __future__ import annotations

from sqlalchemy.orm import DeclarativeBase


class Base(DeclarativeBase):
    pass
