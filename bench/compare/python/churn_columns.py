"""The model's inputs as `churnops serve` lists them (GET /v2/models/churn), saved to inputs.json by compare.sh,
and seeded synthetic rows of that shape: the Python side scores exactly the columns ChurnOps does."""
import json

import numpy as np
import pandas as pd

CATEGORIES = {
    "plan": ["basic", "standard", "premium"],
    "contract_type": ["month-to-month", "one-year", "two-year"],
    "payment_method": ["card", "bank-transfer", "electronic-check", "paypal"],
    "region": ["north", "south", "east", "west"],
}


def load_inputs(path):
    with open(path) as f:
        return json.load(f)["inputs"]


def frame(inputs, rows, seed):
    """rows x inputs: numbers ~ 5% missing, text from the quickstart's category values (or 'other')."""
    rng = np.random.default_rng(seed)
    data = {"customer_id": [f"C{i:07d}" for i in range(rows)]}
    for spec in inputs:
        name = spec["name"]
        if spec["datatype"] == "BYTES":
            values = CATEGORIES.get(name, ["a", "b", "c"])
            data[name] = np.array(values, dtype=object)[rng.integers(0, len(values), rows)]
        else:
            column = np.round(rng.gamma(2.0, 10.0, rows), 2)
            column[rng.random(rows) < 0.05] = np.nan
            data[name] = column
    return pd.DataFrame(data)


def encode(df, inputs, columns=None):
    """One-hot text, numbers as they are (xgboost handles NaN); aligned to the training columns when given."""
    text = [s["name"] for s in inputs if s["datatype"] == "BYTES"]
    numbers = [s["name"] for s in inputs if s["datatype"] != "BYTES"]
    encoded = pd.concat([df[numbers].astype("float32"), pd.get_dummies(df[text], dtype="float32")], axis=1)
    return encoded if columns is None else encoded.reindex(columns=columns, fill_value=0.0)


def train(inputs, seed=1):
    import xgboost as xgb

    df = frame(inputs, 20_000, seed)
    x = encode(df, inputs)
    rng = np.random.default_rng(seed)
    y = (rng.random(len(df)) < 0.3).astype(int)
    model = xgb.XGBClassifier(n_estimators=100, max_depth=6, n_jobs=2, tree_method="hist")
    model.fit(x, y)
    return model, list(x.columns)
