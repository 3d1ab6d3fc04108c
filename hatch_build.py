"""Build hook: compile kg's extraction stage (``kg/extract``) with mypyc when it can.

Hatchling runs this hook for every wheel it builds, the editable one of ``pip install -e .``
(``make venv``) included. The compiled extension modules go to ``kg/extract/_compiled/``
together with ``manifest.json``, the SHA-256 of each source they were compiled from;
``kg/extract/__init__.py`` puts that folder first on the package's ``__path__`` only when every
hash still matches the ``.py`` file beside it, so an edited source is never shadowed by a stale
build (it logs a warning and runs the pure-Python module; ``make compile`` rebuilds).

- editable install: the modules are built into the source tree (like ``build_ext --inplace``),
  where the editable install imports kg from; the folder is git-ignored.
- regular wheel: they are built in a temporary folder and added to the wheel, which is then
  tagged for this interpreter and platform.

Compilation is optional: when it is impossible (no C compiler, no Python headers, an interpreter
mypyc does not support, a mypy error) the hook prints a warning and the install goes on with the
pure-Python package, which behaves the same, only slower. ``KG_PURE_PYTHON=1`` skips compiling.

Run as a script (``python hatch_build.py OUTDIR``) it only compiles, into OUTDIR; the hook runs
it that way in a child process so that setuptools and mypy never touch hatchling's process.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

PACKAGE = Path("kg") / "extract"
OUTPUT = PACKAGE / "_compiled"
# every module of the extraction stage but the package's __init__ (which chooses between the
# compiled and the pure modules, so it stays Python)
MODULES = sorted(
    p.name for p in (Path(__file__).parent / PACKAGE).glob("*.py") if p.stem != "__init__"
)
GROUP = "kg.extract._native"  # the shared library of the group: kg/extract/_native__mypyc.*.so
MANIFEST = "manifest.json"


def source_digests(root: Path) -> dict[str, str]:
    """SHA-256 of each compiled source, by file name, as ``kg/extract/__init__.py`` checks it."""
    return {
        name: hashlib.sha256((root / PACKAGE / name).read_bytes()).hexdigest() for name in MODULES
    }


def compile_modules(root: Path, out: Path) -> list[Path]:
    """Compile :data:`MODULES` with mypyc; put the extension modules and the manifest in ``out``."""
    from mypyc.build import mypycify
    from setuptools import Distribution

    os.chdir(root)
    digests = source_digests(root)
    work = Path(tempfile.mkdtemp(prefix="kg-mypyc-"))
    try:
        extensions = mypycify(
            [
                *(str(PACKAGE / name) for name in MODULES),
                # the build environment lacks kg's runtime dependencies: check only what is
                # compiled, and let missing third-party modules be Any
                "--follow-imports=silent",
                "--ignore-missing-imports",
                f"--cache-dir={work / 'mypy_cache'}",
            ],
            opt_level="3",
            group_name=GROUP,
            target_dir=str(work / "c"),
        )
        dist = Distribution({"name": "kg-compiled", "ext_modules": extensions})
        build = dist.get_command_obj("build_ext")
        build.build_lib = str(work / "lib")
        build.build_temp = str(work / "temp")
        dist.run_command("build_ext")
        built = sorted((work / "lib" / PACKAGE).glob("*"))
        if not built:
            raise RuntimeError("mypyc built no extension module")
        out.mkdir(parents=True, exist_ok=True)
        for path in built:
            shutil.copy2(path, out / path.name)
        if source_digests(root) != digests:
            raise RuntimeError("kg/extract sources changed while compiling; build again")
        (out / MANIFEST).write_text(json.dumps({"sources": digests}, indent=1, sort_keys=True))
        return sorted(out.iterdir())
    finally:
        shutil.rmtree(work, ignore_errors=True)


try:
    from hatchling.builders.hooks.plugin.interface import BuildHookInterface
except ImportError:  # run as a script without hatchling
    BuildHookInterface = object


class CompileHook(BuildHookInterface):
    """Compile kg/extract with mypyc for wheel builds; fall back to pure Python."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel":
            return
        root = Path(self.root)
        editable = version == "editable"
        out = root / OUTPUT if editable else Path(tempfile.mkdtemp(prefix="kg-wheel-"))
        self._temporary = None if editable else out
        # an old build must not outlive a failed one (it would be ignored as stale, but why keep it)
        shutil.rmtree(root / OUTPUT if editable else out, ignore_errors=True)
        if os.environ.get("KG_PURE_PYTHON"):
            self.app.display_info("kg: KG_PURE_PYTHON is set, kg/extract stays pure Python")
            return
        self.app.display_info("kg: compiling kg/extract with mypyc (about 2 minutes)")
        result = subprocess.run(
            [sys.executable, str(root / "hatch_build.py"), str(out)],
            cwd=root,
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            tail = "\n".join((result.stdout + result.stderr).strip().splitlines()[-15:])
            self.app.display_warning(
                f"kg: mypyc compilation failed, installing pure Python (same results, slower); "
                f"output:\n{tail}"
            )
            shutil.rmtree(out, ignore_errors=True)
            return
        if editable:
            self.app.display_info(f"kg: compiled modules in {out}")
            return
        build_data["pure_python"] = False
        build_data["infer_tag"] = True
        for path in sorted(out.iterdir()):
            build_data["force_include"][str(path)] = str(OUTPUT / path.name)

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        temporary = getattr(self, "_temporary", None)
        if temporary is not None:
            shutil.rmtree(temporary, ignore_errors=True)


if __name__ == "__main__":
    compile_modules(Path(__file__).resolve().parent, Path(sys.argv[1]).resolve())
