package org.bernoulli.ml;

import org.bernoulli.data.BadInputException;
import org.bernoulli.data.UsageException;
import org.bernoulli.train.SeparationException;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The spark.ml door's words for what the core refuses: a message that names a command-line flag
 * ({@code --na-action omit}, {@code --weight-column}) names the estimator's param instead
 * ({@code naAction="omit"}, {@code weightCol}), and a flag the estimator has no param for is said to
 * be the command line's — so that a spark.ml or Python user reads about what they can set.
 */
final class ParamTerms {
    private static final Map<String, String> PARAMS = new LinkedHashMap<>();
    private static final Pattern FLAG = Pattern.compile("--([a-z][a-z0-9]*(?:-[a-z0-9]+)*)(?: (omit|fail))?");

    static {
        PARAMS.put("na-action", "naAction");
        PARAMS.put("reg-param", "regParam");
        PARAMS.put("elastic-net", "elasticNetParam");
        PARAMS.put("standardization", "standardization");
        PARAMS.put("weight-column", "weightCol");
        PARAMS.put("cluster-column", "clusterCol");
        PARAMS.put("covariance", "covariance");
        PARAMS.put("formula", "formula");
        PARAMS.put("max-iter", "maxIter");
        PARAMS.put("tol", "tol");
        PARAMS.put("grad-tol", "gradTol");
        PARAMS.put("optimizer", "optimizer");
        PARAMS.put("lbfgs-memory", "lbfgsMemory");
        PARAMS.put("aggregation-depth", "aggregationDepth");
        PARAMS.put("label-column", "labelCol");
    }

    private ParamTerms() {
    }

    /** The message in the estimator's terms. */
    static String words(String message) {
        if (message == null) {
            return null;
        }
        // A dataset's cells are missing only as nulls.
        Matcher m = FLAG.matcher(message.replace("(an empty cell, NA, a --na-values value or a null)", "(a null)"));
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String param = PARAMS.get(m.group(1));
            String replacement;
            if (param == null) {
                replacement = "the command line's --" + m.group(1) + (m.group(2) == null ? "" : " " + m.group(2));
            } else {
                replacement = m.group(2) == null ? param : param + "=\"" + m.group(2) + "\"";
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
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
