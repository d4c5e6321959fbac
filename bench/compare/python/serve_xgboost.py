"""FastAPI + xgboost answering the same Open Inference Protocol body as churnops serve, one uvicorn process.
Usage: python3 serve_xgboost.py INPUTS_JSON PORT"""
import sys

import numpy as np
import uvicorn
from fastapi import FastAPI, Request

import churn_columns

inputs = churn_columns.load_inputs(sys.argv[1])
model, columns = churn_columns.train(inputs)
booster = model.get_booster()
# One request is one row: OpenMP threads per prediction only contend with uvicorn for the cores.
booster.set_param({"nthread": 1})
index = {c: i for i, c in enumerate(columns)}
app = FastAPI()


@app.post("/v2/models/churn/infer")
async def infer(request: Request):
    body = await request.json()
    row = np.zeros((1, len(columns)), dtype=np.float32)
    for tensor in body["inputs"]:
        value = tensor["data"][0]
        if tensor["datatype"] == "BYTES":
            slot = index.get(f"{tensor['name']}_{value}")
            if slot is not None:
                row[0, slot] = 1.0
        else:
            row[0, index[tensor["name"]]] = np.nan if value is None else value
    probability = float(booster.inplace_predict(row)[0])
    return {"model_name": "churn", "outputs": [
        {"name": "probability", "datatype": "FP32", "shape": [1], "data": [probability]},
        {"name": "label", "datatype": "BOOL", "shape": [1], "data": [probability >= 0.5]}]}


if __name__ == "__main__":
    uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[2]), log_level="warning")
