"""Start-up benchmark: how long ``kg --help`` and ``kg extract`` take before doing any work.

Each command runs ``--runs`` times in a fresh interpreter (``python -c 'from kg.cli import
main; main()'``, the console script's own code path); the median wall time and the median CPU
time (user + system, steadier than wall time on a busy machine) are printed. Then
``python -X importtime`` lists the slowest imports of ``kg --help`` and of the import that
``kg extract`` needs, so a regression points at its module.

With ``--baseline PATH`` (another checkout of kg, e.g. a worktree of main) the same commands
run from that source tree too, interleaved run by run with this tree's, and the ratios are
printed: the figures depend on the machine and its load, the ratios much less.

    python benchmarks/startup.py
    git worktree add --detach /tmp/kg-main main
    python benchmarks/startup.py --baseline /tmp/kg-main --runs 7
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "samples" / "antara-bogor-uclg-aspac.txt"
MAIN = "import sys; from kg.cli import main; sys.argv[0] = 'kg'; main()"


def _env(root: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(root)  # this source tree's kg, ahead of the installed one
    return env


def run_once(root: Path, args: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of ``kg ARGS`` in a fresh interpreter, from the tree at ``root``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", MAIN, *args],
        capture_output=True,
        text=True,
        cwd=root,
        env=_env(root),
        check=False,
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise SystemExit(f"kg {' '.join(args)} failed in {root}:\n{result.stderr}")
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return wall, cpu


def slowest_imports(root: Path, code: str, top: int) -> list[tuple[float, str]]:
    """The ``top`` modules of largest cumulative import time (seconds, name) at any depth."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code],
        capture_output=True,
        text=True,
        cwd=root,
        env=_env(root),
        check=False,
    )
    rows = []
    for line in result.stderr.splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        _, cumulative, name = line.split(":", 1)[1].split("|")
        rows.append((int(cumulative) / 1e6, name.strip()))
    return sorted(rows, reverse=True)[:top]


def measure(trees: list[Path], runs: int, out: Path) -> dict[tuple[str, Path], list[float]]:
    """Median wall and CPU seconds of each command from each tree, runs interleaved."""
    commands = {"kg --help": ["--help"], "kg extract": ["extract", str(SAMPLE), "-o", str(out)]}
    for tree in trees:
        run_once(tree, ["--help"])  # warm the file cache and the bytecode
    samples: dict[tuple[str, Path], list[tuple[float, float]]] = {}
    for _ in range(runs):
        for name, args in commands.items():
            for tree in trees:
                samples.setdefault((name, tree), []).append(run_once(tree, args))
    return {
        key: [statistics.median(s[0] for s in values), statistics.median(s[1] for s in values)]
        for key, values in samples.items()
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per command (median)")
    parser.add_argument("--top", type=int, default=8, help="slowest imports listed")
    parser.add_argument("--baseline", type=Path, help="another kg checkout to compare with")
    args = parser.parse_args()
    trees = [ROOT] + ([args.baseline.resolve()] if args.baseline else [])
    with tempfile.TemporaryDirectory() as tmp:
        figures = measure(trees, args.runs, Path(tmp) / "sample.ttl")
    header = f"{'command':12} {'wall':>8} {'cpu':>8}"
    if args.baseline:
        header += f"   {'baseline wall':>13} {'cpu':>8}   {'ratio wall':>10} {'cpu':>6}"
    print(header)
    for name in ("kg --help", "kg extract"):
        wall, cpu = figures[(name, ROOT)]
        line = f"{name:12} {wall:>6.3f} s {cpu:>6.3f} s"
        if args.baseline:
            base_wall, base_cpu = figures[(name, trees[1])]
            line += (
                f"   {base_wall:>11.3f} s {base_cpu:>6.3f} s"
                f"   {wall / base_wall:>9.2f}x {cpu / base_cpu:>5.2f}x"
            )
        print(line)
    for title, code in (
        ("kg --help", "import kg.cli"),
        ("kg extract", "import kg.cli, kg.api; kg.api.extract_files"),
    ):
        print(f"\nslowest imports of {title} (cumulative, python -X importtime):")
        for seconds, name in slowest_imports(ROOT, code, args.top):
            print(f"  {seconds:7.3f} s  {name}")


if __name__ == "__main__":
    main()
