"""The package carries a jar per Spark line and picks the one of the installed Spark (line and Scala)."""
import os
import re
import subprocess
import sys
import zipfile

import pyspark
import pytest

import bernoulli
from bernoulli import _jar


def installed_line():
    """sparkLINE_SCALA of the pyspark running these tests, from its own jars (scala-library-X.Y.Z.jar)."""
    jars = os.path.join(os.path.dirname(os.path.abspath(pyspark.__file__)), "jars")
    scala = [re.match(r"scala-library-(\d+\.\d+)\.", f).group(1) for f in os.listdir(jars)
             if f.startswith("scala-library-")]
    return "spark%s_%s" % (".".join(pyspark.__version__.split(".")[:2]), scala[0])


def test_the_jar_is_the_installed_pysparks_line():
    line = installed_line()
    assert bernoulli.spark_line() == line
    assert os.path.basename(bernoulli.jar()) == "bernoulli-%s.jar" % line
    assert line in bernoulli.spark_lines()
    # The jar's classes were compiled against this line: its manifest says so.
    assert manifest_line(bernoulli.jar()) == line


def manifest_line(path):
    with zipfile.ZipFile(path) as jar:
        manifest = jar.read("META-INF/MANIFEST.MF").decode()
    return re.search(r"^Bernoulli-Spark-Line: (\S+)", manifest, re.M).group(1)


def test_the_line_is_read_from_the_spark_jars_names(tmp_path):
    for name, line in [("spark-core_2.12-3.5.6.jar", "spark3.5_2.12"), ("spark-core_2.13-3.5.6.jar", "spark3.5_2.13"),
                       ("spark-core_2.13-4.1.0.jar", "spark4.1_2.13")]:
        jars = tmp_path / line
        jars.mkdir()
        (jars / name).write_bytes(b"")
        assert _jar.line_of(str(jars), "9.9.9") == line
    # A Spark Connect client without jars: the Scala version each line is published with.
    assert _jar.line_of(None, "3.5.6") == "spark3.5_2.12"
    assert _jar.line_of(None, "4.0.1") == "spark4.0_2.13"


def test_a_spark_of_another_line_is_a_plain_error_naming_the_supported_lines():
    with pytest.raises(bernoulli.UnsupportedSparkError) as e:
        _jar.jar_for("spark3.4_2.12")
    said = str(e.value)
    assert said.startswith("bernoulli: this package has no jar for Spark 3.4, Scala 2.12 (the installed Spark); "
                           "it supports " + ", ".join(bernoulli.spark_lines()) + ".")
    # And so it says when the installed Spark is of such a line (its jars say so), at the first use.
    env = dict(os.environ, BERNOULLI_SPARK_LINE="spark3.4_2.12")
    r = subprocess.run([sys.executable, "-c", "import bernoulli; bernoulli.jar()"], capture_output=True, text=True,
                       env=env, timeout=120)
    assert r.returncode != 0
    assert "UnsupportedSparkError: bernoulli: this package has no jar for Spark 3.4, Scala 2.12" in r.stderr


def test_every_bundled_jar_is_the_build_of_its_line():
    for line in bernoulli.spark_lines():
        assert re.fullmatch(r"spark\d+\.\d+_2\.1[23]", line), line
        assert manifest_line(_jar.jar_for(line)) == line
