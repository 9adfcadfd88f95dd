"""The case form: a reviewer answers one case, every change stored at once and undoable."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QPalette, QUndoGroup, QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMessageBox,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from audit_app.gui.errors import describe, dispatcher
from audit_app.gui.form_navigation import FormNavigation
from audit_app.gui.form_parts import CaseHeader, HelpPanel, SectionNavigator
from audit_app.gui.question_widgets import ChoiceCard, QuestionCard, flush, make_card
from audit_app.gui.retranslate import Texts
from audit_app.gui.style import use_sheet
from audit_app.gui.undo import AnswerCommand

if TYPE_CHECKING:
    from audit_app.domain.template import Template
    from audit_app.gui.session import Session
    from audit_app.services.review import AnswerChange, AnswerInput, CaseForm


class CaseFormPage(FormNavigation, QWidget):
    """Header, section navigator, the questions and the help panel for one case at a time."""

    back_requested = Signal()
    case_changed = Signal(object)  # CaseForm after any stored change or on opening

    def __init__(self, session: Session, undo_group: QUndoGroup | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._texts = Texts("CaseFormPage")  # texts that follow a language switch
        self.audit_id: str | None = None
        self.form: CaseForm | None = None
        self.cards: dict[str, QuestionCard] = {}
        self._sections: dict[str, tuple[QLabel, QLabel]] = {}
        self._current: QuestionCard | None = None
        self._built_for: str | None = None
        self.case_order: Callable[[], list[str]] = list
        self.header = CaseHeader()
        self.navigator = SectionNavigator()
        self.help = HelpPanel()
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setObjectName("questions")
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.help.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setObjectName("formSplitter")
        splitter.addWidget(self.navigator)
        splitter.addWidget(self.scroll)
        splitter.addWidget(self.help)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([230, 700, 300])
        splitter.setChildrenCollapsible(False)
        saved = session.settings.geometry("form_splitter")
        if saved is not None:
            splitter.restoreState(saved)
        self.splitter = splitter
        use_sheet(self)  # cards, section titles, banners (see gui/style.py)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(splitter, 1)
        self.undo_group = undo_group or QUndoGroup(self)
        self._stacks: dict[str, QUndoStack] = {}
        self.navigator.chosen.connect(self.go_to_section)
        self.help.history_requested.connect(self.show_history)
        self.header.back.clicked.connect(self.back_requested.emit)
        self.header.next.clicked.connect(lambda: self.next_case(1))
        self.header.previous.clicked.connect(lambda: self.next_case(-1))
        self.header.complete.clicked.connect(self.mark_complete)
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.focusChanged.connect(self._focus_changed)
        self.actions_by_name = self._make_actions()
        self._actions_on = True  # the main window turns them off while another page is shown

    def _make_actions(self) -> dict[str, QAction]:
        specs = [
            ("next_section", "Next section", "Ctrl+PgDown", lambda: self.step_section(1)),
            ("previous_section", "Previous section", "Ctrl+PgUp",
             lambda: self.step_section(-1)),
            ("next_unanswered", "Next unanswered question", "Ctrl+J",
             self.next_unanswered),
            ("next_case", "Next case", "Ctrl+Shift+PgDown", lambda: self.next_case(1)),
            ("previous_case", "Previous case", "Ctrl+Shift+PgUp",
             lambda: self.next_case(-1)),
            ("mark_complete", "Mark case complete", "Ctrl+Return", self.mark_complete),
            ("comment", "Comment on the question", "Ctrl+K", self.comment_current),
            ("history", "Answer history", "Ctrl+H", self.show_history),
            ("back", "Back to the case list", "Alt+Left", self.back_requested.emit),
        ]
        actions = {}
        for name, text, keys, slot in specs:
            action = self._texts.keep(QAction(self), "setText", text)
            action.setObjectName(name)
            shortcuts = [QKeySequence(keys)]
            if name == "mark_complete":
                shortcuts.append(QKeySequence("Ctrl+Enter"))
            action.setShortcuts(shortcuts)
            action.triggered.connect(slot)
            actions[name] = action
        return actions

    def set_actions_enabled(self, on: bool) -> None:
        """Turn the form's menu actions on or off (the main window: on while the form is shown);
        marking complete stays off while the case is read only (the review phase has ended)."""
        self._actions_on = on
        read_only = self.form is not None and self.form.review_ended
        for name, action in self.actions_by_name.items():
            action.setEnabled(on and not (name == "mark_complete" and read_only))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        """After a language switch: the texts, and the shown case's cards made again."""
        self._texts.changed(event, self._retranslated)
        super().changeEvent(event)

    def _retranslated(self) -> None:
        self._built_for = None  # the next opening makes the cards in the new language
        self.help.show_question(None, None, None)
        if self.form is None or self.audit_id is None or not self.isVisible():
            return
        current = self._current.question.id if self._current is not None else None
        if self.open_case(self.audit_id, self.form.label) and current in self.cards:
            self.focus_question(current)

    # -- building ------------------------------------------------------------------------------
    def _build(self, audit_id: str, template: Template) -> None:
        """Create the cards once per audit; switching cases only fills them in."""
        if self._built_for == audit_id:
            return
        self._current = None
        body = QWidget()
        body.setObjectName("questionBody")
        layout = QVBoxLayout(body)
        layout.setSpacing(8)
        self.cards.clear()
        self._sections.clear()
        for s_no, section in enumerate(template.sections, start=1):
            title = QLabel(f"{s_no}. {section.title}")
            title.setObjectName("sectionTitle")
            title.setWordWrap(True)
            empty = QLabel(self.tr("No question in this section applies to the case."))
            empty.setForegroundRole(QPalette.ColorRole.PlaceholderText)
            layout.addWidget(title)
            layout.addWidget(empty)
            self._sections[section.id] = (title, empty)
            for q_no, question in enumerate(section.questions, start=1):
                card = make_card(question, f"{s_no}.{q_no}")
                card.edited.connect(self._edited)
                card.comment_edited.connect(self._commented)
                card.move.connect(self._move)
                if isinstance(card, ChoiceCard):
                    card.picked.connect(self._picked)
                layout.addWidget(card)
                self.cards[question.id] = card
        layout.addStretch(1)
        self.scroll.setWidget(body)
        self.navigator.set_template(template)
        self._built_for = audit_id

    # -- opening -------------------------------------------------------------------------------
    def open_case(self, audit_id: str, label: str) -> bool:
        """Show a case; returns False (and shows why) when it cannot be opened."""
        self.flush()
        with dispatcher.reporting(self):
            form = self.session.open_case(audit_id, label)
            self.audit_id = audit_id
            self._build(audit_id, form.template)
            self._show(form)
            stack = self._stacks.get(label)
            if stack is None:
                stack = self._stacks[label] = QUndoStack(self.undo_group)
            self.undo_group.setActiveStack(None if form.review_ended else stack)
            self.header.show_gaps(None)
            self.header.show_notice(None)
            for card in self.cards.values():
                card.set_flag("gap", False)
            first = next(iter(form.unanswered), None) or next(
                (q for q in self.cards if q in form.applicable), None)
            if first is not None:
                self.focus_question(first)
            return True
        return False

    def forget_audit(self) -> None:
        """Drop the cards and undo history of the audit shown (another audit is opened)."""
        self._built_for = None
        self.form = None
        for stack in self._stacks.values():
            self.undo_group.removeStack(stack)
            stack.deleteLater()
        self._stacks.clear()

    def _show(self, form: CaseForm) -> None:
        self.form = form
        for question_id, card in self.cards.items():
            card.set_answer(form.answers.get(question_id), form.comments.get(question_id))
            card.setEnabled(not form.review_ended)  # read only once the review phase has ended
        self.set_actions_enabled(self._actions_on)
        self._refresh(form)

    def _review_ended(self) -> None:
        """The review phase ended while the case was open: show it again, read only."""
        with dispatcher.reporting(self):
            form = self.session.open_case(self._audit(), self._label())
            self._show(form)
            if form.review_ended:
                self.undo_group.setActiveStack(None)

    def _refresh(self, form: CaseForm) -> None:
        """Visibility, header and navigator after any change."""
        self.form = form
        for question_id, card in self.cards.items():
            card.setVisible(question_id in form.applicable)
            if question_id in form.answers:
                card.set_flag("gap", False)
        for section in form.template.sections:
            _title, empty = self._sections[section.id]
            empty.setVisible(not any(q.id in form.applicable for q in section.questions))
        self.header.show_case(form)
        self.navigator.show_progress(form)
        self.case_changed.emit(form)

    # -- answering -----------------------------------------------------------------------------
    def _edited(self, question_id: str, raw: AnswerInput) -> None:
        self._store(question_id, lambda allow: self.session.set_answer(
            self._audit(), self._label(), question_id, raw, allow_identifiers=allow))

    def _commented(self, question_id: str, comment: str) -> None:
        self._store(question_id, lambda allow: self.session.set_comment(
            self._audit(), self._label(), question_id, comment, allow_identifiers=allow))

    def _store(self, question_id: str, write: Callable[[bool], AnswerChange]) -> None:
        from audit_app.domain.diagnostics import AuditAppError
        from audit_app.services.review import InvalidAnswer

        card = self.cards[question_id]
        allow = False
        while True:
            try:
                change = write(allow)
                break
            except InvalidAnswer as exc:
                if exc.code == "personal-identity-number" and not allow \
                        and self.confirm_identifiers():
                    allow = True
                    continue
                card.set_error(f"{describe(exc.code)}: {exc.message}. "
                               + self.tr("Not saved."))
                return
            except AuditAppError as exc:
                if exc.code == "review-ended":
                    self._review_ended()
                else:
                    dispatcher.show(exc, self)
                return
        if change.changed:
            stack = self.undo_group.activeStack()
            if stack is not None:
                stack.push(AnswerCommand(change, card.question.text, self._restore))
        self._apply(change)

    def confirm_identifiers(self) -> bool:
        """Ask whether to store text that holds a personal identity number (logged)."""
        answer = QMessageBox.question(
            self, self.tr("Personal identity number"),
            self.tr("The text seems to contain a personal identity number. Case files in an "
                    "audit should not be identifiable.\n\nStore it anyway? This is logged."),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def _apply(self, change: AnswerChange) -> None:
        form = change.form
        card = self.cards[change.question_id]
        card.set_answer(form.answers.get(change.question_id),
                        form.comments.get(change.question_id))
        self._refresh(form)
        if change.reopened:
            self.header.show_notice(self.tr("The case is no longer marked complete: a question "
                                            "that applies has no answer."))

    def _restore(self, change: AnswerChange, undo: bool) -> None:
        # Each case has its own undo stack, active only while the case is shown.
        if self.form is None or change.case_label != self.form.label:
            return
        with dispatcher.reporting(self):
            self._apply(self.session.restore(change, undo=undo))
            self.focus_question(change.question_id)

    def flush(self) -> None:
        """Store whatever an input still holds (nothing once the review phase has ended)."""
        if self.form is not None and self.form.review_ended:
            return
        for card in self.cards.values():
            if card.isVisible() or card.hasFocus():
                flush(card)

    # -- completing and history ---------------------------------------------------------------
    def mark_complete(self) -> None:
        """Mark the case complete, or show what is missing and jump to the first gap."""
        if self.form is None or self.audit_id is None or self.form.review_ended:
            return
        self.flush()
        with dispatcher.reporting(self):
            if self.form.marked_complete:
                self._refresh(self.session.reopen_case(self.audit_id, self.form.label))
                self.header.show_notice(None)
                return
            result = self.session.mark_complete(self.audit_id, self.form.label)
            self._refresh(result.form)
            for question_id, card in self.cards.items():
                card.set_flag("gap", question_id in result.gaps)
            if result.completed:
                self.header.show_gaps(None)
                self.header.show_notice(self.tr("The case is complete. Ctrl+Shift+PgDown opens "
                                                "the next case."))
                return
            first = result.first_gap or ""
            text = self.cards[first].question.text if first in self.cards else first
            self.header.show_gaps(self.tr("The case cannot be marked complete: %n question(s) "
                                          "that apply have no answer. First: “%1”", "",
                                          len(result.gaps)).replace("%1", text))
            self.focus_question(first)

    def show_history(self) -> None:
        """Show the logged changes of the current question's answer."""
        question = self.current_question()
        if question is None or self.form is None or self.audit_id is None:
            return
        from audit_app.gui.history_dialog import HistoryDialog

        with dispatcher.reporting(self):
            entries = self.session.history(self.audit_id, self.form.label, question)
            HistoryDialog(self.cards[question].question, entries, self).exec()

    def _audit(self) -> str:
        assert self.audit_id is not None
        return self.audit_id

    def _label(self) -> str:
        assert self.form is not None
        return self.form.label
