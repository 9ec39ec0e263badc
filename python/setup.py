"""Bundles the application jar into the package: `mvn -B package` first, then `pip install ./python`.

The jar is copied from ../target (the Maven build of this checkout) into bernoulli/jars when the
package is built; a build without it stops with a message saying so, rather than installing a
package that cannot start.
"""
import glob
import os
import shutil

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = os.path.dirname(os.path.abspath(__file__))


class BuildWithJar(build_py):
    def run(self):
        jars = [j for j in glob.glob(os.path.join(HERE, "..", "target", "bernoulli-*.jar"))
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
