"""Change-log checksums: each entry's sha256 over its canonical content, existing entries backfilled.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

from audit_app.domain.change_checksum import CHECKED_COLUMNS, change_checksum

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add change_log.checksum and fill it for every entry already there (same transaction)."""
    op.add_column("change_log", sa.Column("checksum", sa.String(length=64), nullable=True))
    bind = op.get_bind()
    rows = bind.execute(sa.text(f"SELECT id, {', '.join(CHECKED_COLUMNS)} FROM change_log")).all()
    update = sa.text("UPDATE change_log SET checksum = :checksum WHERE id = :id")
    params = [{"id": row[0], "checksum": change_checksum(*row[1:])} for row in rows]
    if params:
        bind.execute(update, params)


def downgrade() -> None:
    """Drop the checksums (the entries themselves are kept)."""
    with op.batch_alter_table("change_log") as batch:
        batch.drop_column("checksum")
