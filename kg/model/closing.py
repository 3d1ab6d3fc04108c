"""Objects that hold a resource (a session, a store, a server process) and release it in
``close()``: each is also a context manager, so ``with`` closes it."""

from __future__ import annotations

import abc
from types import TracebackType
from typing import TypeVar

__all__ = ["Closing"]

_C = TypeVar("_C", bound="Closing")


class Closing(abc.ABC):
    """Base of a resource holder: implement :meth:`close`; ``with`` calls it on the way out."""

    @abc.abstractmethod
    def close(self) -> None:
        """Release the resource; calling it twice is harmless."""

    def __enter__(self: _C) -> _C:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
