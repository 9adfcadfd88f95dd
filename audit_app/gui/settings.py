"""The user's settings in one typed object over QSettings: reviewer name, language, window state."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings

LANGUAGES = ("sv", "en")
DEFAULT_LANGUAGE = "sv"


def _login_name() -> str:
    # Imported here: the services package pulls in the database layer, which the first window
    # does not need.
    import getpass
    import os

    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return os.environ.get("USER") or os.environ.get("USERNAME") or "granskare"


class Settings:
    """Typed access to the persistent settings; every write is stored at once."""

    def __init__(self, store: QSettings | None = None) -> None:
        self._store = store if store is not None else QSettings("audit-app", "audit-app")

    @classmethod
    def at(cls, path: str) -> Settings:
        """Settings kept in an INI file (tests, screenshots)."""
        return cls(QSettings(path, QSettings.Format.IniFormat))

    @property
    def reviewer(self) -> str:
        """The name every answer is stored under; the login name until changed."""
        value = self._store.value("review/reviewer", "")
        return str(value).strip() or _login_name()

    @reviewer.setter
    def reviewer(self, name: str) -> None:
        self._store.setValue("review/reviewer", name.strip())
        self._store.sync()

    @property
    def language(self) -> str:
        """The interface language: ``sv`` (default) or ``en``."""
        value = str(self._store.value("ui/language", DEFAULT_LANGUAGE))
        return value if value in LANGUAGES else DEFAULT_LANGUAGE

    @language.setter
    def language(self, code: str) -> None:
        self._store.setValue("ui/language", code if code in LANGUAGES else DEFAULT_LANGUAGE)
        self._store.sync()

    @property
    def auto_advance(self) -> bool:
        """Whether picking an option moves on to the next question."""
        return str(self._store.value("review/auto_advance", "true")).lower() == "true"

    @auto_advance.setter
    def auto_advance(self, on: bool) -> None:
        self._store.setValue("review/auto_advance", "true" if on else "false")
        self._store.sync()

    def geometry(self, key: str) -> QByteArray | None:
        """A saved window or splitter state."""
        value = self._store.value(f"window/{key}")
        return value if isinstance(value, QByteArray) else None

    def set_geometry(self, key: str, state: QByteArray) -> None:
        """Remember a window or splitter state."""
        self._store.setValue(f"window/{key}", state)

    def last_audit(self) -> str | None:
        """The audit open when the program was last closed."""
        value = self._store.value("session/last_audit", "")
        return str(value) or None

    def set_last_audit(self, audit_id: str | None) -> None:
        """Remember the open audit."""
        self._store.setValue("session/last_audit", audit_id or "")
