"""One card per question type: choice as radio buttons, multi as check boxes, number, date, text.

Choice and multi cards take the keyboard focus themselves: digits pick options, Delete clears,
Enter and the arrow keys move between questions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from audit_app.gui.input_cards import DateCard, NumberCard, TextCard, _LineCard
from audit_app.gui.option_cards import ChoiceCard, MultiCard
from audit_app.gui.question_card import QuestionCard

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from audit_app.domain.template import Question

__all__ = ["ChoiceCard", "DateCard", "MultiCard", "NumberCard", "QuestionCard", "TextCard",
           "flush", "make_card"]


def make_card(question: Question, number: str, parent: QWidget | None = None) -> QuestionCard:
    """The card for a question's type."""
    kinds: dict[str, type[QuestionCard]] = {"choice": ChoiceCard, "multi": MultiCard,
                                            "number": NumberCard, "date": DateCard,
                                            "text": TextCard}
    return kinds[question.type](question, number, parent)


def flush(card: QuestionCard) -> None:
    """Store what a line or text card still holds (before switching case or closing)."""
    if isinstance(card, _LineCard | TextCard) and card.pending():
        card._finished()
    if card.comment.hasFocus():
        card._comment_finished()
