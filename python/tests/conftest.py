"""One local[2] Spark session for the whole test run, on 127.0.0.1, UI off, with the bundled jar."""
import os
import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
DATA = ROOT / "src" / "data"
REFERENCES = ROOT / "src" / "test" / "resources"


@pytest.fixture(scope="session")
def spark():
    os.environ["SPARK_LOCAL_IP"] = "127.0.0.1"
    os.environ["SPARK_LOCAL_HOSTNAME"] = "127.0.0.1"
    import bernoulli
    from pyspark.sql import SparkSession

    session = (SparkSession.builder.master("local[2]").appName("bernoulli-python-tests")
               .config("spark.jars", bernoulli.jar())
               .config("spark.ui.enabled", "false")
               .config("spark.driver.host", "127.0.0.1")
               .config("spark.driver.bindAddress", "127.0.0.1")
               .config("spark.sql.shuffle.partitions", "2")
               .getOrCreate())
    yield session
    session.stop()
