#!/usr/bin/env python3
"""Builds the self-contained demo of a safe rollout into OUTPUT_DIR.

Trains two small scikit-learn models on the diabetes data set that scikit-learn ships
(no download) and lays them out as the Azure ML safe-rollout tutorial does:

  OUTPUT_DIR/endpoint.yml, blue-deployment.yml, green-deployment.yml
  OUTPUT_DIR/model-N/model/diabetes_model.pkl     (N = 1 linear regression, 2 boosted trees)
  OUTPUT_DIR/model-N/onlinescoring/score.py
  OUTPUT_DIR/model-N/environment/conda.yaml
  OUTPUT_DIR/sample-request.json                  the first two rows of the data set
  OUTPUT_DIR/expected.json                        {"model-1": [...], "model-2": [...]}:
                                                  what each score.py answers to the sample

expected.json comes from running each copied score.py (init(), then run() on the sample
request) exactly as the scoring harness will, so tests can compare answers exactly.
Deterministic: fixed random_state, no randomness elsewhere.

Usage: python3 make_demo.py OUTPUT_DIR
"""

import importlib.util
import json
import os
import platform
import shutil
import sys

import joblib
import numpy
import sklearn
from sklearn.datasets import load_diabetes
from sklearn.ensemble import GradientBoostingRegressor
from sklearn.linear_model import LinearRegression

HERE = os.path.dirname(os.path.abspath(__file__))
MODEL_FILE = "diabetes_model.pkl"
SAMPLE_ROWS = 2

# model folder -> (scoring script in this folder, estimator to train)
MODELS = {
    "model-1": ("score_v1.py", lambda: LinearRegression()),
    "model-2": ("score_v2.py", lambda: GradientBoostingRegressor(
        n_estimators=150, max_depth=3, learning_rate=0.05, random_state=0)),
}
COPIED = ("endpoint.yml", "blue-deployment.yml", "green-deployment.yml")


def conda_file():
    with open(os.path.join(HERE, "conda.yaml.in"), encoding="utf-8") as template:
        text = template.read()
    versions = {
        "@PYTHON_VERSION@": ".".join(platform.python_version_tuple()[:2]),
        "@NUMPY_VERSION@": numpy.__version__,
        "@SKLEARN_VERSION@": sklearn.__version__,
        "@JOBLIB_VERSION@": joblib.__version__,
    }
    for placeholder, version in versions.items():
        text = text.replace(placeholder, version)
    return text


def write_text(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as out:
        out.write(text)


def build_model(out_dir, folder, script, make_estimator, features, target, conda):
    model_dir = os.path.join(out_dir, folder)
    shutil.rmtree(model_dir, ignore_errors=True)
    estimator = make_estimator().fit(features, target)
    os.makedirs(os.path.join(model_dir, "model"))
    joblib.dump(estimator, os.path.join(model_dir, "model", MODEL_FILE))
    os.makedirs(os.path.join(model_dir, "onlinescoring"))
    shutil.copyfile(os.path.join(HERE, script), os.path.join(model_dir, "onlinescoring", "score.py"))
    write_text(os.path.join(model_dir, "environment", "conda.yaml"), conda)
    print(f"{folder}: {type(estimator).__name__}, R^2 on the training data "
          f"{estimator.score(features, target):.3f}")


def answer_of(out_dir, folder, request_text):
    """What the copied score.py answers, called the way the harness calls it."""
    model_dir = os.path.join(out_dir, folder)
    os.environ["AZUREML_MODEL_DIR"] = model_dir
    path = os.path.join(model_dir, "onlinescoring", "score.py")
    spec = importlib.util.spec_from_file_location(f"demo_score_{folder.replace('-', '_')}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.init()
    # Through JSON, as the answer travels: expected.json holds what a client reads.
    return json.loads(json.dumps(module.run(request_text)))


def main(argv):
    if len(argv) != 2:
        print("usage: make_demo.py OUTPUT_DIR", file=sys.stderr)
        return 2
    out_dir = os.path.abspath(argv[1])
    sys.dont_write_bytecode = True  # no __pycache__ inside the demo's code folders
    os.makedirs(out_dir, exist_ok=True)
    expected_path = os.path.join(out_dir, "expected.json")
    if os.path.exists(expected_path):
        os.remove(expected_path)  # written last: its presence means the demo is complete

    features, target = load_diabetes(return_X_y=True)
    conda = conda_file()
    for folder, (script, make_estimator) in MODELS.items():
        build_model(out_dir, folder, script, make_estimator, features, target, conda)
    for name in COPIED:
        shutil.copyfile(os.path.join(HERE, name), os.path.join(out_dir, name))

    rows = ",\n".join("    " + json.dumps(row) for row in features[:SAMPLE_ROWS].tolist())
    request_text = '{"data": [\n' + rows + "\n]}\n"
    write_text(os.path.join(out_dir, "sample-request.json"), request_text)

    expected = {folder: answer_of(out_dir, folder, request_text) for folder in MODELS}
    if expected["model-1"] == expected["model-2"]:
        print("model-1 and model-2 answer the sample alike: the demo could not show which version "
              "served a request", file=sys.stderr)
        return 1
    write_text(expected_path, json.dumps(expected, indent=2) + "\n")
    print(f"demo written to {out_dir}: {json.dumps(expected)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
