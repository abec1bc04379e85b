"""Persistence: SQLAlchemy 2.x ORM over SQLite, connection pragmas, migrations at open."""
