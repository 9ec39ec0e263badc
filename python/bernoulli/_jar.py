"""Which bundled application jar fits the Spark at hand, and a session that has it.

The package carries one jar per Spark line it was built with (``jars/bernoulli-spark3.5_2.12.jar``, …,
``jars/bernoulli-spark4.2_2.13.jar``): a jar is compiled against one Spark line and one Scala version,
and the JVM's Spark must be of both. The line is read from the Spark jars that will run it — SPARK_HOME's
or the pyspark installation's ``spark-core_SCALA-VERSION.jar`` — or, for a Spark Connect client without
jars, from ``pyspark.__version__``; ``BERNOULLI_SPARK_LINE=spark3.5_2.13`` names it outright.
"""
import glob
import os
import re
from typing import List, Optional

_HERE = os.path.dirname(os.path.abspath(__file__))
_JARS = os.path.join(_HERE, "jars")
_SPARK_CORE = re.compile(r"spark-core_(\d+\.\d+)-(\d+)\.(\d+)\.[^/]*\.jar$")


class UnsupportedSparkError(RuntimeError):
    """The installed Spark is of a line this package has no jar for."""


def spark_lines() -> List[str]:
    """The Spark lines this package carries a jar for, as ``sparkLINE_SCALA`` (e.g. ``spark3.5_2.12``)."""
    return sorted(os.path.basename(j)[len("bernoulli-"):-len(".jar")]
                  for j in glob.glob(os.path.join(_JARS, "bernoulli-spark*.jar")))


def spark_home_jars() -> Optional[str]:
    """The folder of the Spark jars a JVM started from here runs on: SPARK_HOME's, else pyspark's; None
    when neither has one (pyspark missing, or a Spark Connect client without jars)."""
    home = os.environ.get("SPARK_HOME")
    if not home:
        try:
            import pyspark
        except ImportError:
            return None
        home = os.path.dirname(os.path.abspath(pyspark.__file__))
    jars = os.path.join(home, "jars")
    return jars if glob.glob(os.path.join(jars, "spark-core_*.jar")) else None


def line_of(spark_jars: Optional[str], pyspark_version: Optional[str]) -> str:
    """``sparkLINE_SCALA`` of the Spark jars in ``spark_jars`` (their spark-core jar's name says both), else
    of ``pyspark_version`` with the Scala version its line is published with (3.5: 2.12; 4.x: 2.13)."""
    if spark_jars:
        for path in sorted(glob.glob(os.path.join(spark_jars, "spark-core_*.jar"))):
            m = _SPARK_CORE.search(os.path.basename(path))
            if m:
                return "spark%s.%s_%s" % (m.group(2), m.group(3), m.group(1))
    if pyspark_version:
        major, minor = pyspark_version.split(".")[:2]
        return "spark%s.%s_%s" % (major, minor, "2.12" if int(major) < 4 else "2.13")
    raise UnsupportedSparkError("bernoulli: no Spark found: pip install pyspark (of a line this package supports: "
                                + ", ".join(spark_lines()) + ") or set SPARK_HOME")


def spark_line() -> str:
    """The Spark line the jar is chosen for: BERNOULLI_SPARK_LINE, else the installed Spark's."""
    named = os.environ.get("BERNOULLI_SPARK_LINE")
    if named:
        return named
    try:
        import pyspark
        version = pyspark.__version__
    except ImportError:
        version = None
    return line_of(spark_home_jars(), version)


def jar_for(line: str) -> str:
    """The bundled jar of ``line``; an error naming the lines this package supports when it has none."""
    path = os.path.join(_JARS, "bernoulli-%s.jar" % line)
    if os.path.isfile(path):
        return path
    supported = spark_lines()
    if not supported:
        raise FileNotFoundError("bernoulli: the package carries no application jar (" + _JARS + "); build it with "
                                "'mvn -B package -DskipTests' and reinstall with 'pip install ./python'")
    raise UnsupportedSparkError(
        "bernoulli: this package has no jar for Spark %s, Scala %s (the installed Spark); it supports %s. Install "
        "pyspark of one of those lines, or build this line's jar (mvn -B package -DskipTests -P PROFILE, see the "
        "README's table of Spark lines) and reinstall the package" % (
            line[len("spark"):].split("_")[0], line.split("_")[-1], ", ".join(supported)))


def jar() -> str:
    """The path of the bundled application jar for the installed Spark (Bernoulli's classes; Spark itself
    comes from pyspark or SPARK_HOME).

    Put it on ``spark.jars`` (or ``--jars`` of ``spark-submit``) so that the JVM has
    ``org.bernoulli.ml.BernoulliLogisticRegression``.
    """
    return jar_for(spark_line())


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
