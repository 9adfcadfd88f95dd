"""Located, coded problems in user input (templates, CSV files) and the error that carries them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem found in an input file, printed as ``PATH:LINE: error[CODE]: message``."""

    path: str
    line: int
    code: str
    message: str

    def format(self) -> str:
        """Render the diagnostic in the one format every command uses."""
        return f"{self.path}:{self.line}: error[{self.code}]: {self.message}"


class AuditAppError(Exception):
    """Base of every error the program reports to a user; ``code`` is stable."""

    code = "error"
    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InputRejected(AuditAppError):
    """User input was refused; nothing was written (exit 2)."""

    code = "input-rejected"
    exit_code = 2


class InvalidInput(InputRejected):
    """An input file has one or more located problems; every one is listed."""

    code = "invalid-input"

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = sorted(diagnostics, key=lambda d: (d.path, d.line))
        super().__init__("\n".join(d.format() for d in self.diagnostics))


class NotFound(InputRejected):
    """A named audit, case, question or file does not exist."""

    code = "not-found"


class FileUnreadable(NotFound):
    """A file to read is missing (``reason`` "missing") or cannot be read ("unreadable")."""

    def __init__(self, path: object, reason: str, message: str) -> None:
        super().__init__(message)
        self.path, self.reason = str(path), reason
