"""``bernoulli.LogisticRegression``: a pyspark.ml estimator over ``org.bernoulli.ml.BernoulliLogisticRegression``.

The params are the JVM estimator's, with the same names and defaults (MLlib's names where MLlib has
the param): set them here, and fit, transform, save and load as with any pyspark.ml stage, alone or
in a Pipeline.
"""
from typing import Any, Dict, List, Optional

from pyspark import keyword_only
from pyspark.ml.classification import _JavaProbabilisticClassificationModel, _JavaProbabilisticClassifier
from pyspark.ml.classification import _ProbabilisticClassifierParams
from pyspark.ml.param import Param, Params, TypeConverters
from pyspark.ml.util import JavaMLReadable, JavaMLReader, JavaMLWritable

from ._jar import UnsupportedSparkError
from .errors import bernoulli_errors

ESTIMATOR_CLASS = "org.bernoulli.ml.BernoulliLogisticRegression"
MODEL_CLASS = "org.bernoulli.ml.BernoulliLogisticRegressionModel"


class _BernoulliParams(_ProbabilisticClassifierParams):
    """The estimator's own params; each doc states the default, which is the JVM estimator's."""

    regParam = Param(Params._dummy(), "regParam", "penalty lambda >= 0 of lambda*((1-alpha)/2*||w||^2 + "
                     "alpha*||w||_1), intercept unpenalized. Default 0.0 (maximum likelihood).",
                     typeConverter=TypeConverters.toFloat)
    elasticNetParam = Param(Params._dummy(), "elasticNetParam", "elastic-net mixing alpha in [0, 1]: 0 is L2, 1 the "
                            "lasso. Default 0.0.", typeConverter=TypeConverters.toFloat)
    standardization = Param(Params._dummy(), "standardization", "whether the penalty applies to the coefficients "
                            "of standardized features (True) or to the raw coefficients (False). Default False.",
                            typeConverter=TypeConverters.toBoolean)
    maxIter = Param(Params._dummy(), "maxIter", "iteration limit (>= 0). Default 1000.",
                    typeConverter=TypeConverters.toInt)
    tol = Param(Params._dummy(), "tol", "relative objective change over 5 iterations at which to stop. Default 1e-9.",
                typeConverter=TypeConverters.toFloat)
    gradTol = Param(Params._dummy(), "gradTol", "largest standardized gradient component at which to stop. "
                    "Default 1e-7.", typeConverter=TypeConverters.toFloat)
    optimizer = Param(Params._dummy(), "optimizer", "gd, agd, lbfgs, newton, tron, owlqn or auto. Default auto.",
                      typeConverter=TypeConverters.toString)
    weightCol = Param(Params._dummy(), "weightCol", "column of non-negative case weights; empty for none. "
                      "Default empty.", typeConverter=TypeConverters.toString)
    aggregationDepth = Param(Params._dummy(), "aggregationDepth", "depth of the aggregation tree of the "
                             "per-partition sums (>= 1), or 0 to choose it. Default 0.",
                             typeConverter=TypeConverters.toInt)
    lbfgsMemory = Param(Params._dummy(), "lbfgsMemory", "correction pairs kept by L-BFGS and OWL-QN (>= 1). "
                        "Default 10.", typeConverter=TypeConverters.toInt)
    formula = Param(Params._dummy(), "formula", "R's model formula 'RESPONSE ~ TERMS' over the dataset's columns "
                    "(text columns as factors, coefficients named as R names them); empty: labelCol and the "
                    "featuresCol vector. Default empty.", typeConverter=TypeConverters.toString)
    covariance = Param(Params._dummy(), "covariance", "where the summary's standard errors come from: fisher, hc0 "
                       "or hc1 (robust; cluster-robust with clusterCol). Default fisher.",
                       typeConverter=TypeConverters.toString)
    clusterCol = Param(Params._dummy(), "clusterCol", "column whose values group the rows into clusters, for "
                       "cluster-robust standard errors (with covariance hc0 or hc1; not with formula). "
                       "Default empty.", typeConverter=TypeConverters.toString)
    naAction = Param(Params._dummy(), "naAction", "with formula: what a null in a column the fit uses does: fail "
                     "(name the row) or omit (leave its row out and count it, R's na.omit). Default fail.",
                     typeConverter=TypeConverters.toString)
    family = Param(Params._dummy(), "family", "the response's likelihood: binomial (two classes), multinomial (more: "
                   "one linear predictor per class against the reference class, the first in sorted order; a "
                   "labelCol of class indices 0, 1, ..., K-1) or auto (by the response's classes). Default auto.",
                   typeConverter=TypeConverters.toString)
    margins = Param(Params._dummy(), "margins", "with formula, two classes: whether the model carries the average "
                    "marginal effects of the formula's variables with delta-method errors (summary.margins; one more "
                    "pass over the dataset). Default False.", typeConverter=TypeConverters.toBoolean)

    DEFAULTS = dict(regParam=0.0, elasticNetParam=0.0, standardization=False, maxIter=1000, tol=1e-9, gradTol=1e-7,
                    optimizer="auto", weightCol="", aggregationDepth=0, lbfgsMemory=10, formula="",
                    covariance="fisher", clusterCol="", naAction="fail", family="auto", margins=False)

    def __init__(self, *args: Any):
        super().__init__(*args)
        self._setDefault(**self.DEFAULTS)


