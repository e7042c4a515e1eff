# Demo scoring script, version 1 (the "blue" deployment): a linear regression that
# predicts diabetes progression one year ahead from the ten standardised baseline
# features of scikit-learn's diabetes data set. Azure ML contract: init() once per
# instance, run(raw_data) once per request with the body as a str.
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
    logging.info("diabetes v1 (linear regression) loaded from %s", path)


def run(raw_data):
    rows = numpy.asarray(json.loads(raw_data)["data"], dtype=float)
    if rows.ndim != 2 or rows.shape[1] != FEATURES:
        raise ValueError(f'expected {{"data": [[{FEATURES} numbers], ...]}}, got shape {rows.shape}')
    logging.info("diabetes v1 scoring %d row(s)", len(rows))
    return model.predict(rows).tolist()
