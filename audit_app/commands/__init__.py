"""Command-line handlers grouped by theme; ``audit_app.cli`` builds the parser and dispatches."""
