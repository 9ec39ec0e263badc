"""Where the bundled application jar is, and a session that has it."""
import os

_HERE = os.path.dirname(os.path.abspath(__file__))


def jar() -> str:
    """The path of the bundled application jar (Bernoulli's classes; Spark itself comes from pyspark).

    Put it on ``spark.jars`` (or ``--jars`` of ``spark-submit``) so that the JVM has
    ``org.bernoulli.ml.BernoulliLogisticRegression``.
    """
    path = os.path.join(_HERE, "jars", "bernoulli.jar")
    if not os.path.isfile(path):
        raise FileNotFoundError("bernoulli: the application jar is not in the package (" + path + "); build it with "
                                "'mvn -B package -DskipTests' and reinstall with 'pip install ./python'")
    return path


def session(master: str = "local[*]", app_name: str = "bernoulli", **conf):
    """A SparkSession with the jar on its classpath (``getOrCreate``: an existing session is returned as it is).

    Embedded sessions bind to 127.0.0.1 unless SPARK_LOCAL_IP says otherwise. ``conf`` entries are
    Spark settings, their dots written as underscores: ``spark_driver_memory="4g"``.
    """
    from pyspark.sql import SparkSession

    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    os.environ.setdefault("SPARK_LOCAL_HOSTNAME", "127.0.0.1")
    builder = SparkSession.builder.master(master).appName(app_name).config("spark.jars", jar())
    for key, value in conf.items():
        builder = builder.config(key.replace("_", "."), value)
    spark = builder.getOrCreate()
    from .errors import install
    install()
    return spark
