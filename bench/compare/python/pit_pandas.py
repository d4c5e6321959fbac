"""pandas merge_asof on the shape of ChurnOps' features-pit-join harness: ENTITY_ROWS label rows against 10x as many
feature rows (entities = feature rows / 100, one row a day for 100 days), backward within a 30-day TTL.
Prints the wall seconds and the CPU seconds (user + system; pandas runs on one thread) of sort + merge_asof (data
generation excluded), then the rows and the rows matched. Usage: pit_pandas.py ENTITY_ROWS"""
import sys
import time

import numpy as np
import pandas as pd

entity_rows = int(sys.argv[1])
feature_rows = entity_rows * 10
entities = feature_rows // 100
rng = np.random.default_rng(3)
e = np.repeat(np.arange(entities, dtype=np.int64), 100)
d = np.tile(np.arange(100, dtype=np.int64), entities)
start = np.datetime64("2024-01-01T00:00:00", "s")
features = pd.DataFrame({
    "customer_id": e,
    "event_timestamp": start + (d * 86400 + e % 86400).astype("timedelta64[s]"),
    "f1": rng.integers(0, 1000, feature_rows) / 10.0, "f2": rng.integers(0, 97, feature_rows) * 1.0, "f3": d * 1.0,
    "f4": rng.integers(0, 5000, feature_rows) / 100.0, "f5": rng.integers(0, 3, feature_rows).astype(np.int32)})
labels = pd.DataFrame({
    "customer_id": rng.integers(0, entities, entity_rows).astype(np.int64),
    "event_timestamp": start + rng.integers(0, 110 * 86400, entity_rows).astype("timedelta64[s]"),
    "churned": rng.integers(0, 2, entity_rows).astype(np.int32)})
started, cpu = time.perf_counter(), time.process_time()
joined = pd.merge_asof(labels.sort_values("event_timestamp"), features.sort_values("event_timestamp"), on="event_timestamp",
                       by="customer_id", tolerance=pd.Timedelta(days=30), direction="backward")
elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
print(f"{elapsed:.3f} {cpu:.3f} {len(joined)} {joined['f1'].notna().sum()}")
