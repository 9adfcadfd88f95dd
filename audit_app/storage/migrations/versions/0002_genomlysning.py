"""Genomlysning (002): per unit of an audit, the active cases and how many have a genomförandeplan.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add the genomlysning table (existing data is untouched)."""
    op.create_table(
        "genomlysning",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("audit_id", sa.String(length=36), sa.ForeignKey("audit.id"), nullable=False),
        sa.Column("unit", sa.String(length=100), nullable=False),
        sa.Column("active_cases", sa.Integer(), nullable=False),
        sa.Column("with_plan", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=100), nullable=False),
        sa.UniqueConstraint("audit_id", "unit", name="uq_genomlysning_audit_unit"),
        sa.CheckConstraint("active_cases >= 0 AND with_plan >= 0 AND with_plan <= active_cases",
                           name="ck_genomlysning_counts"),
    )


def downgrade() -> None:
    """Drop the genomlysning table (its figures are lost; the change log keeps them)."""
    op.drop_table("genomlysning")
