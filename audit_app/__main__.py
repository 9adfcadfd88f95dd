"""Entry point for ``python -m audit_app``."""

from audit_app.cli import main

raise SystemExit(main())
