package org.bernoulli.data;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A setting a user chooses — what the command line calls an option and spark.ml a parameter — as the
 * core names it in a message: by a reference, {@code {TOL}} or, with a value, {@code {NA_ACTION=omit}},
 * which each door words in its own terms ({@link #render}): the command line as its flag
 * ({@code --tol}, {@code --na-action omit}), spark.ml and Python as the parameter ({@code tol},
 * {@code naAction="omit"}), and persisted or logged text of a run as its door asks. So the core
 * never spells one door's words, and a spark.ml user never reads a command-line flag.
 */
public enum Setting {
    AGGREGATION_DEPTH("the aggregation depth"),
    AT("where the marginal effects are also evaluated"),
    BAD_RECORDS("the bad-record policy"),
    CHECKPOINT_DIR("the checkpoint directory"),
    CHECKPOINT_EVERY("the checkpoint interval"),
    CLASS_WEIGHT("the class weights"),
    CLUSTER_COLUMN("the cluster column"),
    CONFIG("the configuration file"),
    COVARIANCE("the covariance"),
    CV("cross-validation"),
    CV_SEED("the cross-validation seed"),
    DATA("the data"),
    DROP1("the test of each term (drop1)"),
    ELASTIC_NET("the elastic-net mixing"),
    ENGINE("the engine"),
    FEATURE_COLUMNS("the feature columns"),
    FEATURE_NAMES("the feature names"),
    FEATURES_COLUMN("the features column"),
    FAMILY("the family"),
    FIRTH("Firth's bias reduction"),
    FORMAT("the input format"),
    FORMULA("the formula"),
    FROM("the source format"),
    GRAD_TOL("the gradient tolerance"),
    ID_COLUMN("the id column"),
    INPUT("the input"),
    JSON_LOG("the JSON progress log"),
    KEEP_COLUMNS("the columns kept"),
    LABEL_COLUMN("the label column"),
    LBFGS_MEMORY("the L-BFGS memory"),
    LOWER_BOUNDS("the lower bounds"),
    MARGINS("the average marginal effects"),
    MARGINS_AT("the marginal effects at the means"),
    MASTER("the Spark master"),
    MAX_ITER("the iteration limit"),
    MAX_LEVELS("the most levels a factor may have"),
    METRICS_OUT("the metrics file"),
    MODEL("the model directory"),
    NA_ACTION("the NA action"),
    NA_VALUES("the cells that mean missing"),
    NEGATIVE_SAMPLING_RATE("the negative-sampling rate"),
    NUM_FEATURES("the number of features"),
    OFFSET_COLUMN("the offset column"),
    OPTIMIZER("the optimizer"),
    OUTPUT("the output"),
    OUTPUT_FORMAT("the output format"),
    OVERWRITE("replacing an existing output"),
    PARTITIONS("the partitions"),
    PATH_MIN_RATIO("the path's smallest penalty ratio"),
    POSITIVE_LABEL("the positive label"),
    PROFILE_CI("the profile-likelihood intervals"),
    QUIET("quiet output"),
    READ_OPTION("the data source's option"),
    REFERENCE_CLASS("the reference class"),
    REG_PARAM("the penalty"),
    REG_PATH("the regularization path"),
    REPORT("the report"),
    RESUME("resuming"),
    STANDARDIZATION("the standardized penalty"),
    STATS("inference"),
    TABLE("the catalog table"),
    THRESHOLD("the probability threshold"),
    TO("the target format"),
    TOL("the objective tolerance"),
    UPPER_BOUNDS("the upper bounds"),
    WEIGHT_COLUMN("the weight column"),
    WITH_SE("the margins' standard errors");

    private static final Pattern REFERENCE = Pattern.compile("\\{([A-Z][A-Z0-9_]*)(?:=([^{}]*))?}");

    private final String phrase;

    Setting(String phrase) {
        this.phrase = phrase;
    }

    /** How a message names this setting: {@code {TOL}}. */
    public String ref() {
        return "{" + name() + "}";
    }

    /** How a message names this setting with a value: {@code {NA_ACTION=omit}}. */
    public String ref(Object value) {
        return "{" + name() + "=" + value + "}";
    }

    /** The setting in plain words ("the objective tolerance"), for a door that has no name for it. */
    public String phrase() {
        return phrase;
    }

    /** How a door names settings. */
    public interface Wording {
        /** The setting's name in this door's terms. */
        String name(Setting setting);

        /** The setting with a value, in this door's terms. */
        String withValue(Setting setting, String value);
    }

    /** Plain words, for text no door has worded (a test, a library call): "the NA action omit". */
    public static final Wording PLAIN = new Wording() {
        @Override
        public String name(Setting setting) {
            return setting.phrase;
        }

        @Override
        public String withValue(Setting setting, String value) {
            return setting.phrase + " " + value;
        }
    };

    /** The setting by its constant's name, or null for a name that is none. */
    public static Setting of(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * A message with every setting reference worded as {@code words} says; text that only looks like a
     * reference (braces around a name that is no setting) is left as it is. Null stays null.
     */
    public static String render(String message, Wording words) {
        if (message == null || message.indexOf('{') < 0) {
            return message;
        }
        Matcher m = REFERENCE.matcher(message);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Setting s = of(m.group(1));
            String worded = s == null ? m.group() : m.group(2) == null ? words.name(s) : words.withValue(s, m.group(2));
            m.appendReplacement(out, Matcher.quoteReplacement(worded));
        }
        m.appendTail(out);
        return out.toString();
    }
}
