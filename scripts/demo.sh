#!/usr/bin/env bash
# Set everything up, then run the demo audit: print its tables by district, write the PDF report
# to out/demo-rapport.pdf, and open the program's window when there is a display.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
mkdir -p out
.venv/bin/audit-app demo
if .venv/bin/audit-app report "Demo: Öppenvård barn 0-12 år" --by unit --out out/demo-rapport.pdf; then
  echo "Rapporten är skriven: out/demo-rapport.pdf"
fi
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  .venv/bin/audit-app
else
  echo "Ingen bildskärm (DISPLAY) – programfönstret öppnas inte."
fi
