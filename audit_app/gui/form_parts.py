"""Parts of the case form: the case header, the section navigator and the help panel."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from audit_app.gui.models import progress_icon, progress_text
from audit_app.gui.retranslate import Texts
from audit_app.gui.text import fmt

if TYPE_CHECKING:
    from audit_app.domain.template import Question, Section, Template
    from audit_app.services.review import CaseForm


def _label(name: str = "", wrap: bool = True, muted: bool = False) -> QLabel:
    label = QLabel()
    if name:
        label.setObjectName(name)
    label.setWordWrap(wrap)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if muted:
        label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    return label


class CaseHeader(QWidget):
    """The case's label, fields and progress, the case buttons, and the form's banners."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._texts = Texts("CaseHeader")  # texts that follow a language switch
        self.title = _label("caseTitle", wrap=False)
        self.fields = _label("caseFields", muted=True)
        self.progress = QLabel()
        self.progress.setObjectName("caseProgress")
        self.back = self._texts.keep(QPushButton(), "setText", "Case list")
        self.previous = self._texts.keep(QPushButton(), "setText", "◀ Previous case")
        self.next = self._texts.keep(QPushButton(), "setText", "Next case ▶")
        self.complete = QPushButton(self.tr("Mark complete"))  # or Reopen: set with the case
        self.complete.setObjectName("markComplete")
        for button in (self.back, self.previous, self.next, self.complete):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addSpacing(12)
        top.addWidget(self.progress)
        top.addStretch(1)
        for button in (self.back, self.previous, self.next, self.complete):
            top.addWidget(button)
        self.excluded_banner = _label("excludedBanner")
        self.gap_banner = _label("gapBanner")
        self.notice_banner = _label("noticeBanner")
        self.phase_banner = _label("phaseBanner")  # the review phase has ended: read only
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.fields)
        for banner in (self.phase_banner, self.excluded_banner, self.gap_banner,
                       self.notice_banner):
            banner.hide()
            layout.addWidget(banner)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        """Set the buttons' texts again after a language switch (the case's with the case)."""
        self._texts.changed(event)
        super().changeEvent(event)

    def show_case(self, form: CaseForm) -> None:
        """Show a case's label, fields and progress."""
        template = form.template
        self.title.setText(form.label)
        parts = []
        for case_field in template.case_fields:
            shown = form.field_display(case_field.id)
            if shown:
                parts.append(f"{case_field.label}: {shown}")
        self.fields.setText("  ·  ".join(parts) or self.tr("No case fields entered"))
        self.show_progress(form)
        excluded = form.case.excluded_reason
        self.excluded_banner.setVisible(bool(excluded))
        self.excluded_banner.setText(fmt(self.tr("Excluded from the audit: %1. Answers are "
                                                 "kept but not counted."), excluded or ""))
        self.phase_banner.setVisible(form.review_ended)
        self.phase_banner.setText(self.tr("The review phase has ended: the answers can no longer "
                                          "be changed. Consensus answers are set on the Colleague "
                                          "review page.") if form.review_ended else "")

    def show_progress(self, form: CaseForm) -> None:
        """Show progress and offer to mark complete or reopen."""
        code = form.progress.value
        self.progress.setText(fmt(self.tr("Review: %1 · %2 of %3 answered"), progress_text(code),
                                  form.answered_count, len(form.applicable)))
        self.complete.setText(self.tr("Reopen") if form.marked_complete
                              else self.tr("Mark complete"))
        self.complete.setEnabled(form.case.included and not form.review_ended)

    def show_gaps(self, text: str | None) -> None:
        """Show (or with None hide) why the case could not be marked complete."""
        self.gap_banner.setText(text or "")
        self.gap_banner.setVisible(bool(text))

    def show_notice(self, text: str | None) -> None:
        """Show (or hide) a passing notice."""
        self.notice_banner.setText(text or "")
        self.notice_banner.setVisible(bool(text))


