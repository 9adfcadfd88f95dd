#!/usr/bin/env bash
# Set everything up, then run every check: ruff, mypy (strict on domain/ and services/),
# the layering contract, and the whole test suite (GUI tests offscreen, PostgreSQL where present).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export QT_QPA_PLATFORM=offscreen
. scripts/postgres.sh || echo "PostgreSQL not started; its tests will be skipped"
.venv/bin/ruff check audit_app tests benchmarks
.venv/bin/mypy audit_app/domain
.venv/bin/lint-imports
.venv/bin/python -m pytest -q -p no:cacheprovider "$@"
