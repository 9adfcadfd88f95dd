"""Translations: compile the .ts files to .qm with lrelease, and install them in the application.

Run ``python -m audit_app.gui.translations --compile`` after changing a .ts file (setup does).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

TRANSLATIONS_DIR = Path(__file__).resolve().parents[2] / "resources" / "translations"
APP_CATALOG = "audit_app"


def find_lrelease() -> Path | None:
    """PySide6's lrelease in this environment, else one on PATH."""
    import shutil

    bindir = Path(sys.executable).parent
    candidates = [bindir / "pyside6-lrelease", bindir / "pyside6-lrelease.exe"]
    try:
        import PySide6

        package = Path(PySide6.__file__).parent
        candidates += [package / "lrelease", package / "lrelease.exe",
                       package / "Qt" / "libexec" / "lrelease", package / "Qt" / "bin" / "lrelease"]
    except ImportError:  # pragma: no cover - PySide6 is a dependency
        pass
    for candidate in candidates:
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return candidate
    for name in ("pyside6-lrelease", "lrelease", "lrelease-qt6"):
        found = shutil.which(name)
        if found:
            return Path(found)
    return None


def compile_all(directory: Path = TRANSLATIONS_DIR) -> list[Path]:
    """Compile every .ts file in ``directory`` to a .qm file beside it; returns the .qm files."""
    import subprocess

    lrelease = find_lrelease()
    if lrelease is None:
        raise RuntimeError("lrelease not found (install pyside6-essentials)")
    written = []
    for ts in sorted(directory.glob("*.ts")):
        qm = ts.with_suffix(".qm")
        subprocess.run([str(lrelease), "-silent", str(ts), "-qm", str(qm)], check=True,
                       stdout=subprocess.DEVNULL)
        written.append(qm)
    return written


def _fresh_catalog(language: str) -> Path | None:
    """The compiled catalog for a language, compiled first when it is missing or stale."""
    ts = TRANSLATIONS_DIR / f"{APP_CATALOG}_{language}.ts"
    qm = ts.with_suffix(".qm")
    if ts.exists() and (not qm.exists() or qm.stat().st_mtime < ts.stat().st_mtime):
        import contextlib
        import subprocess  # only here: the usual start finds the catalog compiled

        # A read-only install keeps using what is there.
        with contextlib.suppress(OSError, RuntimeError, subprocess.CalledProcessError):
            compile_all()
    return qm if qm.exists() else None


_installed: list[QTranslator] = []


def install(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Load the program's and Qt's own catalogs for ``language`` (English needs none).

    Catalogs installed by an earlier call are removed first.
    """
    while _installed:
        app.removeTranslator(_installed.pop())
    QLocale.setDefault(QLocale(QLocale.Language.Swedish if language == "sv"
                               else QLocale.Language.English, QLocale.Country.Sweden))
    installed = _installed
    if language == "en":
        return list(installed)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    catalog = _fresh_catalog(language)
    for name, directory in (("qtbase", qt_dir), (APP_CATALOG, str(catalog.parent) if catalog
                                                 else "")):
        translator = QTranslator(app)
        if directory and translator.load(f"{name}_{language}", directory):
            app.installTranslator(translator)
            installed.append(translator)
    return list(installed)


def main(argv: list[str] | None = None) -> int:
    """Command line: ``--compile`` builds every .qm file."""
    import argparse
    import subprocess

    parser = argparse.ArgumentParser(prog="python -m audit_app.gui.translations")
    parser.add_argument("--compile", action="store_true", help="compile .ts to .qm")
    args = parser.parse_args(argv)
    if not args.compile:
        parser.print_help()
        return 0
    try:
        for qm in compile_all():
            print(qm)
    except (RuntimeError, subprocess.CalledProcessError) as exc:
        print(f"translations: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
