#!/usr/bin/env bash
# Set up everything on a fresh Debian 12 machine (as root, or with sudo): system packages,
# a virtual environment in .venv with the pinned Python packages, and compiled translations.
# Safe to run again: it only adds what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive

APT_PACKAGES=(
  python3 python3-venv python3-pip
  # Qt's runtime libraries (PySide6 wheels link against them) and a virtual screen
  libegl1 libgl1 libopengl0 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libfreetype6
  libdbus-1-3 libglib2.0-0 libx11-xcb1 libxcb-cursor0 libxcb-icccm4 libxcb-image0
  libxcb-keysyms1 libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1
  xvfb xauth x11-utils
  # PDF checks (pdftotext, pdftoppm) and the report font
  poppler-utils fonts-dejavu-core
  # a real PostgreSQL server for the team-database tests
  postgresql
)
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

PY=/usr/bin/python3
[ -x "$PY" ] || PY="$(command -v python3)"
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
LOG="$(mktemp)"
if ! { .venv/bin/python -m pip install -q --upgrade pip && .venv/bin/python -m pip install -q -e ".[dev]"; } >"$LOG" 2>&1; then
  cat "$LOG"; echo "setup: installing the Python packages failed" >&2; exit 1
fi
rm -f "$LOG"
.venv/bin/python -m audit_app.gui.translations --compile >/dev/null 2>&1 || true
