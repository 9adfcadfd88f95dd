"""Initial schema: audits, cases, answers, consensus answers and the change log.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create every table of the first release."""
    op.create_table(
        "audit",
        sa.Column("id", sa.String(length=36), primary_key=True),
        sa.Column("name", sa.String(length=200), nullable=False, unique=True),
        sa.Column("template_id", sa.String(length=100), nullable=False),
        sa.Column("template_version", sa.Integer(), nullable=False),
        sa.Column("template_format", sa.String(length=8), nullable=False),
        sa.Column("template_text", sa.Text(), nullable=False),
        sa.Column("template_sha256", sa.String(length=64), nullable=False),
        sa.Column("phase", sa.String(length=20), nullable=False),
        sa.Column("settings_json", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=False),
    )
    op.create_table(
        "audit_case",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("audit_id", sa.String(length=36), sa.ForeignKey("audit.id"), nullable=False),
        sa.Column("label", sa.String(length=100), nullable=False),
        sa.Column("fields_json", sa.Text(), nullable=False),
        sa.Column("excluded_reason", sa.Text(), nullable=True),
        sa.Column("completed_by", sa.String(length=100), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("audit_id", "label", name="uq_case_audit_label"),
    )
    op.create_index("ix_audit_case_audit_id", "audit_case", ["audit_id"])
    op.create_table(
        "answer",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("audit_id", sa.String(length=36), sa.ForeignKey("audit.id"), nullable=False),
        sa.Column("case_id", sa.Integer(), sa.ForeignKey("audit_case.id"), nullable=False),
        sa.Column("question_id", sa.String(length=100), nullable=False),
        sa.Column("reviewer", sa.String(length=100), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("case_id", "question_id", "reviewer", name="uq_answer_case_q_reviewer"),
    )
    op.create_index("ix_answer_audit_id", "answer", ["audit_id"])
    op.create_table(
        "consensus_answer",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("audit_id", sa.String(length=36), sa.ForeignKey("audit.id"), nullable=False),
        sa.Column("case_id", sa.Integer(), sa.ForeignKey("audit_case.id"), nullable=False),
        sa.Column("question_id", sa.String(length=100), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("rationale", sa.Text(), nullable=True),
        sa.Column("decided_by", sa.String(length=100), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("case_id", "question_id", name="uq_consensus_case_q"),
    )
    op.create_index("ix_consensus_answer_audit_id", "consensus_answer", ["audit_id"])
    op.create_table(
        "change_log",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=100), nullable=False),
        sa.Column("audit_id", sa.String(length=36), nullable=False),
        sa.Column("case_label", sa.String(length=100), nullable=True),
        sa.Column("question_id", sa.String(length=100), nullable=True),
        sa.Column("reviewer", sa.String(length=100), nullable=True),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("old_value", sa.Text(), nullable=True),
        sa.Column("new_value", sa.Text(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
    )
    op.create_index("ix_change_audit_case_q", "change_log", ["audit_id", "case_label", "question_id"])


def downgrade() -> None:
    """Drop every table (data is lost)."""
    for table in ("change_log", "consensus_answer", "answer", "audit_case", "audit"):
        op.drop_table(table)
