"""``python -m bernoulli COMMAND …``: the Bernoulli command line (train, score, evaluate, report, …) on
the bundled jar and the Spark of the pyspark installation (or of SPARK_HOME), in a JVM of its own —
``java`` from JAVA_HOME or the PATH, as pyspark itself needs. The exit code is the command's."""
import os
import shutil
import subprocess
import sys

from ._jar import jar, spark_home_jars, spark_lines

# The JVM flags Spark needs on Java 17 (the list spark-submit adds).
JAVA_OPTS = [
    "-XX:+IgnoreUnrecognizedVMOptions",
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
    "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/java.net=ALL-UNNAMED",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.util=ALL-UNNAMED",
    "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
    "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
    "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
    "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
    "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
    "-Djdk.reflect.useDirectMethodHandle=false",
    "-Dio.netty.tryReflectionSetAccessible=true",
]


def spark_jars() -> str:
    """The folder of Spark's jars: SPARK_HOME's, else the pyspark installation's."""
    jars = spark_home_jars()
    if jars is None:
        raise SystemExit("bernoulli: no Spark jars found: pip install pyspark (of a line this package supports: "
                         + ", ".join(spark_lines()) + ") or set SPARK_HOME")
    return jars


def java() -> str:
    home = os.environ.get("JAVA_HOME")
    if home and os.path.isfile(os.path.join(home, "bin", "java")):
        return os.path.join(home, "bin", "java")
    found = shutil.which("java")
    if not found:
        raise SystemExit("bernoulli: no java found: install Java 17 or set JAVA_HOME")
    return found


def command(args):
    """The JVM command line of a Bernoulli command."""
    memory = os.environ.get("BERNOULLI_DRIVER_MEMORY", "4g")
    classpath = os.pathsep.join([jar(), os.path.join(spark_jars(), "*")])
    return [java(), *JAVA_OPTS, "-Xmx" + memory, "-cp", classpath, "org.bernoulli.cli.Main", *args]


def main(argv=None) -> int:
    args = sys.argv[1:] if argv is None else list(argv)
    env = dict(os.environ)
    env.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    env.setdefault("SPARK_LOCAL_HOSTNAME", "127.0.0.1")
    return subprocess.call(command(args), env=env)


if __name__ == "__main__":
    sys.exit(main())
