"""``python -m bernoulli``: the command line on the bundled jar and pyspark's Spark."""
import json
import subprocess
import sys

from conftest import DATA


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "bernoulli", *args], capture_output=True, text=True, cwd=cwd,
                          timeout=600)


def test_help_lists_the_commands():
    r = run("--help")
    assert r.returncode == 0, r.stderr
    for command in ("train", "score", "evaluate", "report"):
        assert command in r.stdout


def test_train_runs_and_writes_the_model(tmp_path):
    out = tmp_path / "model"
    r = run("train", "--input", str(DATA / "heart_scale.csv"), "--output", str(out))
    assert r.returncode == 0, r.stderr
    assert "Coefficients (maximum likelihood):" in r.stdout
    model = json.loads((out / "model.json").read_text())
    assert model["numFeatures"] == 13


def test_a_usage_error_exits_2_with_the_message(tmp_path):
    r = run("train", "--input", str(DATA / "heart_scale.csv"), "--output", str(tmp_path / "m"), "--reg-param", "-1")
    assert r.returncode == 2
    assert "--reg-param" in r.stderr
