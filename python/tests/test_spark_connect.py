"""Spark Connect: a local Connect server with the jar, on loopback, and a fit through pyspark.sql.connect
(Spark 4.0 and later; Spark 3.5's Connect has no ML, and the estimator says so).

The server finds the estimator through the jar's META-INF/services/org.apache.spark.ml.Estimator.
Fit and transform work and give the classic session's probabilities (the same code on the same rows:
1e-12); reading a model's numbers does not — Spark 4.2's Connect server lets clients read attributes
only of the models on its allowlist of Spark's own classes (CONNECT_ML.ATTRIBUTE_NOT_ALLOWED), and
the test holds that too, so that a Spark that lifts the limit is noticed.
"""
import glob
import json
import os
import socket
import subprocess
import sys
import time

import pyspark
import pytest
from pyspark.ml.feature import VectorAssembler

import bernoulli
from bernoulli.__main__ import JAVA_OPTS, java, spark_jars
from conftest import DATA

HERE = os.path.dirname(os.path.abspath(__file__))
CONNECT_ML = int(pyspark.__version__.split(".")[0]) >= 4


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def connect_server(tmp_path_factory):
    port = free_port()
    log = tmp_path_factory.mktemp("connect") / "server.log"
    command = [java(), *JAVA_OPTS, "-Xmx2g", "-Dspark.master=local[2]", "-Dspark.ui.enabled=false",
               "-Dspark.driver.host=127.0.0.1", "-Dspark.driver.bindAddress=127.0.0.1",
               "-Dspark.connect.grpc.binding.address=127.0.0.1", "-Dspark.connect.grpc.binding.port=%d" % port,
               "-Dspark.jars=" + bernoulli.jar(), "-cp", os.pathsep.join([bernoulli.jar(),
                                                                          os.path.join(spark_jars(), "*")]),
               "org.apache.spark.sql.connect.service.SparkConnectServer"]
    env = dict(os.environ, SPARK_LOCAL_IP="127.0.0.1", SPARK_LOCAL_HOSTNAME="127.0.0.1")
    with open(log, "w") as out:
        server = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=env)
    try:
        deadline = time.time() + 180
        while "Spark Connect server started" not in log.read_text():
            if server.poll() is not None or time.time() > deadline:
                raise RuntimeError("the Connect server did not start:\n" + log.read_text()[-3000:])
            time.sleep(0.5)
        yield "sc://127.0.0.1:%d" % port
    finally:
        server.terminate()  # the process started here, by its own handle (its pid)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def test_spark_connect_on_this_line(request, spark):
    """4.0 and later: a fit through Connect gives the classic session's probabilities; 3.5: a plain refusal."""
    if CONNECT_ML:
        fit_and_transform_through_spark_connect(request.getfixturevalue("connect_server"), spark)
    else:
        the_estimator_over_connect_is_refused_before_4()


def the_estimator_over_connect_is_refused_before_4():
    env = dict(os.environ, SPARK_CONNECT_MODE_ENABLED="1")
    r = subprocess.run([sys.executable, "-c", "import bernoulli; bernoulli.LogisticRegression()"], capture_output=True,
                       text=True, env=env, timeout=120)
    assert r.returncode != 0
    assert ("UnsupportedSparkError: bernoulli.LogisticRegression over Spark Connect needs Spark 4.0 or later: Spark "
            "Connect %s has no pyspark.ml" % pyspark.__version__) in r.stderr, r.stderr[-2000:]


def fit_and_transform_through_spark_connect(connect_server, spark):
    csv = str(DATA / "heart_scale.csv")
    r = subprocess.run([sys.executable, os.path.join(HERE, "connect_client.py"), connect_server, csv],
                       capture_output=True, text=True, timeout=600, cwd=HERE)
    assert r.returncode == 0, r.stderr[-3000:]
    found = json.loads(r.stdout.strip().splitlines()[-1])
    assert found["session"].startswith("pyspark.sql.connect")
    assert found["model"] == "LogisticRegressionModel"
    df = spark.read.option("header", True).option("inferSchema", True).csv(csv)
    columns = [c for c in df.columns if c != "label"]
    assembled = VectorAssembler(inputCols=columns, outputCol="features").transform(df)
    classic = bernoulli.LogisticRegression(tol=1e-15, gradTol=1e-10, maxIter=100).fit(assembled)
    expected = [list(r.probability) for r in classic.transform(assembled).select("probability").collect()]
    assert len(found["probabilities"]) == len(expected) == 270
    for got, want in zip(found["probabilities"], expected):
        assert abs(got[1] - want[1]) <= 1e-12
    assert "CONNECT_ML.ATTRIBUTE_NOT_ALLOWED" in found["interceptError"]
    assert "CONNECT_ML.ATTRIBUTE_NOT_ALLOWED" in found["writePmmlError"], found.get("writePmmlError")
