"""Bring a database to the newest schema with Alembic (also from empty)."""

from __future__ import annotations

import threading
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy.engine import Engine

MIGRATIONS = Path(__file__).with_name("migrations")

#: Alembic keeps the running migration's context in module globals (``alembic.context``,
#: ``alembic.op``), so two threads of one process must not migrate at the same time (two
#: AppContexts opening their databases at once).
_MIGRATING = threading.RLock()


def alembic_config(url: str = "") -> Config:
    """An Alembic config pointing at the bundled migration scripts."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if url:
        config.set_main_option("sqlalchemy.url", url)
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Migrate the database behind ``engine`` to ``revision`` in one transaction."""
    config = alembic_config()
    with _MIGRATING, engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def downgrade(engine: Engine, revision: str) -> None:
    """Migrate the database behind ``engine`` down to ``revision``."""
    config = alembic_config()
    with _MIGRATING, engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, revision)
