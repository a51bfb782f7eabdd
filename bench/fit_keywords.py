"""Fit the keyword feature weights (zhiku.analyze.keywords.WEIGHTS) on CSL author keywords.

Logistic regression (numpy, L2, standardized features) of "candidate is an author keyword" on the
candidate features; prints the weights to paste into keywords.py and the F1@5 they reach, with a
two-fold check (fit on one half, score the other) so that over-fitting shows.
Run: ``.venv/bin/python bench/fit_keywords.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from bench_keywords import load_csl, split_title  # noqa: E402

import zhiku.analyze.keywords as kw  # noqa: E402


def features(cases: list[dict]) -> list[tuple[list[str], np.ndarray, list[str]]]:
    """Per case: candidate terms, their feature matrix, the gold keywords."""
    out = []
    for case in cases:
        body, title = split_title(case["text"])
        feats = kw.candidate_features(body, title)
        terms = list(feats)
        matrix = np.array([feats[t] for t in terms]) if terms else np.zeros((0, len(kw.FEATURES)))
        out.append((terms, matrix, case["gold_keywords"]))
    return out


def fit(data, l2: float = 1e-3, steps: int = 3000, lr: float = 0.5) -> tuple[np.ndarray, float]:
    x = np.vstack([m for _, m, _ in data])
    y = np.concatenate([[float(kw._norm(t) in {kw._norm(g) for g in gold}) for t in terms] for terms, _, gold in data])
    mu, sd = x.mean(0), x.std(0) + 1e-9
    z = np.hstack([(x - mu) / sd, np.ones((len(x), 1))])
    w = np.zeros(z.shape[1])
    for _ in range(steps):
        p = 1 / (1 + np.exp(-z @ w))
        w -= lr * (z.T @ (p - y) / len(y) + l2 * np.r_[w[:-1], 0])
    weights = w[:-1] / sd  # back to raw feature scale
    bias = w[-1] - float((w[:-1] * mu / sd).sum())
    return weights, bias


def f1_at_5(data, weights: np.ndarray, bias: float) -> tuple[float, float]:
    exact = partial = 0.0
    for terms, matrix, gold in data:
        if not terms:
            continue
        scores = matrix @ weights + bias
        ranked = [(terms[i], float(scores[i])) for i in np.argsort(-scores)]
        chosen = kw.select(ranked, 5)
        exact += kw.keyword_f1(chosen, gold)[2]
        partial += kw.keyword_f1(chosen, gold, partial=True)[2]
    return exact / len(data), partial / len(data)


def main() -> None:
    data = features(load_csl())
    half = len(data) // 2
    for k, (train, test) in enumerate([(data[:half], data[half:]), (data[half:], data[:half])]):
        w, b = fit(train)
        print(f"fold {k}: held-out exact F1@5 {f1_at_5(test, w, b)[0]:.3f} partial {f1_at_5(test, w, b)[1]:.3f}")
    w, b = fit(data)
    e, p = f1_at_5(data, w, b)
    print(f"all: exact F1@5 {e:.3f} partial {p:.3f}")
    print("WEIGHTS = (" + ", ".join(f"{v:.3f}" for v in w) + ")")
    print(f"BIAS = {b:.3f}")
    for name, v in zip(kw.FEATURES, w, strict=True):
        print(f"  {name:15s} {v:+.3f}")


if __name__ == "__main__":
    main()
