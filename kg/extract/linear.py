"""Linear models over sparse string features: what the learned stages load and score.

A learned stage (:mod:`kg.extract.relate` for relations) describes a candidate by a set of
feature strings. A model is, per output label, a
bias and the weights of the features it uses; a label's score is the bias plus the weights of
the candidate's features. Training happens offline with scikit-learn (``scripts/train_*.py``);
what ships is a JSON table, read here in milliseconds, with no scikit-learn at run time.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from pathlib import Path

from kg.errors import ResourceError

__all__ = ["LinearModel", "sigmoid", "softmax"]


def sigmoid(z: float) -> float:
    """The logistic function, safe for any z."""
    if z < -30.0:
        return 0.0
    if z > 30.0:
        return 1.0
    return 1.0 / (1.0 + math.exp(-z))


def softmax(scores: dict[str, float]) -> dict[str, float]:
    """Probabilities from per-label scores."""
    top = max(scores.values())
    exps = {label: math.exp(score - top) for label, score in scores.items()}
    total = sum(exps.values())
    return {label: value / total for label, value in exps.items()}


class LinearModel:
    """Per-label biases, weights and decision thresholds.

    Args:
        data: ``{"name": ..., "labels": {label: {"bias": b, "threshold": t, "veto": v,
            "weights": {feature: w}}}}`` (``threshold`` and ``veto`` optional: the stage that
            uses the model says what they decide).
        path: where it was read from, for messages.

    Raises:
        ValueError: the table is malformed.
    """

    def __init__(self, data: dict[str, object], path: str = "<model>") -> None:
        self.name = str(data.get("name", Path(path).stem))
        self.bias: dict[str, float] = {}
        self.threshold: dict[str, float] = {}
        self.veto: dict[str, float] = {}
        self.weights: dict[str, dict[str, float]] = {}
        labels = data.get("labels")
        if not isinstance(labels, dict):
            raise ValueError("no 'labels' table")
        for label, table in labels.items():
            if not isinstance(table, dict) or not isinstance(table.get("weights"), dict):
                raise ValueError(f"label {label!r} has no weights")
            self.bias[label] = float(table["bias"])
            self.threshold[label] = float(table.get("threshold", 0.5))
            self.veto[label] = float(table.get("veto", 0.0))
            self.weights[label] = {str(f): float(w) for f, w in table["weights"].items()}

    @classmethod
    def load(cls, path: Path) -> LinearModel:
        """Read a model file.

        Raises:
            ResourceError: the file is missing or malformed.
        """
        try:
            return cls(json.loads(path.read_text(encoding="utf-8")), str(path))
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            raise ResourceError(
                f"cannot read the model {path}: {exc}; reinstall kg or retrain it with the "
                "script its data/models/README.md entry names"
            ) from exc

    def score(self, label: str, features: Iterable[str]) -> float:
        """The label's linear score for these features."""
        weights = self.weights[label]
        return self.bias[label] + sum(weights.get(f, 0.0) for f in features)

    def probability(self, label: str, features: Iterable[str]) -> float:
        """A binary label's probability (its own logistic regression)."""
        return sigmoid(self.score(label, features))

    def distribution(self, features: Iterable[str]) -> dict[str, float]:
        """The labels' probabilities as one multinomial model."""
        listed = list(features)
        return softmax({label: self.score(label, listed) for label in self.weights})
