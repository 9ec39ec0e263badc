"""Maps the JVM class names of Bernoulli's stages to the Python classes.

pyspark loads a saved stage (alone, or inside a PipelineModel) by taking its JVM class name,
``org.bernoulli.ml.BernoulliLogisticRegression``, replacing ``org.apache.spark`` with ``pyspark``
(which leaves a third-party name as it is) and importing that module. A module registered under the
JVM package's name, holding the Python classes under the JVM classes' names, is that mapping.
"""
import sys
import types


def register() -> None:
    from .classification import LogisticRegression, LogisticRegressionModel

    names = ["org", "org.bernoulli", "org.bernoulli.ml"]
    for name in names:
        if name not in sys.modules:
            module = types.ModuleType(name, "Python names of Bernoulli's JVM classes (see bernoulli._java_names)")
            module.__path__ = []
            sys.modules[name] = module
    ml = sys.modules["org.bernoulli.ml"]
    ml.BernoulliLogisticRegression = LogisticRegression
    ml.BernoulliLogisticRegressionModel = LogisticRegressionModel
    sys.modules["org"].bernoulli = sys.modules["org.bernoulli"]
    sys.modules["org.bernoulli"].ml = ml
