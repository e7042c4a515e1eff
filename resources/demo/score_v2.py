# Demo scoring script, version 2 (the "green" deployment): gradient-boosted trees on the
# same ten diabetes features as version 1. Same request and answer shape (a list with one
# predicted progression per row), different numbers: during a rollout the answer alone
# shows which version served it.
import json
import logging
import os

import joblib
import numpy

MODEL_FILE = "diabetes_model.pkl"
FEATURES = 10

model = None


def init():
    global model
    path = os.path.join(os.environ["AZUREML_MODEL_DIR"], "model", MODEL_FILE)
    model = joblib.load(path)
    logging.info("diabetes v2 (gradient boosting, %d trees) loaded from %s", model.n_estimators_, path)


def run(raw_data):
    rows = numpy.asarray(json.loads(raw_data)["data"], dtype=float)
    if rows.ndim != 2 or rows.shape[1] != FEATURES:
        raise ValueError(f'expected {{"data": [[{FEATURES} numbers], ...]}}, got shape {rows.shape}')
    logging.info("diabetes v2 scoring %d row(s)", len(rows))
    return model.predict(rows).tolist()
