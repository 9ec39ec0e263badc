package org.bernoulli.ml;

import org.bernoulli.data.BadInputException;
import org.bernoulli.data.Setting;
import org.bernoulli.data.UsageException;
import org.bernoulli.formula.FormulaLineParser;
import org.bernoulli.train.SeparationException;

import java.util.EnumMap;
import java.util.Map;

/**
 * The spark.ml door's words for the settings the core names ({@link Setting}): a setting the
 * estimator has is its param ({@code tol}, {@code naAction="omit"}); one it has not is said in plain
 * words as the command line's ("Firth's bias reduction (bernoulli train only)") — so that a
 * spark.ml or Python user reads about what they can set, and never a command-line flag.
 */
final class ParamTerms implements Setting.Wording {
    static final ParamTerms WORDS = new ParamTerms();
    private static final Map<Setting, String> PARAMS = new EnumMap<>(Setting.class);

    static {
        PARAMS.put(Setting.NA_ACTION, "naAction");
        PARAMS.put(Setting.FAMILY, "family");
        PARAMS.put(Setting.REG_PARAM, "regParam");
        PARAMS.put(Setting.ELASTIC_NET, "elasticNetParam");
        PARAMS.put(Setting.STANDARDIZATION, "standardization");
        PARAMS.put(Setting.WEIGHT_COLUMN, "weightCol");
        PARAMS.put(Setting.CLUSTER_COLUMN, "clusterCol");
        PARAMS.put(Setting.COVARIANCE, "covariance");
        PARAMS.put(Setting.FORMULA, "formula");
        PARAMS.put(Setting.MAX_ITER, "maxIter");
        PARAMS.put(Setting.TOL, "tol");
        PARAMS.put(Setting.GRAD_TOL, "gradTol");
        PARAMS.put(Setting.OPTIMIZER, "optimizer");
        PARAMS.put(Setting.LBFGS_MEMORY, "lbfgsMemory");
        PARAMS.put(Setting.AGGREGATION_DEPTH, "aggregationDepth");
        PARAMS.put(Setting.LABEL_COLUMN, "labelCol");
        PARAMS.put(Setting.FEATURES_COLUMN, "featuresCol");
    }

    private ParamTerms() {
    }

    @Override
    public String name(Setting setting) {
        String param = PARAMS.get(setting);
        return param != null ? param : setting.phrase() + " (bernoulli train only)";
    }

    @Override
    public String withValue(Setting setting, String value) {
        String param = PARAMS.get(setting);
        if (param == null) {
            return name(setting) + " " + value;
        }
        return value.matches("-?\\d+(\\.\\d+)?([eE]-?\\d+)?|true|false") ? param + "=" + value
                : param + "=\"" + value + "\"";
    }

    /** The message in the estimator's terms. */
    static String words(String message) {
        if (message == null) {
            return null;
        }
        // A dataset's cells are missing only as nulls.
        return Setting.render(message.replace("(" + FormulaLineParser.MISSING_CELLS + ")", "(a null)"), WORDS);
    }

    /**
     * The refusal as the same kind of exception with its message in the estimator's terms (the cause
     * kept); anything else as it is.
     */
    static RuntimeException inParamTerms(RuntimeException e) {
        String worded = words(e.getMessage());
        if (worded == null || worded.equals(e.getMessage())) {
            return e;
        }
        RuntimeException out;
        if (e instanceof UsageException) {
            out = new UsageException(worded);
        } else if (e instanceof SeparationException) {
            out = new SeparationException(worded);
        } else if (e instanceof BadInputException) {
            out = new BadInputException(worded, e);
        } else if (e instanceof IllegalArgumentException) {
            out = new IllegalArgumentException(worded, e);
        } else {
            return e;
        }
        if (out.getCause() == null) {
            out.initCause(e);
        }
        return out;
    }
}
