"""Writing an export file atomically: a temp file beside it, then a rename."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from kg.errors import ExportError

__all__ = ["write_atomically"]


def write_atomically(path: Path, write: Callable[[Path], object]) -> Path:
    """Call ``write`` on ``PATH.part``, then rename it to ``path`` (a reader never sees half a
    file; a failed export leaves the old file).

    Raises:
        ExportError: the file cannot be written (one line naming it).
    """
    tmp = path.with_name(path.name + ".part")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write(tmp)
        tmp.replace(path)
    except OSError as exc:
        raise ExportError(
            f"cannot write {path}: {exc}; check the folder exists and is writable"
        ) from exc
    return path
