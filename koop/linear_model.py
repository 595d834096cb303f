"""Linear models over named features, stored as JSON and applied with plain Python.

Training uses scikit-learn (koop/training); extraction only needs the weights:
a feature name indexes a row of weights, the score is their sum, and the
probability its logistic (binary) or softmax (several classes). Keeping the
file format this small keeps a user's install free of scikit-learn.
"""
from __future__ import annotations

import gzip
import json
import math
from pathlib import Path


class LinearModel:
    """A binary or multi-class linear model over named features."""

    def __init__(self, classes: list[str], weights: dict[str, list[float]], bias: list[float],
                 meta: dict | None = None) -> None:
        self.classes = classes
        self.weights = weights
        self.bias = bias
        self.meta = meta or {}

    @classmethod
    def load(cls, path: str | Path) -> "LinearModel":
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            d = json.load(fh)
        return cls(d["classes"], d["weights"], d["bias"], d.get("meta"))

    def save(self, path: str | Path) -> None:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        data = {"classes": self.classes, "bias": self.bias, "meta": self.meta,
                "weights": {k: [round(x, 5) for x in v] for k, v in sorted(self.weights.items())}}
        raw = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        with open(path, "wb") as out, gzip.GzipFile(fileobj=out, mode="wb", compresslevel=9, mtime=0) as fh:
            fh.write(raw)  # mtime 0: the same training gives the same bytes

    def scores(self, features: dict[str, float]) -> list[float]:
        out = list(self.bias)
        for name, value in features.items():
            w = self.weights.get(name)
            if w is not None:
                for k, x in enumerate(w):
                    out[k] += x * value
        return out

    def proba(self, features: dict[str, float]) -> dict[str, float]:
        """Class probabilities: logistic for one weight column, softmax for several."""
        s = self.scores(features)
        if len(s) == 1:
            p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, s[0]))))
            return {self.classes[0]: 1.0 - p, self.classes[1]: p}
        top = max(s)
        exps = [math.exp(x - top) for x in s]
        total = sum(exps)
        return {c: e / total for c, e in zip(self.classes, exps)}
