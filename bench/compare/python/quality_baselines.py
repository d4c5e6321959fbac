"""scikit-learn's LogisticRegression (scaled numbers + one-hot), GradientBoostingClassifier and xgboost on one split,
the usual way: numbers median-imputed, text one-hot. Prints one JSON object: test AUC and fit seconds per model.
Usage: quality_baselines.py TRAIN_CSV TEST_CSV LABEL POSITIVE SEED [DROP_COLUMN ...]"""
import json
import sys
import time

import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler
from xgboost import XGBClassifier

train_path, test_path, label, positive, seed = sys.argv[1:6]
seed = int(seed)
drop = set(sys.argv[6:])


def read(path):
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    y = (frame[label].str.strip() == positive).astype(int).to_numpy()
    return frame.drop(columns=[label, *[c for c in drop if c in frame.columns]]), y


x_train, y_train = read(train_path)
x_test, y_test = read(test_path)
numeric, text = [], []
for column in x_train.columns:
    # A column whose non-blank values all parse as numbers is numeric (Telco's TotalCharges has blanks).
    values = pd.to_numeric(x_train[column].str.strip().replace("", None), errors="coerce")
    blank = x_train[column].str.strip() == ""
    if values[~blank].notna().all():
        numeric.append(column)
        for x in (x_train, x_test):
            x[column] = pd.to_numeric(x[column].str.strip().replace("", None), errors="coerce")
    else:
        text.append(column)


def encoder(scale):
    number_steps = [SimpleImputer(strategy="median")] + ([StandardScaler()] if scale else [])
    return ColumnTransformer([
        ("number", make_pipeline(*number_steps), numeric),
        ("text", make_pipeline(SimpleImputer(strategy="constant", fill_value="missing"), OneHotEncoder(handle_unknown="ignore")), text),
    ])


models = {
    "logreg": make_pipeline(encoder(True), LogisticRegression(max_iter=2000)),
    "gbc": make_pipeline(encoder(False), GradientBoostingClassifier(random_state=seed)),
    "xgboost": make_pipeline(encoder(False), XGBClassifier(random_state=seed, n_jobs=1, eval_metric="logloss")),
}
result = {}
for name, model in models.items():
    started = time.process_time()
    model.fit(x_train, y_train)
    seconds = time.process_time() - started
    result[name] = {"test_auc": float(roc_auc_score(y_test, model.predict_proba(x_test)[:, 1])), "cpu_seconds": seconds}
print(json.dumps(result))