class _BernoulliReader(JavaMLReader):
    """Loads through the JVM class of the Python one (not pyspark's org.apache.spark naming)."""

    @classmethod
    def _java_loader_class(cls, clazz) -> str:
        return clazz._java_class


class _Readable(JavaMLReadable):
    @classmethod
    def read(cls):
        return _BernoulliReader(cls)


def _refuse_spark_connect_before_4():
    """Spark Connect runs pyspark.ml estimators (Spark's and a jar's) from Spark 4.0 on; on 3.5 it has no ML,
    and the estimator would fail deep in pyspark without saying why."""
    import pyspark
    from pyspark.sql.utils import is_remote

    if int(pyspark.__version__.split(".")[0]) < 4 and is_remote():
        raise UnsupportedSparkError(
            "bernoulli.LogisticRegression over Spark Connect needs Spark 4.0 or later: Spark Connect %s has no "
            "pyspark.ml; on this line use a classic session (bernoulli.session(), or SparkSession.builder.master(…))"
            % pyspark.__version__)


class LogisticRegression(_JavaProbabilisticClassifier, _BernoulliParams, JavaMLWritable, _Readable):
    """Logistic regression by maximum likelihood on Spark (Bernoulli), as a pyspark.ml estimator.

    >>> lr = LogisticRegression(formula="case ~ spontaneous + induced + education")
    >>> model = lr.fit(df)                      # doctest: +SKIP
    >>> model.summary.toPandas()                # doctest: +SKIP

    Params (name = default): featuresCol="features", labelCol="label", predictionCol="prediction",
    probabilityCol="probability", rawPredictionCol="rawPrediction", regParam=0.0, elasticNetParam=0.0,
    standardization=False, maxIter=1000, tol=1e-9, gradTol=1e-7, optimizer="auto", weightCol="",
    aggregationDepth=0, lbfgsMemory=10, formula="", covariance="fisher", clusterCol="", naAction="fail",
    family="auto", margins=False.

    A response of more than two classes (a text response of a formula, or labelCol of class indices) is
    fitted as R's ``nnet::multinom``: ``probability`` has one entry per class and ``prediction`` is the
    index of the most probable, as MLlib's multinomial model writes them.

    A refusal — a bad param, bad data in fit, a row transform cannot score when its result is computed —
    raises :class:`bernoulli.BernoulliError` with Bernoulli's message in these params' terms.
    """

    _java_class = ESTIMATOR_CLASS

    @keyword_only
    def __init__(self, *, featuresCol: str = "features", labelCol: str = "label", predictionCol: str = "prediction",
                 probabilityCol: str = "probability", rawPredictionCol: str = "rawPrediction",
                 regParam: float = 0.0, elasticNetParam: float = 0.0, standardization: bool = False,
                 maxIter: int = 1000, tol: float = 1e-9, gradTol: float = 1e-7, optimizer: str = "auto",
                 weightCol: str = "", aggregationDepth: int = 0, lbfgsMemory: int = 10, formula: str = "",
                 covariance: str = "fisher", clusterCol: str = "", naAction: str = "fail", family: str = "auto",
                 margins: bool = False):
        _refuse_spark_connect_before_4()
        super().__init__()
        with bernoulli_errors():
            self._java_obj = self._new_java_obj(ESTIMATOR_CLASS, self.uid)
        self.setParams(**self._input_kwargs)

    @keyword_only
    def setParams(self, *, featuresCol: str = "features", labelCol: str = "label", predictionCol: str = "prediction",
                  probabilityCol: str = "probability", rawPredictionCol: str = "rawPrediction",
                  regParam: float = 0.0, elasticNetParam: float = 0.0, standardization: bool = False,
                  maxIter: int = 1000, tol: float = 1e-9, gradTol: float = 1e-7, optimizer: str = "auto",
                  weightCol: str = "", aggregationDepth: int = 0, lbfgsMemory: int = 10, formula: str = "",
                  covariance: str = "fisher", clusterCol: str = "", naAction: str = "fail",
                  family: str = "auto", margins: bool = False) -> "LogisticRegression":
        """Sets the params given by name; the others keep their values."""
        return self._set(**self._input_kwargs)

    def _create_model(self, java_model) -> "LogisticRegressionModel":
        return LogisticRegressionModel(java_model)

    def _fit(self, dataset):
        with bernoulli_errors():
            return super()._fit(dataset)

    def _transfer_params_to_java(self) -> None:
        with bernoulli_errors():
            super()._transfer_params_to_java()


