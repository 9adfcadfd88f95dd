"""Pure rules of an audit: templates, conditions, final answers, tables, agreement; no Qt, no database."""
