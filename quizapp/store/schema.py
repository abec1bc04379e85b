"""The schema revision this code is written for. A test checks it equals Alembic's head, so
opening an up-to-date database never has to import Alembic (that keeps `quizapp due` fast)."""

HEAD_REVISION = "0010"