def _setters(cls, names):
    for name in names:
        def setter(self, value, _name=name):
            return self._set(**{_name: value})

        def getter(self, _name=name):
            return self.getOrDefault(_name)

        cap = name[0].upper() + name[1:]
        setter.__doc__ = "Sets :py:attr:`%s`." % name
        getter.__doc__ = "Gets the value of :py:attr:`%s` or its default." % name
        setattr(cls, "set" + cap, setter)
        if not hasattr(cls, "get" + cap):
            setattr(cls, "get" + cap, getter)


_setters(LogisticRegression, list(_BernoulliParams.DEFAULTS))


class Summary:
    """The model's summary, as R's ``summary(glm)`` and ``summary.json``: ``coefficients`` (a list of dicts with
    ``name, estimate, stdError, zValue, pValue, ciLow, ciHigh``, intercept first; a coefficient the data cannot
    determine — R's NA row — has None for each number; for more than two classes each also has ``class``, one
    block per non-reference class), ``classes`` and ``referenceClass`` (None for two classes), ``logLikelihood``,
    ``nullDeviance``, ``residualDeviance``, ``aic``, ``bic``, the likelihood-ratio test against the
    intercept-only model (``lrtStatistic``, ``lrtDf``, ``lrtPValue``), ``covariance`` (fisher, hc0, hc1),
    ``clustering`` (``column`` and ``clusters`` with clusterCol, else None), ``termTests`` (a formula's joint
    Wald test of each factor: ``term, df, chiSquared, p``), ``notes``, and ``margins``: with the estimator's
    ``margins`` param, the average marginal effects (a list of dicts with ``variable, contrast, estimate,
    stdError, zValue, pValue, ciLow, ciHigh``; ``contrast`` is ``dP/dx`` for a number, ``LEVEL - REFERENCE`` for a
    factor; for more than two classes each also has ``class``, the class whose probability moves), else None."""

    def __init__(self, java_summary, java_margins=None):
        s = java_summary
        self.margins: Optional[List[Dict[str, Any]]] = None if java_margins is None else [
            dict(variable=m.variable(), contrast=m.contrast(), estimate=m.estimate(), stdError=m.stdError(),
                 zValue=m.zValue(), pValue=m.pValue(), ciLow=m.ciLow(), ciHigh=m.ciHigh(),
                 **({} if m.outcome() is None else {"class": m.outcome()})) for m in java_margins]
        self.method: str = s.method()
        self.coefficients: List[Dict[str, Any]] = []
        for c in s.coefficients():
            row = dict(name=c.name(), estimate=c.estimate(), stdError=c.stdError(), zValue=c.zValue(),
                       pValue=c.pValue(), ciLow=c.ciLow(), ciHigh=c.ciHigh())
            if c.outcome() is not None:
                row["class"] = c.outcome()
            self.coefficients.append(row)
        classes = s.classes()
        self.classes: Optional[List[str]] = None if classes is None else list(classes.levels())
        self.referenceClass: Optional[str] = None if classes is None else classes.reference()
        self.rows: int = s.rows()
        self.weightSum: float = s.weightSum()
        self.logLikelihood: float = s.logLikelihood()
        self.nullLogLikelihood: float = s.nullLogLikelihood()
        self.nullDeviance: float = s.nullDeviance()
        self.residualDeviance: float = s.residualDeviance()
        self.dfNull: int = s.dfNull()
        self.dfResidual: int = s.dfResidual()
        self.aic: float = s.aic()
        self.bic: float = s.bic()
        self.mcFaddenR2: float = s.mcFaddenR2()
        # Null (py4j: None) when the test does not apply.
        self.lrtStatistic: Optional[float] = s.lrtStatistic()
        self.lrtDf: Optional[int] = s.lrtDf()
        self.lrtPValue: Optional[float] = s.lrtPValue()
        self.covariance: str = s.covariance()
        c = s.clustering()
        self.clustering: Optional[Dict[str, Any]] = None if c is None else dict(column=c.column(),
                                                                                 clusters=c.clusters())
        self.termTests: List[Dict[str, Any]] = [dict(term=t.term(), df=t.df(), chiSquared=t.chiSquared(), p=t.p())
                                                for t in s.termTests()]
        self.notes: List[str] = list(s.notes())

    def toPandas(self):
        """The coefficient table as a pandas DataFrame indexed by name (needs pandas)."""
        try:
            import pandas as pd
        except ImportError as e:
            raise ImportError("Summary.toPandas needs pandas: pip install pandas") from e
        table = pd.DataFrame(self.coefficients)
        return table.set_index(["class", "name"] if self.classes is not None else "name")

    def __repr__(self) -> str:
        lines = ["Coefficients (%s):" % self.method]
        outcome = None
        for c in self.coefficients:
            if c.get("class") is not None and c["class"] != outcome:
                outcome = c["class"]
                lines.append("class '%s' against '%s':" % (outcome, self.referenceClass))
            if c["estimate"] is None:
                lines.append("  %-24s %12s %10s %9s %10s" % (c["name"], "NA", "NA", "NA", "NA"))
                continue
            lines.append("  %-24s %12.6g %10.4g %9.3f %10.3g" % (c["name"], c["estimate"], c["stdError"],
                                                                 c["zValue"], c["pValue"]))
        lines.append("Null deviance %.6g on %d df; residual deviance %.6g on %d df; AIC %.6g"
                     % (self.nullDeviance, self.dfNull, self.residualDeviance, self.dfResidual, self.aic))
        return "\n".join(lines)


