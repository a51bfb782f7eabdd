"""Fit the keyword feature weights (zhiku.analyze.keywords.WEIGHTS) on CSL author keywords.

Logistic regression (L2, standardized features, scipy L-BFGS) of "candidate is an author keyword" on the
candidate features. The shipped weights are fitted on the second half of the dev abstracts only
(``--train second``), so that the first half (and with it the first 80 that the floor test scores) is
scored by weights that never saw it; a two-fold check (fit on one half, score the other) shows over-fitting.
Run: ``.venv/bin/python bench/fit_keywords.py [--train second|first|all]``.
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from pathlib import Path

import numpy as np
from scipy.optimize import minimize

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from bench_keywords import load_csl, split_title  # noqa: E402

import zhiku.analyze.keywords as kw  # noqa: E402

OUT = ROOT / "src" / "zhiku" / "data" / "lexicon" / "keyword_weights.json"
Data = list[tuple[list[str], np.ndarray, list[str], str]]


def features(cases: list[dict]) -> Data:
    """Per case: candidate terms, their feature matrix, the gold keywords, the text (title and body, NFKC)."""
    out = []
    for case in cases:
        body, title = split_title(case["text"])
        terms, matrix = kw._feature_matrix(body, title)
        out.append((terms, matrix, case["gold_keywords"], unicodedata.normalize("NFKC", f"{title or ''}\n{body}")))
    return out


def fit(data: Data, l2: float = 6e-3, listwise: bool = False) -> tuple[np.ndarray, float]:
    """Weights on the raw feature scale, and the bias.

    Pointwise: logistic loss per candidate. Listwise: per abstract, softmax over its candidates, the
    loss being minus the mean log-probability of its gold candidates (ranking within an article is what
    top-k selection needs).
    """
    data = [d for d in data if d[0]]
    x = np.vstack([d[1] for d in data])
    y = np.concatenate([[float(kw._norm(t) in {kw._norm(g) for g in d[2]}) for t in d[0]] for d in data])
    sizes = np.array([len(d[0]) for d in data])
    doc = np.repeat(np.arange(len(data)), sizes)
    starts = np.r_[0, np.cumsum(sizes)[:-1]]
    n_pos = np.bincount(doc, weights=y, minlength=len(data))
    has_pos = n_pos > 0
    mu, sd = x.mean(0), x.std(0) + 1e-9
    z = np.hstack([(x - mu) / sd, np.ones((len(x), 1))])

    def pointwise(w: np.ndarray) -> tuple[float, np.ndarray]:
        s = z @ w
        p = 1 / (1 + np.exp(-s))
        return float(np.mean(np.logaddexp(0, s) - y * s)), z.T @ (p - y) / len(y)

    def listwise_loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        s = z @ w
        top = np.maximum.reduceat(s, starts)
        e = np.exp(s - top[doc])
        total = np.add.reduceat(e, starts)
        lse = np.log(total) + top
        weight = np.where(has_pos, 1 / np.maximum(n_pos, 1), 0) / has_pos.sum()
        ll = float(np.sum(weight * (n_pos * lse - np.bincount(doc, weights=y * s, minlength=len(data)))))
        p = e / total[doc]
        g = weight[doc] * (n_pos[doc] * p - y)
        return ll, z.T @ g

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        ll, grad = (listwise_loss if listwise else pointwise)(w)
        return ll + 0.5 * l2 * float(w[:-1] @ w[:-1]), grad + l2 * np.r_[w[:-1], 0]

    w = minimize(loss, np.zeros(z.shape[1]), jac=True, method="L-BFGS-B", options={"maxiter": 500}).x
    weights = w[:-1] / sd  # back to raw feature scale
    bias = w[-1] - float((w[:-1] * mu / sd).sum())
    return weights, bias


def f1_at_5(data: Data, weights: np.ndarray, bias: float) -> tuple[float, float]:
    exact = partial = 0.0
    for terms, matrix, gold, text in data:
        if not terms:
            continue
        scores = 1 / (1 + np.exp(-(matrix @ weights + bias)))
        ranked = [(terms[i], float(scores[i])) for i in np.argsort(-scores, kind="stable")[: kw.MERGE_TOP]]
        chosen = kw.select(ranked, 5, text=text)
        exact += kw.keyword_f1(chosen, gold)[2]
        partial += kw.keyword_f1(chosen, gold, partial=True)[2]
    return exact / len(data), partial / len(data)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--train", choices=("second", "first", "all"), default="second")
    parser.add_argument("--l2", type=float, default=6e-3)
    parser.add_argument("--listwise", action="store_true", help="softmax over each abstract's candidates")
    parser.add_argument("--write", action="store_true", help=f"write the weights to {OUT.relative_to(ROOT)}")
    args = parser.parse_args()
    data = features(load_csl())
    half = len(data) // 2
    first, second = data[:half], data[half:]
    held_out = []
    for k, (train, test) in enumerate([(first, second), (second, first)]):
        w, b = fit(train, args.l2, args.listwise)
        e, p = f1_at_5(test, w, b)
        held_out.append(e)
        print(f"fold {k}: held-out exact F1@5 {e:.3f} partial {p:.3f}")
    train = {"second": second, "first": first, "all": data}[args.train]
    w, b = fit(train, args.l2, args.listwise)
    for name, part in (("first half", first), ("second half", second), ("all", data)):
        e, p = f1_at_5(part, w, b)
        print(f"weights fitted on {args.train}: {name} exact F1@5 {e:.3f} partial {p:.3f}")
    if args.write:
        folds = ", ".join(f"{v:.3f}" for v in held_out)
        doc = {
            "source": f"bench/fit_keywords.py --train {args.train} --l2 {args.l2}: logistic regression on the CSL "
            f"author-keyword dev abstracts ({args.train} half, {len(train)} abstracts); IDF built without them; "
            f"two-fold held-out exact F1@5 {folds}",
            "features": list(kw.FEATURES),
            "weights": [round(float(v), 4) for v in w],
            "bias": round(float(b), 4),
        }
        OUT.write_text(json.dumps(doc, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
        print(f"wrote {OUT}")
    for name, v in zip(kw.FEATURES, w, strict=True):
        if "*" not in name:
            print(f"  {name:15s} {v:+.3f}")


if __name__ == "__main__":
    main()
