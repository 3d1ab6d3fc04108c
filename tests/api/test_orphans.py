"""The worker processes of a multi-worker `kg build` die with it, however it dies."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PLACES = ("Bogor", "Bekasi", "Depok", "Cirebon", "Garut", "Subang", "Sukabumi", "Cianjur")


def _corpus(folder: Path, count: int) -> Path:
    folder.mkdir()
    for n in range(count):
        place = PLACES[n % len(PLACES)]
        text = " ".join(
            f"Wali Kota {place} Hendra Wijaya {n} meninjau jalan desa nomor {k} di {place}."
            for k in range(40)
        )
        (folder / f"berita-{n:04d}.txt").write_text(text, encoding="utf-8")
    return folder


def _alive(pid: int) -> bool:
    """Whether a process exists and is not a zombie (an exited child nobody reaped)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rpartition(")")[2].split()[0] != "Z"


def _descendants(root: int) -> set[int]:
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError, IndexError, ValueError):
                fields = (entry / "stat").read_text().rpartition(")")[2].split()
                parents[int(entry.name)] = int(fields[1])
    found: set[int] = set()
    todo = [root]
    while todo:
        current = todo.pop()
        children = {pid for pid, parent in parents.items() if parent == current}
        todo += children - found
        found |= children
    return found


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc")
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL], ids=["sigterm", "kill-9"])
def test_workers_die_with_a_killed_build(tmp_path: Path, sig: signal.Signals) -> None:
    corpus = _corpus(tmp_path / "in", 240)
    args = ["build", str(corpus), "--store", str(tmp_path / "store"), "--workers", "2", "-q"]
    build = subprocess.Popen(
        [sys.executable, "-m", "kg.cli", *args],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    workers: set[int] = set()
    try:
        deadline = time.monotonic() + 120
        while len(workers) < 3 and time.monotonic() < deadline:  # forkserver and 2 workers
            assert build.poll() is None, "the build ended before its workers could be seen"
            time.sleep(0.2)
            workers = {pid for pid in _descendants(build.pid) if _alive(pid)}
        assert len(workers) >= 3, f"no worker processes appeared: {workers}"
        time.sleep(1.0)  # the workers are extracting now
        workers = {pid for pid in _descendants(build.pid) if _alive(pid)}
        build.send_signal(sig)
        build.wait(timeout=30)
        end = time.monotonic() + 20
        while any(_alive(pid) for pid in workers) and time.monotonic() < end:
            time.sleep(0.2)
        left = {pid for pid in workers if _alive(pid)}
        assert not left, f"processes outlived the build: {left}"
    finally:
        for pid in [build.pid, *workers]:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        build.wait(timeout=30)
