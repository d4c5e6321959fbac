"""Evidently's default per-column drift tests, called on scipy the way Evidently calls it.

One module for both Python users of these formulas: the drift benchmark (drift_scipy.py, next to this file) and the
test generator that writes the committed expected values (tests/ChurnOps.Core.Tests/Monitoring/Drift/DriftExpected/
make_expected.py). Inputs are null-free pandas Series (or numpy arrays for ks/wasserstein on numbers).
"""
import numpy as np
import pandas as pd
from scipy import stats
from scipy.spatial import distance

# When a test's score means drift, and at which default threshold (Evidently's defaults).
DRIFT_WHEN = {"ks": "le", "chisquare": "lt", "ztest": "lt", "wasserstein": "ge", "jensenshannon": "ge", "psi": "ge"}
THRESHOLD = {"ks": 0.05, "chisquare": 0.05, "ztest": 0.05, "wasserstein": 0.1, "jensenshannon": 0.1, "psi": 0.1}


def default_test(ref, cur, kind):
    """Evidently's choice of test (registry._get_default_stattest), on null-free data."""
    n_values = pd.concat([ref, cur]).nunique()
    if ref.shape[0] <= 1000:
        if kind == "num":
            if n_values <= 5:
                return "chisquare" if n_values > 2 else "ztest"
            return "ks"
        return "chisquare" if n_values > 2 else "ztest"
    if kind == "num":
        return "jensenshannon" if n_values <= 5 else "wasserstein"
    return "jensenshannon"


def keys_of(ref, cur):
    return list(set(ref.dropna().unique()) | set(cur.dropna().unique()))


def value_counts(ref, cur):
    keys = keys_of(ref, cur)
    rd = {**dict.fromkeys(keys, 0), **dict(ref.value_counts())}
    cd = {**dict.fromkeys(keys, 0), **dict(cur.value_counts())}
    return keys, rd, cd


def binned(ref, cur, kind, feel_zeroes):
    """Evidently's get_binned_data (Sturges bins over both sides when numeric with > 20 reference values)."""
    if kind == "num" and ref.nunique() > 20:
        bins = np.histogram_bin_edges(pd.concat([ref, cur], axis=0).values, bins="sturges")
        r = np.histogram(ref, bins)[0] / len(ref)
        c = np.histogram(cur, bins)[0] / len(cur)
    else:
        keys, rd, cd = value_counts(ref, cur)
        r = np.array([rd[k] / len(ref) for k in keys])
        c = np.array([cd[k] / len(cur) for k in keys])
    if feel_zeroes:
        for a in (r, c):
            m = min(a[a != 0])
            np.place(a, a == 0, m / 10**6 if m <= 0.0001 else 0.0001)
    return r, c


def run(test, ref, cur, kind, base=None):
    """(statistic or None, score) of one test; the score is what the threshold is applied to."""
    if test == "ks":
        res = stats.ks_2samp(ref, cur)
        return float(res.statistic), float(res.pvalue)
    if test == "wasserstein":
        norm = max(np.std(ref), 0.001)
        return None, float(stats.wasserstein_distance(ref, cur) / norm)
    if test == "chisquare":
        keys, rd, cd = value_counts(ref, cur)
        k_norm = cur.shape[0] / ref.shape[0]
        with np.errstate(all="ignore"):
            res = stats.chisquare([cd[k] for k in keys], [rd[k] * k_norm for k in keys])
        return float(res[0]), float(res[1])
    if test == "ztest":
        if ref.nunique() == 1 and cur.nunique() == 1 and ref.unique()[0] == cur.unique()[0]:
            return None, 1.0
        first = sorted(keys_of(ref, cur))[0]
        n1, n2 = len(ref), len(cur)
        p1 = float((ref != first).sum()) / n1
        p2 = float((cur != first).sum()) / n2
        P = float(p1 * n1 + p2 * n2) / (n1 + n2)
        with np.errstate(all="ignore"):
            z = (p1 - p2) / np.sqrt(P * (1 - P) * (1.0 / n1 + 1.0 / n2))
        return float(z), float(2 * (1 - stats.norm.cdf(np.abs(z))))
    if test == "jensenshannon":
        r, c = binned(ref, cur, kind, False)
        return None, float(distance.jensenshannon(r, c, base))
    if test == "psi":
        r, c = binned(ref, cur, kind, True)
        return None, float(np.sum((r - c) * np.log(r / c)))
    raise ValueError(test)


def drifted(test, score, threshold=None):
    th = THRESHOLD[test] if threshold is None else threshold
    op = DRIFT_WHEN[test]
    return score <= th if op == "le" else score < th if op == "lt" else score >= th
