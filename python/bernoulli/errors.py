"""Errors from the JVM as Python exceptions whose message is Bernoulli's own line."""
import contextlib
import re


class BernoulliError(ValueError):
    """A Bernoulli error: a bad parameter or bad data, with Bernoulli's message (file, line, column,
    what was expected and found), not a JVM stack trace. ``java_class`` names the JVM exception."""

    def __init__(self, message: str, java_class: str = ""):
        super().__init__(message)
        self.java_class = java_class


# The JVM names settings by reference ({TOL}, {NA_ACTION=omit}); the estimator words them as its params before
# they reach Python, and so does this, for a message raised where the estimator could not word it.
_PARAMS = dict(NA_ACTION="naAction", REG_PARAM="regParam", ELASTIC_NET="elasticNetParam",
               STANDARDIZATION="standardization", WEIGHT_COLUMN="weightCol", CLUSTER_COLUMN="clusterCol",
               COVARIANCE="covariance", FORMULA="formula", MAX_ITER="maxIter", TOL="tol", GRAD_TOL="gradTol",
               OPTIMIZER="optimizer", LBFGS_MEMORY="lbfgsMemory", AGGREGATION_DEPTH="aggregationDepth",
               LABEL_COLUMN="labelCol", FEATURES_COLUMN="featuresCol")
_REFERENCE = re.compile(r"\{([A-Z][A-Z0-9_]*)(?:=([^{}]*))?\}")


def _in_param_terms(message):
    """A JVM message with its setting references worded as this package's params."""
    if not message:
        return message

    def word(m):
        param = _PARAMS.get(m.group(1))
        if param is None:
            name = m.group(1).lower().replace("_", " ") + " (bernoulli train only)"
            return name if m.group(2) is None else name + " " + m.group(2)
        if m.group(2) is None:
            return param
        number = re.fullmatch(r"-?\d+(\.\d+)?([eE]-?\d+)?|true|false", m.group(2))
        return "%s=%s" % (param, m.group(2)) if number else '%s="%s"' % (param, m.group(2))

    return _REFERENCE.sub(word, message)


def _java_throwable(error):
    """The JVM throwable behind a py4j or pyspark exception, or None."""
    origin = getattr(error, "java_exception", None)
    if origin is None:
        origin = getattr(error, "_origin", None)
    return origin


def _own_message(throwable):
    """The message of the first exception in the cause chain that Bernoulli raised (or, failing that, of the
    first IllegalArgumentException, then of the innermost cause)."""
    chain = []
    seen = 0
    t = throwable
    while t is not None and seen < 32:
        chain.append(t)
        t = t.getCause()
        seen += 1
    for t in chain:
        if t.getClass().getName().startswith("org.bernoulli."):
            return t.getMessage(), t.getClass().getName()
    for t in chain:
        if t.getClass().getName() == "java.lang.IllegalArgumentException":
            return t.getMessage(), t.getClass().getName()
    last = chain[-1]
    return last.getMessage() or last.toString(), last.getClass().getName()


def _raised_by_bernoulli(throwable) -> bool:
    """Whether an exception of Bernoulli's own is in the JVM cause chain."""
    t, seen = throwable, 0
    while t is not None and seen < 32:
        if t.getClass().getName().startswith("org.bernoulli."):
            return True
        t, seen = t.getCause(), seen + 1
    return False


def install() -> None:
    """Makes every JVM call that fails because of Bernoulli raise :class:`BernoulliError` — also the actions
    (``collect``, ``count``, ``write`` …) on a DataFrame a Bernoulli model transformed, where a row that cannot be
    scored fails the job long after ``transform`` returned. Wraps py4j's ``get_return_value`` as pyspark itself
    does to convert JVM errors; errors with no Bernoulli exception behind them pass as they were. Idempotent,
    and called again by the package's entry points, since a new SparkContext re-installs pyspark's own."""
    import py4j.java_gateway
    from py4j.protocol import Py4JJavaError
    from pyspark.errors.exceptions.captured import CapturedException

    current = py4j.java_gateway.get_return_value
    if getattr(current, "_bernoulli", False):
        return

    def get_return_value(*args, **kwargs):
        try:
            return current(*args, **kwargs)
        except (Py4JJavaError, CapturedException) as e:
            throwable = _java_throwable(e)
            if throwable is None or not _raised_by_bernoulli(throwable):
                raise
            message, java_class = _own_message(throwable)
            raise BernoulliError(_in_param_terms(message), java_class) from None

    get_return_value._bernoulli = True
    py4j.java_gateway.get_return_value = get_return_value


@contextlib.contextmanager
def bernoulli_errors():
    """Turns a JVM exception raised inside the block into a :class:`BernoulliError` with Bernoulli's message."""
    from py4j.protocol import Py4JJavaError
    from pyspark.errors.exceptions.captured import CapturedException

    install()
    try:
        yield
    except (Py4JJavaError, CapturedException) as e:
        throwable = _java_throwable(e)
        if throwable is None:
            raise
        message, java_class = _own_message(throwable)
        raise BernoulliError(_in_param_terms(message), java_class) from None
