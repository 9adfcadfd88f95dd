"""Aktgranskning: review templates, case-file audits, tables and reports for social services."""

__version__ = "0.1.0"
