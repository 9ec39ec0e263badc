"""Bundles the application jar into the package: `mvn -B package` first, then `pip install ./python`.

The jar is copied from ../target (the Maven build of this checkout) into bernoulli/jars when the
package is built; a build without it stops with a message saying so, rather than installing a
package that cannot start.
"""
import glob
import re
import os
import shutil

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = os.path.dirname(os.path.abspath(__file__))


def default_line():
    """pom.xml's default Spark line and Scala version, as the jar's name carries them: spark4.2_2.13."""
    pom = open(os.path.join(HERE, "..", "pom.xml"), encoding="utf-8").read()
    line = re.search(r"<spark.line>([^<]+)</spark.line>", pom).group(1)
    scala = re.search(r"<scala.binary.version>([^<]+)</scala.binary.version>", pom).group(1)
    return "spark%s_%s" % (line, scala)


class BuildWithJar(build_py):
    def run(self):
        jars = [j for j in glob.glob(os.path.join(HERE, "..", "target", "bernoulli-*-%s.jar" % default_line()))
                if not os.path.basename(j).startswith("original-") and "-sources" not in j]
        bundled = os.path.join(HERE, "bernoulli", "jars")
        if jars:
            os.makedirs(bundled, exist_ok=True)
            for old in glob.glob(os.path.join(bundled, "*.jar")):
                os.remove(old)
            shutil.copy(sorted(jars)[-1], os.path.join(bundled, "bernoulli.jar"))
        elif not glob.glob(os.path.join(bundled, "*.jar")):
            raise SystemExit("bernoulli: no application jar in ../target; run 'mvn -B package -DskipTests' in the "
                             "project first, then 'pip install ./python'")
        super().run()


setup(cmdclass={"build_py": BuildWithJar})
