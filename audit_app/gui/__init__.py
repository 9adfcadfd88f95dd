"""The PySide6 desktop interface."""

from audit_app.gui.none_guard import keep_none_alive

keep_none_alive()
