"""Periods named by ISO dates of any precision (a year, a month, a day)."""

from __future__ import annotations

import calendar

__all__ = ["period"]


def period(value: str) -> tuple[str, str]:
    """The first and last day of the period an ISO date names.

    Raises:
        ValueError: the value is not a ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD[T...]`` date.

    >>> period("2016"), period("2016-02"), period("2016-02-03T10:00:00")
    (('2016-01-01', '2016-12-31'), ('2016-02-01', '2016-02-29'), ('2016-02-03', '2016-02-03'))
    """
    day = value[:10]
    parts = day.split("-")
    shape = [len(p) for p in parts]
    if not all(p.isdigit() for p in parts) or shape not in ([4], [4, 2], [4, 2, 2]):
        raise ValueError(f"not an ISO date: {value!r}")
    year = int(parts[0])
    if len(parts) == 1:
        return f"{year:04d}-01-01", f"{year:04d}-12-31"
    month = int(parts[1])
    if not 1 <= month <= 12:
        raise ValueError(f"not an ISO date: {value!r}")
    last = calendar.monthrange(year, month)[1]
    if len(parts) == 2:
        return f"{year:04d}-{month:02d}-01", f"{year:04d}-{month:02d}-{last:02d}"
    if not 1 <= int(parts[2]) <= last:
        raise ValueError(f"not an ISO date: {value!r}")
    return day, day
