package org.bernoulli.jobs;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;
import org.bernoulli.math.MarginScorer;

import static org.apache.spark.sql.functions.udf;

/**
 * The standard error of the margin of a row, √(x̃ᵀ I⁻¹ x̃) with x̃ = (x, 1), as a Spark column over
 * an array of the row's features. I⁻¹ ((d+1)² doubles, packed order: features, then intercept) is
 * broadcast once rather than shipped with every task. A row with a missing feature gets null; such
 * rows are rejected by the margin's own checks.
 */
final class MarginStandardError {

    private MarginStandardError() {
    }

    static Column column(SparkSession spark, double[] covariance, Column features) {
        Broadcast<double[]> matrix = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(covariance);
        return udf(new OfFeatures(matrix), DataTypes.DoubleType).withName("bernoulli_margin_se").apply(features);
    }

    /** The function itself: one {@link MarginScorer} per deserialized copy, that is per task. */
    private static final class OfFeatures implements UDF1<scala.collection.Seq<Object>, Double> {
        private static final long serialVersionUID = 1L;
        private final Broadcast<double[]> matrix;
        private transient MarginScorer scorer;

        OfFeatures(Broadcast<double[]> matrix) {
            this.matrix = matrix;
        }

        @Override
        public Double call(scala.collection.Seq<Object> values) {
            if (values == null) {
                return null;
            }
            if (scorer == null) {
                double[] c = matrix.value();
                int d = (int) Math.round(Math.sqrt(c.length)) - 1;
                // Only the standard error is read: the margin comes from the generated expression.
                scorer = new MarginScorer(new double[d], 0.0, c);
            }
            if (values.length() != scorer.numFeatures()) {
                return null;
            }
            scorer.start();
            for (int j = 0; j < scorer.numFeatures(); j++) {
                Object v = values.apply(j);
                if (v == null) {
                    return null;
                }
                scorer.accept(j, ((Number) v).doubleValue());
            }
            return scorer.standardError();
        }
    }
}
