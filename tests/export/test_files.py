"""Export files are written atomically, and a failure is one line naming the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import ExportError
from kg.export.files import write_atomically


def test_a_failed_write_leaves_the_old_file_whole(tmp_path: Path) -> None:
    path = tmp_path / "graph.gexf"
    path.write_text("old", encoding="utf-8")

    def half_then_fail(tmp: Path) -> None:
        tmp.write_text("half", encoding="utf-8")
        raise OSError("disk full")

    with pytest.raises(ExportError, match=r"cannot write .*graph\.gexf: disk full"):
        write_atomically(path, half_then_fail)
    assert path.read_text(encoding="utf-8") == "old"


def test_a_folder_that_is_a_file_is_one_line_naming_the_path(tmp_path: Path) -> None:
    blocker = tmp_path / "out"
    blocker.write_text("", encoding="utf-8")
    with pytest.raises(ExportError) as caught:
        write_atomically(blocker / "graph.csv", lambda tmp: tmp.write_text("x"))
    assert "\n" not in str(caught.value)
    assert str(blocker / "graph.csv") in str(caught.value)
