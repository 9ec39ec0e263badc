package org.bernoulli.jobs;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;

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
        UDF1<scala.collection.Seq<Object>, Double> se = values -> {
            if (values == null) {
                return null;
            }
            double[] c = matrix.value();
            int n = (int) Math.round(Math.sqrt(c.length));
            int d = n - 1;
            if (values.length() != d) {
                return null;
            }
            double[] x = new double[d];
            for (int j = 0; j < d; j++) {
                Object v = values.apply(j);
                if (v == null) {
                    return null;
                }
                x[j] = ((Number) v).doubleValue();
            }
            return quadraticFormRoot(c, x);
        };
        UserDefinedFunction f = udf(se, DataTypes.DoubleType).withName("bernoulli_margin_se");
        return f.apply(features);
    }

    /** √(x̃ᵀ C x̃) for C in packed order, x̃ = (x, 1). */
    static double quadraticFormRoot(double[] c, double[] x) {
        int d = x.length;
        int n = d + 1;
        double q = c[d * n + d];
        for (int j = 0; j < d; j++) {
            double xj = x[j];
            if (xj == 0.0) {
                continue;
            }
            double t = 2 * c[j * n + d];
            for (int k = 0; k < d; k++) {
                t += c[j * n + k] * x[k];
            }
            q += xj * t;
        }
        return Math.sqrt(Math.max(q, 0.0));
    }
}
