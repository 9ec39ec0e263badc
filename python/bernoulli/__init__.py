"""Bernoulli from PySpark: distributed logistic regression by maximum likelihood.

``bernoulli.jar()`` is the bundled application jar of the installed Spark's line (for ``spark.jars``),
``bernoulli.spark_lines()`` the lines the package has jars for, ``bernoulli.session()`` a session that
has the jar, ``bernoulli.LogisticRegression`` the pyspark.ml estimator, and ``python -m bernoulli train …``
the command line.
"""
from ._jar import UnsupportedSparkError, jar, session, spark_line, spark_lines
from ._java_names import register as _register_java_names
from ._version import __version__
from .classification import LogisticRegression, LogisticRegressionModel, Summary
from .errors import BernoulliError

_register_java_names()

__all__ = ["jar", "session", "spark_line", "spark_lines", "LogisticRegression", "LogisticRegressionModel", "Summary",
           "BernoulliError", "UnsupportedSparkError", "__version__"]
