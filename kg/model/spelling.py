"""How far apart two spellings are: the one edit distance extraction and linking both use."""

from __future__ import annotations

__all__ = ["slips"]


def slips(a: str, b: str, limit: int) -> int:
    """How many letters must be inserted, deleted, changed or swapped with a neighbour to turn
    one string into the other (optimal string alignment), counted up to ``limit + 1``.

    >>> slips("ciletuh", "cilteuh", 3), slips("palabuhanratu", "pelabuhanratu", 3)
    (1, 1)
    >>> slips("bandung", "bantul", 1)
    2
    """
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return min(previous[-1], limit + 1)
