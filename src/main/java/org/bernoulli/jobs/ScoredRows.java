package org.bernoulli.jobs;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

import java.util.List;

/**
 * The rows an input to be scored yields, the same whatever its format: for every input row its
 * source ({@value #FILE}, {@value #POSITION}), its label ({@value #LABEL}, null when the input has
 * none), its margin z = b + w·x ({@value #MARGIN}, null when the row cannot be scored) and the reason
 * it cannot ({@value #REASON}), its text ({@value #RAW}, text inputs), then the margin's standard
 * error ({@value #MARGIN_SE}) when asked for, the id and the kept columns. Scoring, evaluation and
 * reports read these columns; the readers of each format write them.
 */
final class ScoredRows {
    static final String FILE = "__file";
    static final String POSITION = "__position";
    static final String LABEL = "__label";
    static final String MARGIN = "__margin";
    static final String REASON = "__reason";
    static final String RAW = "__raw";
    static final String ID = "__id";
    /** Standard error of the margin, when a covariance is given. */
    static final String MARGIN_SE = "__margin_se";

    /**
     * The column of the k-th linear predictor's margin: {@value #MARGIN} for the first (a binary
     * model's only one), {@code __margin_2}, … for the other non-reference classes of a model of more.
     */
    static String margin(int k) {
        return k == 0 ? MARGIN : MARGIN + "_" + (k + 1);
    }

    /** The column of the k-th margin's standard error. */
    static String marginSe(int k) {
        return k == 0 ? MARGIN_SE : MARGIN_SE + "_" + (k + 1);
    }

    /**
     * The columns after {@link #baseFields()} that hold the scores beyond the first margin: its
     * standard error (when asked for), then the other predictors' margins, then their standard errors.
     */
    static List<StructField> scoreFields(int predictors, boolean withStandardErrors) {
        List<StructField> out = new java.util.ArrayList<>();
        if (withStandardErrors) {
            out.add(DataTypes.createStructField(MARGIN_SE, DataTypes.DoubleType, true));
        }
        for (int k = 1; k < predictors; k++) {
            out.add(DataTypes.createStructField(margin(k), DataTypes.DoubleType, true));
        }
        if (withStandardErrors) {
            for (int k = 1; k < predictors; k++) {
                out.add(DataTypes.createStructField(marginSe(k), DataTypes.DoubleType, true));
            }
        }
        return out;
    }

    /**
     * Writes a scored row's margins and standard errors into {@code values}: the first margin at
     * {@value #MARGIN}'s place, the rest in the {@link #scoreFields} after the base fields.
     *
     * @return the index after the score fields
     */
    static int putScores(Object[] values, org.bernoulli.math.RowMargins margins) {
        values[3] = margins.margin(0);
        int at = baseFields().size();
        boolean se = margins.withStandardErrors();
        if (se) {
            values[at++] = margins.standardError(0);
        }
        for (int k = 1; k < margins.count(); k++) {
            values[at++] = margins.margin(k);
        }
        if (se) {
            for (int k = 1; k < margins.count(); k++) {
                values[at++] = margins.standardError(k);
            }
        }
        return at;
    }
    private ScoredRows() {
    }

    /**
     * An input read into these rows.
     *
     * @param rows         the rows, with the columns above and the kept columns by name
     * @param hasLabel     whether the input has labels
     * @param idColumn     the id column's name, or null when rows are identified by source
     * @param position     what {@value #POSITION} means: {@link ScoredColumn#SOURCE_LINE} or
     *                     {@link ScoredColumn#SOURCE_ROW}
     * @param keepColumns  kept column names
     */
    record Prepared(Dataset<Row> rows, boolean hasLabel, String idColumn, ScoredColumn position,
                    List<String> keepColumns) {
    }

    /**
     * σ(z) evaluated on the side where the exponential cannot overflow, so that probabilities near
     * 0 keep their full relative precision (no 1 − p cancellation).
     */
    static org.apache.spark.sql.Column probability(org.apache.spark.sql.Column z) {
        return org.apache.spark.sql.functions.when(z.geq(0), org.apache.spark.sql.functions.lit(1.0).divide(
                org.apache.spark.sql.functions.lit(1.0).plus(org.apache.spark.sql.functions.exp(
                        org.apache.spark.sql.functions.negate(z)))))
                .otherwise(org.apache.spark.sql.functions.exp(z).divide(org.apache.spark.sql.functions.lit(1.0)
                        .plus(org.apache.spark.sql.functions.exp(z))));
    }

    /** The columns every input has, in order: file, position, label, margin, reason, raw text. */
    static List<StructField> baseFields() {
        return List.of(
                DataTypes.createStructField(FILE, DataTypes.StringType, false),
                DataTypes.createStructField(POSITION, DataTypes.LongType, true),
                DataTypes.createStructField(LABEL, DataTypes.DoubleType, true),
                DataTypes.createStructField(MARGIN, DataTypes.DoubleType, true),
                DataTypes.createStructField(REASON, DataTypes.StringType, true),
                DataTypes.createStructField(RAW, DataTypes.StringType, true));
    }
}
