"""Persistence: SQLModel tables, repositories, engine settings and Alembic migrations."""
