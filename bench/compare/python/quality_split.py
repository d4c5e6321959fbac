"""One stratified train/test split of a churn CSV, written as two CSV files whose lines are the source's own lines
(no re-formatting: ChurnOps and scikit-learn read the same bytes).
Usage: quality_split.py DATA_CSV LABEL SEED TEST_FRACTION OUT_DIR"""
import csv
import os
import sys

from sklearn.model_selection import train_test_split

data, label, seed, fraction, out = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4]), sys.argv[5]
with open(data, newline="") as f:
    lines = f.read().splitlines()
header, rows = lines[0], [line for line in lines[1:] if line.strip()]
column = next(csv.reader([header])).index(label)
labels = [next(csv.reader([line]))[column] for line in rows]
train, test = train_test_split(rows, test_size=fraction, random_state=seed, stratify=labels)
os.makedirs(out, exist_ok=True)
for name, part in (("train.csv", train), ("test.csv", test)):
    with open(os.path.join(out, name), "w", newline="") as f:
        f.write(header + "\n")
        f.write("\n".join(part) + "\n")
print(f"{len(train)} train, {len(test)} test rows")
