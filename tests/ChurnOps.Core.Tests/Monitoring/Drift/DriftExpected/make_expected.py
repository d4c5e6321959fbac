#!/usr/bin/env python3
"""Writes drift_expected.json: inputs and the values scipy gives for them, the way Evidently calls scipy.

Run with Debian's python3-scipy (apt-get install -y python3-scipy python3-numpy python3-pandas):
    /usr/bin/python3 make_expected.py
The C# tests read the JSON only; python is not needed at test time.
"""
import json
import math
import os
import sys

import numpy as np
import pandas as pd
import scipy
from scipy import stats

# The formulas live in one module shared with the drift benchmark.
here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "..", "..", "..", "..", "..", "bench", "ChurnOps.Bench", "Monitoring"))
from evidently_scipy import default_test, drifted, run  # noqa: E402

rng = np.random.default_rng(20261130)


def finite(x):
    return x if x is not None and math.isfinite(x) else None


def case(name, kind, ref, cur, test=None, base=None, decimals=None):
    to_series = (lambda v: pd.Series(v, dtype="float64")) if kind == "num" else (lambda v: pd.Series(v, dtype="object"))
    if kind == "num" and decimals is not None:
        ref = [None if v is None or not math.isfinite(v) else round(float(v), decimals) for v in ref]
        cur = [None if v is None or not math.isfinite(v) else round(float(v), decimals) for v in cur]
    elif kind == "num":
        ref = [None if v is None or not math.isfinite(v) else float(v) for v in ref]
        cur = [None if v is None or not math.isfinite(v) else float(v) for v in cur]
    r = to_series(ref).dropna()
    c = to_series(cur).dropna()
    out = {"name": name, "kind": kind, "test": test, "base": base, "reference": ref, "current": cur}
    if len(r) == 0 or len(c) == 0:
        out["expected"] = {"error": True}
        return out
    used = test or default_test(r, c, kind)
    statistic, score = run(used, r.values if kind == "num" and used in ("ks", "wasserstein") else r, c.values if kind == "num" and used in ("ks", "wasserstein") else c, kind, base)
    is_drift = score is not None and math.isfinite(score) and drifted(used, score)
    out["expected"] = {"error": False, "test": used, "statistic": finite(statistic), "score": finite(score), "drifted": bool(is_drift)}
    return out


def normal(n, loc=0.0, scale=1.0):
    return list(rng.normal(loc, scale, n))


