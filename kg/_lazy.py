"""Lazy exports of a package: each name is imported from its module on first use (PEP 562).

``kg --help`` must not pay for rdflib's SPARQL engine, NetworkX or trafilatura, so the package
``__init__`` files that re-export their modules' names (``kg``, ``kg.api``, ``kg.analysis``,
``kg.export``) import them only under ``if typing.TYPE_CHECKING:`` (what type checkers and
readers see) and end with::

    __getattr__, __dir__ = _lazy.lazy_exports(__name__)

which reads that same ``if TYPE_CHECKING:`` block of the package's source to learn where each
name lives, and imports a module the first time one of its names is read. ``__all__`` stays a
literal list for linters; ``tests/test_meta.py`` checks that it names exactly those imports.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Callable
from importlib import import_module
from typing import Any

__all__ = ["lazy_exports", "typing_imports"]

_TYPE_CHECKING = ("TYPE_CHECKING", "typing.TYPE_CHECKING")


def typing_imports(source: str) -> dict[str, str]:
    """Name -> where it is, from the imports under ``if TYPE_CHECKING:`` in a module's source.

    ``from M import N`` gives ``N -> "M:N"``; a plain ``import kg.extract`` exports the
    subpackage itself: ``extract -> "kg.extract"`` (as does ``from kg import extract`` in
    ``kg/__init__.py``).

    >>> typing_imports("if TYPE_CHECKING:\\n    from kg.a import B, c as d\\n    import kg.e\\n")
    {'B': 'kg.a:B', 'd': 'kg.a:c', 'e': 'kg.e'}
    """
    where: dict[str, str] = {}
    for node in ast.parse(source).body:
        if not (isinstance(node, ast.If) and ast.unparse(node.test) in _TYPE_CHECKING):
            continue
        for statement in node.body:
            if isinstance(statement, ast.ImportFrom) and statement.module:
                for alias in statement.names:
                    where[alias.asname or alias.name] = f"{statement.module}:{alias.name}"
            elif isinstance(statement, ast.Import):
                for alias in statement.names:
                    where[alias.name.rsplit(".", 1)[-1]] = alias.name
    return where


def lazy_exports(package: str) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """The ``__getattr__`` and ``__dir__`` of a package whose exports load on first use.

    Args:
        package: the package's ``__name__``; its ``if TYPE_CHECKING:`` imports say what it
            exports and from where.
    """
    module = sys.modules[package]
    source = module.__loader__.get_source(package) if module.__loader__ else None  # type: ignore[attr-defined]
    where = typing_imports(source or "")

    def __getattr__(name: str) -> Any:
        if name not in where:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        target, _, attribute = where[name].partition(":")
        if target == package:  # a subpackage of this package, exported as itself
            target, attribute = f"{package}.{attribute}", ""
        value = import_module(target)
        if attribute:
            value = getattr(value, attribute)
        setattr(module, name, value)  # later reads skip __getattr__
        return value

    def __dir__() -> list[str]:
        return sorted(set(vars(module)) | set(where))

    return __getattr__, __dir__
