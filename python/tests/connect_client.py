"""Run by test_spark_connect.py in a Python process of its own (a Connect session switches pyspark into
remote mode for the whole process): fits heart_scale through ``pyspark.sql.connect`` on the server
given, and prints what it found as one JSON line."""
import json
import os
import sys
import tempfile

from pyspark.ml.feature import VectorAssembler
from pyspark.sql import SparkSession

import bernoulli


def main(url, csv):
    spark = SparkSession.builder.remote(url).getOrCreate()
    df = spark.read.option("header", True).option("inferSchema", True).csv(csv)
    columns = [c for c in df.columns if c != "label"]
    assembled = VectorAssembler(inputCols=columns, outputCol="features").transform(df)
    model = bernoulli.LogisticRegression(tol=1e-15, gradTol=1e-10, maxIter=100).fit(assembled)
    rows = model.transform(assembled).select("probability").collect()
    out = {"session": type(spark).__module__, "model": type(model).__name__,
           "probabilities": [list(r.probability) for r in rows]}
    try:
        out["intercept"] = model.intercept
    except Exception as e:  # the server's allowlist of model attributes
        out["interceptError"] = str(e).splitlines()[0]
    try:
        model.write_pmml(os.path.join(tempfile.mkdtemp(), "model.pmml"))
        out["pmml"] = "written"
    except Exception as e:  # the same allowlist
        out["writePmmlError"] = str(e).splitlines()[0]
    print(json.dumps(out))
    spark.stop()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
