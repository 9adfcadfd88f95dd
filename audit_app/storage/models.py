"""SQLModel tables: audits with their frozen template, cases, answers, consensus, the change log,
the genomlysning counts per unit and the review plan of a colleague review."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, CheckConstraint, Column, Index, Text, UniqueConstraint, event
from sqlmodel import Field, SQLModel

from audit_app.domain.change_checksum import CHECKED_COLUMNS, change_checksum


def utcnow() -> dt.datetime:
    """The current time, timezone-aware in UTC."""
    return dt.datetime.now(dt.UTC)


class AuditRow(SQLModel, table=True):
    """An audit (granskning): its name, the frozen template text, and settings."""

    __tablename__ = "audit"

    id: str = Field(primary_key=True, max_length=36)
    name: str = Field(max_length=200, unique=True)
    template_id: str = Field(max_length=100)
    template_version: int
    template_format: str = Field(max_length=8)
    template_text: str = Field(sa_column=Column(Text, nullable=False))
    template_sha256: str = Field(max_length=64)
    phase: str = Field(default="review", max_length=20)
    settings_json: str = Field(default="{}", sa_column=Column(Text, nullable=False))
    created_at: dt.datetime = Field(default_factory=utcnow)
    created_by: str = Field(default="", max_length=100)


class CaseRow(SQLModel, table=True):
    """A case (akt) in an audit, with its case-field values as JSON of encoded values."""

    __tablename__ = "audit_case"
    __table_args__ = (UniqueConstraint("audit_id", "label", name="uq_case_audit_label"),)

    id: int | None = Field(default=None, primary_key=True)
    audit_id: str = Field(foreign_key="audit.id", index=True, max_length=36)
    label: str = Field(max_length=100)
    fields_json: str = Field(default="{}", sa_column=Column(Text, nullable=False))
    excluded_reason: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    completed_by: str | None = Field(default=None, max_length=100)
    created_at: dt.datetime = Field(default_factory=utcnow)
    updated_at: dt.datetime = Field(default_factory=utcnow)


class AnswerRow(SQLModel, table=True):
    """One reviewer's answer to one question for one case."""

    __tablename__ = "answer"
    __table_args__ = (
        UniqueConstraint("case_id", "question_id", "reviewer", name="uq_answer_case_q_reviewer"),
    )

    id: int | None = Field(default=None, primary_key=True)
    # Not indexed (migration 0005): an audit's answers are found through its cases.
    audit_id: str = Field(foreign_key="audit.id", max_length=36)
    case_id: int = Field(foreign_key="audit_case.id")  # indexed by the unique constraint
    question_id: str = Field(max_length=100)
    reviewer: str = Field(max_length=100)
    value: str = Field(sa_column=Column(Text, nullable=False))
    comment: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    updated_at: dt.datetime = Field(default_factory=utcnow)


class ConsensusRow(SQLModel, table=True):
    """The team's agreed answer to one question for one case, with its rationale."""

    __tablename__ = "consensus_answer"
    __table_args__ = (UniqueConstraint("case_id", "question_id", name="uq_consensus_case_q"),)

    id: int | None = Field(default=None, primary_key=True)
    audit_id: str = Field(foreign_key="audit.id", index=True, max_length=36)
    case_id: int = Field(foreign_key="audit_case.id")  # indexed by the unique constraint
    question_id: str = Field(max_length=100)
    value: str = Field(sa_column=Column(Text, nullable=False))
    rationale: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    decided_by: str = Field(default="", max_length=100)
    updated_at: dt.datetime = Field(default_factory=utcnow)


class ChangeRow(SQLModel, table=True):
    """Append-only change log: who changed what, when, from which value to which, and why."""

    __tablename__ = "change_log"
    __table_args__ = (Index("ix_change_audit_case_q", "audit_id", "case_label", "question_id"),)

    id: int | None = Field(default=None, primary_key=True)
    at: dt.datetime = Field(default_factory=utcnow)
    actor: str = Field(max_length=100)
    audit_id: str = Field(max_length=36)
    case_label: str | None = Field(default=None, max_length=100)
    question_id: str | None = Field(default=None, max_length=100)
    reviewer: str | None = Field(default=None, max_length=100)
    action: str = Field(max_length=40)
    old_value: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    new_value: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    reason: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    #: sha256 over the entry's canonical content (domain.change_checksum); set on every insert.
    checksum: str | None = Field(default=None, max_length=64)


@event.listens_for(ChangeRow, "before_insert")
@event.listens_for(ChangeRow, "before_update")
def _seal_change(_mapper: object, _connection: object, row: ChangeRow) -> None:
    """Give an entry its checksum in the transaction that writes it (times kept in UTC)."""
    at = row.at if isinstance(row.at, dt.datetime) else dt.datetime.fromisoformat(str(row.at))
    row.at = at.replace(tzinfo=dt.UTC) if at.tzinfo is None else at.astimezone(dt.UTC)
    row.checksum = change_checksum(*(getattr(row, name) for name in CHECKED_COLUMNS))


class GenomlysningRow(SQLModel, table=True):
    """Genomlysning (002): one unit's active cases and how many of them have a genomförandeplan."""

    __tablename__ = "genomlysning"
    __table_args__ = (
        UniqueConstraint("audit_id", "unit", name="uq_genomlysning_audit_unit"),
        CheckConstraint("active_cases >= 0 AND with_plan >= 0 AND with_plan <= active_cases",
                        name="ck_genomlysning_counts"),
    )

    id: int | None = Field(default=None, primary_key=True)
    audit_id: str = Field(foreign_key="audit.id", max_length=36)  # indexed by the unique constraint
    unit: str = Field(max_length=100)
    active_cases: int
    with_plan: int
    updated_at: dt.datetime = Field(default_factory=utcnow)
    updated_by: str = Field(default="", max_length=100)


class ReviewPlanRow(SQLModel, table=True):
    """How the team leader assigned an audit's cases: reviewers, double-review share, seed."""

    __tablename__ = "review_plan"

    audit_id: str = Field(primary_key=True, foreign_key="audit.id", max_length=36)
    reviewers_json: str = Field(sa_column=Column(Text, nullable=False))
    double_share: float
    raters: int
    seed: int = Field(sa_column=Column(BigInteger, nullable=False))
    strata_json: str = Field(default="[]", sa_column=Column(Text, nullable=False))
    created_by: str = Field(default="", max_length=100)
    updated_at: dt.datetime = Field(default_factory=utcnow)


class ReviewAssignmentRow(SQLModel, table=True):
    """One reviewer assigned to one case; ``position`` 0 is the case's primary reviewer."""

    __tablename__ = "review_assignment"
    __table_args__ = (
        UniqueConstraint("case_id", "reviewer", name="uq_assignment_case_reviewer"),
    )

    id: int | None = Field(default=None, primary_key=True)
    audit_id: str = Field(foreign_key="audit.id", index=True, max_length=36)
    case_id: int = Field(foreign_key="audit_case.id")  # indexed by the unique constraint
    reviewer: str = Field(max_length=100)
    position: int = 0
    double: bool = False
    assigned_at: dt.datetime = Field(default_factory=utcnow)
