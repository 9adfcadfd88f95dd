"""Alembic migration scripts for the audit database."""
