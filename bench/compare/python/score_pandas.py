"""pandas + xgboost batch scoring of a CSV into a CSV, the seeds' way: read all, one-hot, predict, write.
Prints 'seconds rows peak_mb'. Usage: score_pandas.py INPUTS_JSON IN_CSV OUT_CSV"""
import resource
import sys
import time

import churn_columns

inputs = churn_columns.load_inputs(sys.argv[1])
model, columns = churn_columns.train(inputs)
started = time.perf_counter()
import pandas as pd

df = pd.read_csv(sys.argv[2])
x = churn_columns.encode(df, inputs, columns)
probability = model.predict_proba(x)[:, 1]
pd.DataFrame({"customer_id": df["customer_id"], "probability": probability, "label": (probability >= 0.5).astype(int)}).to_csv(sys.argv[3], index=False)
elapsed = time.perf_counter() - started
print(f"{elapsed:.3f} {len(df)} {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f}")
