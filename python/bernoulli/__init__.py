"""Bernoulli from PySpark: distributed logistic regression by maximum likelihood.

``bernoulli.jar()`` is the bundled application jar (for ``spark.jars``), ``bernoulli.session()`` a
session that has it, ``bernoulli.LogisticRegression`` the pyspark.ml estimator, and
``python -m bernoulli train …`` the command line.
"""
from ._jar import jar, session
from ._java_names import register as _register_java_names
from ._version import SPARK_VERSION, __version__
from .classification import LogisticRegression, LogisticRegressionModel, Summary
from .errors import BernoulliError

_register_java_names()

__all__ = ["jar", "session", "LogisticRegression", "LogisticRegressionModel", "Summary", "BernoulliError",
           "SPARK_VERSION", "__version__"]