class SectionNavigator(QListWidget):
    """The template's sections with each one's answered and applicable questions."""

    chosen = Signal(str)  # section id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sectionNavigator")
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.setWordWrap(True)
        self.setSpacing(2)
        self.itemClicked.connect(lambda item: self.chosen.emit(item.data(Qt.ItemDataRole.UserRole)))
        self.itemActivated.connect(
            lambda item: self.chosen.emit(item.data(Qt.ItemDataRole.UserRole)))

    def set_template(self, template: Template) -> None:
        """One entry per section."""
        self.clear()
        for section in template.sections:
            item = QListWidgetItem(section.title)
            item.setData(Qt.ItemDataRole.UserRole, section.id)
            self.addItem(item)

    def show_progress(self, form: CaseForm) -> None:
        """Each section's completeness for this case."""
        for row, section in enumerate(form.template.sections):
            item = self.item(row)
            p = form.section_progress(section)
            if p.applicable == 0:
                state, detail = "excluded", self.tr("does not apply")
            else:
                state = ("complete" if p.complete and p.answered == p.applicable
                         else "in_progress" if p.answered else "not_started")
                detail = fmt(self.tr("%1 of %2"), p.answered, p.applicable)
            item.setIcon(progress_icon("not_started" if state == "excluded" else state))
            item.setText(f"{section.title}\n{detail}")
            item.setData(Qt.ItemDataRole.ToolTipRole, detail)

    def select_section(self, section_id: str) -> None:
        """Highlight the section holding the current question."""
        for row in range(self.count()):
            if self.item(row).data(Qt.ItemDataRole.UserRole) == section_id:
                if self.currentRow() != row:
                    self.blockSignals(True)
                    self.setCurrentRow(row)
                    self.blockSignals(False)
                return


class HelpPanel(QScrollArea):
    """Help, legal reference and quality area for the current question; the keys to use."""

    history_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("helpPanel")
        self._texts = Texts("HelpPanel")  # texts that follow a language switch
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(8, 4, 8, 8)
        self.question = _label("helpTitle")
        self.help = _label("helpText")
        self.reference = _label("helpReference")
        self.area = _label("helpArea", muted=True)
        self.section = _label("sectionHelp", muted=True)
        self.history = self._texts.keep(QPushButton(), "setText", "Answer history (Ctrl+H)")
        self.history.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.history.clicked.connect(self.history_requested.emit)
        keys = _label("keyLegend", muted=True)
        self._texts.keep(keys, "setText", (
            "<b>Keys</b><br>1–9: pick an option<br>Delete: clear the answer<br>"
            "Enter, ↓ / ↑: next / previous question<br>Tab: next question<br>"
            "Ctrl+K: comment<br>Ctrl+J: next unanswered<br>"
            "Ctrl+PgDown / PgUp: next / previous section<br>"
            "Ctrl+Shift+PgDown / PgUp: next / previous case<br>"
            "Ctrl+Enter: mark complete<br>Ctrl+Z / Ctrl+Shift+Z: undo / redo"))
        keys.setTextFormat(Qt.TextFormat.RichText)
        for widget in (self.question, self.help, self.reference, self.area, self.history):
            layout.addWidget(widget)
        layout.addSpacing(8)
        layout.addWidget(self.section)
        layout.addStretch(1)
        layout.addWidget(keys)
        self.setWidget(body)
        self.show_question(None, None, None)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        """Set the panel's fixed texts again after a language switch."""
        self._texts.changed(event)
        super().changeEvent(event)

    def show_question(self, question: Question | None, section: Section | None,
                      template: Template | None) -> None:
        """Show what belongs to the focused question (nothing when there is none)."""
        self.question.setText(question.text if question else self.tr("Help"))
        self.help.setText(question.help if question and question.help else
                          (self.tr("No help text for this question.") if question else
                           self.tr("Move to a question to see its help text.")))
        self.reference.setVisible(bool(question and question.reference))
        if question and question.reference:
            self.reference.setText(fmt(self.tr("<b>Reference:</b> %1"), question.reference))
        area = template.quality_area_label(template.quality_area_of(question)) \
            if question and template else None
        self.area.setVisible(bool(area))
        self.area.setText(fmt(self.tr("Quality area: %1"), area or ""))
        self.section.setVisible(bool(section and section.help))
        if section and section.help:
            self.section.setText(fmt("<b>%1</b><br>%2", section.title, section.help))
        self.history.setEnabled(question is not None)
