"""Answers lose their separate audit_id index: the (case, question, reviewer) index finds them.

Every answer of an audit is read through its cases (``case_id IN (the audit's cases)``), which the
unique index on (case_id, question_id, reviewer) serves; the audit_id index only cost time on every
answer written (a large import spent about a tenth of its database time keeping it).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-04
"""

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Drop ix_answer_audit_id (the answers themselves are untouched)."""
    op.drop_index("ix_answer_audit_id", table_name="answer")


def downgrade() -> None:
    """Create ix_answer_audit_id again."""
    op.create_index("ix_answer_audit_id", "answer", ["audit_id"])
