"""Moving through the case form: questions, sections, the next unanswered question, cases."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QScrollArea, QWidget

from audit_app.gui.question_card import QuestionCard

if TYPE_CHECKING:
    from audit_app.gui.form_parts import CaseHeader, HelpPanel, SectionNavigator
    from audit_app.gui.session import Session
    from audit_app.services.review import CaseForm

translate = QCoreApplication.translate


class FormNavigation:
    """Mixed into the case form page: where the focus goes, and scrolling it into view."""

    session: Session
    audit_id: str | None
    form: CaseForm | None
    cards: dict[str, QuestionCard]
    scroll: QScrollArea
    header: CaseHeader
    help: HelpPanel
    navigator: SectionNavigator
    case_order: Callable[[], list[str]]
    _current: QuestionCard | None
    _sections: dict[str, tuple[QWidget, QWidget]]

    def open_case(self, audit_id: str, label: str) -> bool:
        """Show a case (provided by the page)."""
        raise NotImplementedError

    def _visible(self) -> list[str]:
        form = self.form
        return [q for q in self.cards if form is not None and q in form.applicable]

    def focus_question(self, question_id: str) -> None:
        """Move the keyboard focus to a question and scroll it into view."""
        card = self.cards.get(question_id)
        if card is None or not card.isVisibleTo(self.scroll.widget()):
            return
        card.focus_input()
        self._set_current(card)
        self.scroll.ensureWidgetVisible(card, 0, 60)

    def current_question(self) -> str | None:
        """The question with the focus (or last had it)."""
        return self._current.question.id if self._current else None

    def _move(self, question_id: str, step: int) -> None:
        visible = self._visible()
        if question_id in visible:
            target = visible.index(question_id) + step
            if 0 <= target < len(visible):
                self.focus_question(visible[target])

    def _picked(self, question_id: str) -> None:
        if self.session.settings.auto_advance:
            self._move(question_id, 1)

    def step_section(self, step: int) -> None:
        """Go to the first question of the next (or previous) section with one that applies."""
        if self.form is None:
            return
        sections = [s for s in self.form.template.sections
                    if any(q.id in self.form.applicable for q in s.questions)]
        current = self.current_question()
        index = -1
        for i, section in enumerate(sections):
            if any(q.id == current for q in section.questions):
                index = i
        target = max(0, min(len(sections) - 1, index + step))
        if sections:
            self.go_to_section(sections[target].id)

    def go_to_section(self, section_id: str) -> None:
        """Show a section's title and focus its first question that applies."""
        if self.form is None:
            return
        section = next(s for s in self.form.template.sections if s.id == section_id)
        title, _empty = self._sections[section_id]
        first = next((q.id for q in section.questions if q.id in self.form.applicable), None)
        if first is not None:
            self.focus_question(first)
        self.scroll.ensureWidgetVisible(title, 0, 10)

    def next_unanswered(self) -> None:
        """Go to the next question that applies and has no answer, wrapping around."""
        if self.form is None:
            return
        missing = self.form.unanswered
        if not missing:
            self.header.show_notice(translate("CaseFormPage", "Every question that applies is answered. "
                                                 "Ctrl+Enter marks the case complete."))
            return
        order = self._visible()
        current = self.current_question()
        start = order.index(current) + 1 if current in order else 0
        for question_id in order[start:] + order[:start]:
            if question_id in missing:
                self.focus_question(question_id)
                return

    def next_case(self, step: int) -> None:
        """Open the next (or previous) case in the case list's order."""
        if self.form is None or self.audit_id is None:
            return
        order = self.case_order()
        if self.form.label not in order:
            return
        target = order.index(self.form.label) + step
        if 0 <= target < len(order):
            self.open_case(self.audit_id, order[target])

    def comment_current(self) -> None:
        """Put the cursor in the current question's comment."""
        if self._current is not None:
            self._current.focus_comment()

    def _set_current(self, card: QuestionCard | None) -> None:
        if card is self._current:
            return
        if self._current is not None:
            self._current.set_flag("current", False)
        self._current = card
        if card is None or self.form is None:
            return
        card.set_flag("current", True)
        template = self.form.template
        section = template.section_of(card.question.id)
        self.help.show_question(card.question, section, template)
        self.navigator.select_section(section.id)

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        widget = new
        while widget is not None and not isinstance(widget, QuestionCard):
            widget = widget.parentWidget()
        if isinstance(widget, QuestionCard) and widget in self.cards.values():
            self._set_current(widget)
            self.scroll.ensureWidgetVisible(widget, 0, 40)
