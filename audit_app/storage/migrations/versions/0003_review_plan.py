"""Review plan of a colleague review: the plan's settings and each case's assigned reviewers.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add the review_plan and review_assignment tables (existing data is untouched)."""
    op.create_table(
        "review_plan",
        sa.Column("audit_id", sa.String(length=36), sa.ForeignKey("audit.id"), primary_key=True),
        sa.Column("reviewers_json", sa.Text(), nullable=False),
        sa.Column("double_share", sa.Float(), nullable=False),
        sa.Column("raters", sa.Integer(), nullable=False),
        sa.Column("seed", sa.BigInteger(), nullable=False),
        sa.Column("strata_json", sa.Text(), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "review_assignment",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("audit_id", sa.String(length=36), sa.ForeignKey("audit.id"), nullable=False),
        sa.Column("case_id", sa.Integer(), sa.ForeignKey("audit_case.id"), nullable=False),
        sa.Column("reviewer", sa.String(length=100), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("double", sa.Boolean(), nullable=False),
        sa.Column("assigned_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("case_id", "reviewer", name="uq_assignment_case_reviewer"),
    )
    op.create_index("ix_review_assignment_audit_id", "review_assignment", ["audit_id"])


def downgrade() -> None:
    """Drop the review plan (the assignments are lost; the change log keeps them)."""
    op.drop_index("ix_review_assignment_audit_id", table_name="review_assignment")
    op.drop_table("review_assignment")
    op.drop_table("review_plan")
