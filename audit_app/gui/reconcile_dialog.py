"""One disagreement side by side ("Granskare 1, 2, ..."), and the consensus answer with its rationale."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from audit_app.gui.colleague_models import RowsModel
from audit_app.gui.colleague_page import table_view
from audit_app.gui.text import fmt

if TYPE_CHECKING:
    from audit_app.domain.template import Question


class ReconcileDialog(QDialog):
    """The reviewers' answers and comments, and inputs for the team's answer and why."""

    def __init__(self, item: dict[str, Any], question: Question | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item = item
        self.question = question
        self.setWindowTitle(fmt(self.tr("Decide %1 – %2"), item["case"], item["question"]))
        self.setMinimumWidth(640)
        heading = QLabel(fmt(self.tr("<b>%1</b><br>Case %2"), item["text"], item["case"]))
        heading.setWordWrap(True)
        self.answers_model = RowsModel()
        self.answers_model.set_rows(
            [self.tr("Reviewer"), self.tr("Answer"), self.tr("Comment")],
            [[a["reviewer"], a["display"], a["comment"] or ""] for a in item["answers"]])
        answers = table_view(self.answers_model, "reviewerAnswers")
        answers.setWordWrap(True)
        answers.resizeRowsToContents()
        rows_height = sum(answers.rowHeight(r) for r in range(self.answers_model.rowCount()))
        answers.setMaximumHeight(rows_height + answers.horizontalHeader().height()
                                 + 2 * answers.frameWidth() + 2)
        self.answers = answers
        self.choice = QComboBox()
        self.choice.setObjectName("consensusChoice")
        self.checks: list[tuple[str, QCheckBox]] = []
        self.line = QLineEdit()
        self.line.setObjectName("consensusValue")
        kind = question.type if question is not None else "text"
        options = (question.options or []) if question is not None else []
        value_box = QWidget()
        value_layout = QVBoxLayout(value_box)
        value_layout.setContentsMargins(0, 0, 0, 0)
        if kind == "choice":
            self.choice.addItem(self.tr("(choose)"), "")
            for option in options:
                self.choice.addItem(option.label, option.code)
            value_layout.addWidget(self.choice)
        elif kind == "multi":
            for option in options:
                box = QCheckBox(option.label)
                self.checks.append((option.code, box))
                value_layout.addWidget(box)
                box.toggled.connect(self._check)
        else:
            value_layout.addWidget(self.line)
        self.kind = kind
        decided = item.get("consensus")
        if decided is not None:
            self._prefill(decided["value"])
        self.rationale_edit = QPlainTextEdit()
        self.rationale_edit.setObjectName("consensusRationale")
        self.rationale_edit.setPlaceholderText(self.tr("Required: why the team agreed on this "
                                                       "answer (stored in the change log)"))
        self.rationale_edit.setMaximumHeight(90)
        if decided is not None:
            self.rationale_edit.setPlainText(decided["rationale"] or "")
        form = QFormLayout()
        form.addRow(self.tr("Consensus answer"), value_box)
        form.addRow(self.tr("Rationale"), self.rationale_edit)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            self.tr("Record consensus"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.choice.currentIndexChanged.connect(self._check)
        self.line.textChanged.connect(self._check)
        self.rationale_edit.textChanged.connect(self._check)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.answers)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self._check()

    def _prefill(self, value: str) -> None:
        if self.kind == "choice":
            self.choice.setCurrentIndex(max(0, self.choice.findData(value)))
        elif self.kind == "multi":
            codes = set(value.split("|"))
            for code, box in self.checks:
                box.setChecked(code in codes)
        else:
            self.line.setText(value)

    def value(self) -> str:
        """The consensus as an answers CSV writes it (code, codes joined by |, or the text)."""
        if self.kind == "choice":
            return str(self.choice.currentData() or "")
        if self.kind == "multi":
            return "|".join(code for code, box in self.checks if box.isChecked())
        return self.line.text().strip()

    def rationale(self) -> str:
        """The rationale entered."""
        return self.rationale_edit.toPlainText().strip()

    def set_answer(self, value: str, rationale: str) -> None:
        """Fill both inputs (used by tests and by a decided question's prefill)."""
        self._prefill(value)
        self.rationale_edit.setPlainText(rationale)

    def _check(self) -> None:
        ok = bool(self.value()) and bool(self.rationale())
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)