cases = [
    case("ks_small_unequal", "num", normal(50), normal(60, 0.6)),
    case("ks_small_equal", "num", normal(40), normal(40, 0.3)),
    case("ks_equal_no_drift", "num", normal(300), normal(300)),
    case("ks_ties_integers", "num", list(rng.integers(0, 10, 200)), list(rng.integers(1, 11, 300))),
    case("ks_with_nulls_and_inf", "num", normal(100) + [None, float("inf")], normal(120, 0.2) + [None, None, float("-inf")]),
    case("ks_exact_10000", "num", normal(900), normal(10000, 0.05)),
    case("ks_asymptotic_small_d", "num", normal(800), normal(12000, 0.02), decimals=6),
    case("ks_asymptotic_mid_d", "num", normal(800), normal(12000, 0.08), decimals=6),
    case("ks_asymptotic_large_d", "num", normal(800), normal(12000, 0.5), decimals=6),
    case("ks_asymptotic_n100_small", "num", normal(100), normal(11000, 0.02), decimals=6),
    case("ks_asymptotic_n100_mid", "num", normal(100), normal(11000, 0.15), decimals=6),
    case("ks_asymptotic_n100_large", "num", normal(100), normal(11000, 0.6), decimals=6),
    case("ks_asymptotic_n100_huge", "num", normal(100), normal(11000, 1.8), decimals=6),
    case("ks_override_on_large", "num", normal(3000), normal(20000, 0.03), test="ks", decimals=5),
    case("chisquare_categories", "cat", list(rng.choice(["a", "b", "c", "d"], 500, p=[0.4, 0.3, 0.2, 0.1])), list(rng.choice(["a", "b", "c", "d"], 400, p=[0.35, 0.3, 0.2, 0.15]))),
    case("chisquare_new_category", "cat", list(rng.choice(["a", "b", "c"], 300)), list(rng.choice(["a", "b", "c", "z"], 200))),
    case("chisquare_missing_category", "cat", list(rng.choice(["a", "b", "c", "d"], 300)), list(rng.choice(["a", "b", "c"], 250))),
    case("chisquare_numeric_few_values", "num", list(rng.integers(0, 4, 400)), list(rng.integers(0, 4, 350))),
    case("chisquare_with_nulls", "cat", list(rng.choice(["x", "y", "z"], 200)) + [None] * 7, list(rng.choice(["x", "y", "z"], 150)) + [None] * 30),
    case("ztest_two_values", "cat", list(rng.choice(["yes", "no"], 500, p=[0.3, 0.7])), list(rng.choice(["yes", "no"], 400, p=[0.4, 0.6]))),
    case("ztest_numeric_flag", "num", list(rng.integers(0, 2, 800)), list(rng.integers(0, 2, 900))),
    case("ztest_constant_same", "cat", ["a"] * 100, ["a"] * 80),
    case("ztest_constant_different", "cat", ["a"] * 100, ["b"] * 80),
    case("ztest_one_category_override_chisquare", "cat", ["a"] * 100, ["a"] * 80, test="chisquare"),
    case("wasserstein_shift", "num", normal(5000), normal(20000, 0.15), decimals=4),
    case("wasserstein_no_shift", "num", normal(5000), normal(8000), decimals=4),
    case("wasserstein_integers", "num", list(rng.integers(0, 100, 3000)), list(rng.integers(5, 105, 4000))),
    case("wasserstein_constant_reference", "num", [3.0] * 1500 + [3.0] * 10, list(rng.integers(0, 10, 600))),
    case("jensenshannon_categorical", "cat", list(rng.choice(["north", "south", "east", "west"], 3000, p=[0.25, 0.25, 0.3, 0.2])), list(rng.choice(["north", "south", "east", "west"], 2000, p=[0.1, 0.3, 0.3, 0.3]))),
    case("jensenshannon_categorical_base2", "cat", list(rng.choice(["p", "q", "r"], 3000)), list(rng.choice(["p", "q", "r", "s"], 2500)), test="jensenshannon", base=2),
    case("jensenshannon_numeric_few", "num", list(rng.integers(0, 3, 2000)), list(rng.integers(0, 4, 2000))),
    case("jensenshannon_numeric_sturges", "num", normal(2000), normal(3000, 0.5), test="jensenshannon", decimals=4),
    case("psi_numeric_sturges", "num", normal(4000), normal(6000, 0.3, 1.2), test="psi", decimals=4),
    case("psi_categorical_empty_bin", "cat", list(rng.choice(["a", "b", "c"], 2000)), list(rng.choice(["a", "b"], 1000)), test="psi"),
    case("psi_numeric_values", "num", list(rng.integers(0, 15, 1500)), list(rng.integers(0, 15, 1500)), test="psi"),
    case("all_null_current", "num", normal(100), [None] * 50),
    case("all_null_reference", "cat", [None] * 20, ["a", "b"] * 10),
    case("large_wasserstein", "num", normal(20000, 10, 3), normal(50000, 10.4, 3), decimals=3),
    case("large_jensenshannon", "cat", list(rng.choice([f"c{i}" for i in range(12)], 20000)), list(rng.choice([f"c{i}" for i in range(13)], 50000))),
]

# The one-sample Kolmogorov distribution on its own, across scipy's method regions.
kstwo = []
for n in (5, 20, 60, 100, 140, 141, 500, 1000, 5000):
    for x in (0.02, 0.05, 0.08, 0.1, 0.15, 0.2, 0.3, 0.45, 0.6, 0.9):
        sf = float(stats.kstwo.sf(x, n))
        if sf > 0:
            kstwo.append({"n": n, "x": x, "sf": sf})

special = {
    "chi2_sf": [{"df": df, "x": x, "sf": float(stats.chi2.sf(x, df))} for df in (1, 2, 3, 7, 30, 250) for x in (0.01, 0.5, 1.0, 3.3, 12.0, 40.0, 300.0) if stats.chi2.sf(x, df) > 1e-300],
    "ndtr": [{"x": x, "cdf": float(stats.norm.cdf(x))} for x in (-6.0, -3.2, -1.5, -0.7, -0.2, 0.0, 0.3, 0.9, 1.7, 2.5, 4.0)],
}

path = os.path.join(here, "drift_expected.json")
with open(path, "w", encoding="utf-8") as f:
    json.dump({"scipy": scipy.__version__, "numpy": np.__version__, "cases": cases, "kstwo": kstwo, "special": special}, f, separators=(",", ":"))
print(f"wrote {path}: {len(cases)} cases, {len(kstwo)} kstwo points (scipy {scipy.__version__})")
