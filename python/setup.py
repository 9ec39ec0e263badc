"""Bundles the application jars into the package: build one Spark line or several with Maven first, then
`pip install ./python`.

Every line's jar built in this checkout is copied into bernoulli/jars as bernoulli-sparkLINE_SCALA.jar:
the default line's from ../target (mvn -B package -DskipTests), another line's from ../target/sparkLINE_SCALA
(mvn -B package -DskipTests -P spark-3.5_2.12, …). At run time the package picks the jar of the installed
Spark's line. A build without any jar stops with a message saying so, rather than installing a package that
cannot start.
"""
import glob
import os
import re
import shutil

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = os.path.dirname(os.path.abspath(__file__))
TARGET = os.path.join(HERE, "..", "target")
LINE = re.compile(r"^bernoulli-.+-(spark\d+\.\d+_\d+\.\d+)\.jar$")


def built_jars():
    """{line: jar} of every line built in ../target (the default line) and ../target/sparkLINE_SCALA."""
    found = {}
    for path in glob.glob(os.path.join(TARGET, "bernoulli-*.jar")) + glob.glob(os.path.join(TARGET, "spark*", "bernoulli-*.jar")):
        m = LINE.match(os.path.basename(path))
        if m and "-sources" not in path:
            found[m.group(1)] = path
    return found


class BuildWithJars(build_py):
    def run(self):
        jars = built_jars()
        bundled = os.path.join(HERE, "bernoulli", "jars")
        if jars:
            os.makedirs(bundled, exist_ok=True)
            for old in glob.glob(os.path.join(bundled, "*.jar")):
                os.remove(old)
            for line, path in sorted(jars.items()):
                shutil.copy(path, os.path.join(bundled, "bernoulli-%s.jar" % line))
        elif not glob.glob(os.path.join(bundled, "bernoulli-spark*.jar")):
            raise SystemExit("bernoulli: no application jar in ../target; run 'mvn -B package -DskipTests' in the "
                             "project first (and -P PROFILE for other Spark lines), then 'pip install ./python'")
        super().run()


setup(cmdclass={"build_py": BuildWithJars})
