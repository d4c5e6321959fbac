"""Writes ROWS seeded rows with the model's inputs (plus customer_id) as CSV. Usage: make_rows.py INPUTS_JSON ROWS OUT_CSV"""
import sys

import churn_columns

inputs = churn_columns.load_inputs(sys.argv[1])
churn_columns.frame(inputs, int(sys.argv[2]), seed=7).to_csv(sys.argv[3], index=False)