class LogisticRegressionModel(_JavaProbabilisticClassificationModel, _ProbabilisticClassifierParams, JavaMLWritable,
                              _Readable):
    """A fitted Bernoulli model: ``intercept``, ``coefficients``, ``featureNames``, ``transform`` and,
    freshly fitted with inference, ``summary`` (``hasSummary`` says whether it has one). A model of more
    than two classes has ``classes`` (the reference first; ``prediction`` k is ``classes[k]``),
    ``coefficientMatrix`` and ``interceptVector`` (one row per non-reference class) instead of
    ``intercept`` and ``coefficients``. Its params are the JVM model's: the columns it reads and writes,
    and ``thresholds``."""

    _java_class = MODEL_CLASS

    @property
    def intercept(self) -> float:
        with bernoulli_errors():
            return self._call_java("intercept")

    @property
    def coefficients(self):
        with bernoulli_errors():
            return self._call_java("coefficients")

    @property
    def classes(self) -> Optional[List[str]]:
        c = self._call_java("classes")
        return None if c is None else list(c)

    @property
    def numClasses(self) -> int:
        return self._call_java("numClasses")

    @property
    def coefficientMatrix(self):
        return self._call_java("coefficientMatrix")

    @property
    def interceptVector(self):
        return self._call_java("interceptVector")

    @property
    def featureNames(self) -> List[str]:
        return list(self._call_java("featureNames"))

    @property
    def hasSummary(self) -> bool:
        return self._call_java("hasSummary")

    @property
    def summary(self) -> Summary:
        with bernoulli_errors():
            return Summary(self._java_obj.summary(), self._java_obj.margins())

    def write_pmml(self, path: str, overwrite: bool = False) -> None:
        """Writes the model as a PMML 4.4 document (a ``RegressionModel`` with the formula's encoding:
        factor levels, interactions, ``I()``, ``log()`` and the other functions, offsets) that a PMML
        evaluator scores to this model's probabilities. ``path`` is read by Spark's Hadoop file system; a
        file there is replaced only with ``overwrite``. A ``bs()`` or ``ns()`` spline term is refused
        with a BernoulliError naming it, and nothing is written."""
        with bernoulli_errors():
            self._call_java("writePmml", path, overwrite)

    def _transform(self, dataset):
        with bernoulli_errors():
            return super()._transform(dataset)
