package org.bernoulli.ml;

import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.bernoulli.data.LabeledRow;
import org.bernoulli.data.RecordFormatException;
import org.bernoulli.spark.BadRowException;
import org.bernoulli.spark.SourceRows;

import java.util.List;
import java.util.stream.IntStream;

/**
 * A row of the estimator's dataset — label, features vector, weight and, with clusterCol, the
 * cluster — as a training row, checked as the command line checks a file's rows: a null, a label
 * other than 0/1, a negative or non-finite weight and a non-finite feature are bad rows named by the
 * param and, where the dataset comes from files, the file and row.
 *
 * @param labelCol    the label column's name
 * @param featuresCol the features column's name
 * @param weightCol   the weight column's name, or empty
 * @param clusterCol  the cluster column's name, or empty
 * @param location    the index of the row's file among its fields (its position follows)
 * @param classes     the classes the labels index: 2 (labels 0 or 1), or K (labels 0, 1, …, K − 1)
 */
record VectorRows(String labelCol, String featuresCol, String weightCol, String clusterCol, int location,
                  int classes) implements java.io.Serializable {

    LabeledRow toRow(Row r, SourceRows.Numbering numbering) {
        String file = r.isNullAt(location) ? null : r.getString(location);
        Long row = numbering.rowOf(file, r.isNullAt(location + 1) ? null : r.getLong(location + 1));
        try {
            return parse(r);
        } catch (RecordFormatException e) {
            throw new BadRowException(SourceRows.describe(file, row, "the dataset"), e.getMessage());
        }
    }

    private LabeledRow parse(Row r) {
        if (r.isNullAt(0)) {
            throw new RecordFormatException("labelCol '" + labelCol + "' is null");
        }
        if (r.isNullAt(1)) {
            throw new RecordFormatException("featuresCol '" + featuresCol + "' is null");
        }
        if (r.isNullAt(2)) {
            throw new RecordFormatException("weightCol '" + weightCol + "' is null");
        }
        double y = r.getDouble(0);
        if (classes == 2 && y != 0.0 && y != 1.0) {
            throw new RecordFormatException("labelCol '" + labelCol + "' is " + y + "; expected 0 or 1");
        }
        if (classes > 2 && (y != Math.rint(y) || y < 0 || y >= classes)) {
            throw new RecordFormatException("labelCol '" + labelCol + "' is " + y + "; expected a class index 0, 1, "
                    + "…, " + (classes - 1));
        }
        double weight = r.getDouble(2);
        if (!(weight >= 0) || Double.isInfinite(weight)) {
            throw new RecordFormatException("weightCol '" + weightCol + "' is " + weight + "; expected a finite "
                    + "number >= 0");
        }
        String cluster = null;
        if (!clusterCol.isEmpty()) {
            if (r.isNullAt(3)) {
                throw new RecordFormatException("clusterCol '" + clusterCol + "' is null; every row needs its cluster");
            }
            cluster = r.getString(3);
        }
        Vector v = r.getAs(1);
        int[] indices;
        double[] values;
        if (v instanceof SparseVector s) {
            indices = s.indices().clone();
            values = s.values().clone();
        } else {
            double[] dense = ((DenseVector) v).values();
            indices = IntStream.range(0, dense.length).filter(j -> dense[j] != 0.0).toArray();
            values = new double[indices.length];
            for (int k = 0; k < indices.length; k++) {
                values[k] = dense[indices[k]];
            }
        }
        for (int k = 0; k < values.length; k++) {
            if (!Double.isFinite(values[k])) {
                throw new RecordFormatException("featuresCol '" + featuresCol + "' holds " + values[k] + " at index "
                        + indices[k] + "; expected finite numbers");
            }
        }
        return new LabeledRow(y, weight, indices, values, 0.0, cluster);
    }

    /**
     * The classes a labelCol of class indices holds: 2 under {@code family = "binomial"}, else one more than
     * its largest label when that is above 1 (as MLlib counts them), else 2.
     */
    static int classes(org.apache.spark.sql.Dataset<?> dataset, String labelCol, String f) {
        if (f.equals("binomial")) {
            return 2;
        }
        Row max = dataset.agg(org.apache.spark.sql.functions.max(org.apache.spark.sql.functions.col(labelCol)
                .cast("double"))).first();
        double largest = max.isNullAt(0) ? 0 : max.getDouble(0);
        if (largest <= 1 && f.equals("multinomial")) {
            throw new org.bernoulli.data.BadInputException("family \"multinomial\" needs labels of three classes or "
                    + "more; labelCol '" + labelCol + "' holds at most " + largest);
        }
        if (largest > 1 && (largest != Math.rint(largest) || largest > 65_535)) {
            throw new org.bernoulli.data.BadInputException("labelCol '" + labelCol + "' holds " + largest + "; a "
                    + "multinomial label is a class index 0, 1, ..., K-1");
        }
        return largest <= 1 ? 2 : (int) largest + 1;
    }

    /**
     * The names of a features vector's slots from its ML attributes — what VectorAssembler and
     * RFormula write — or {@code features[j]} where a slot has none.
     */
    static List<String> featureNames(StructType schema, String featuresCol, int d) {
        List<String> names = new java.util.ArrayList<>();
        org.apache.spark.ml.attribute.AttributeGroup group =
                org.apache.spark.ml.attribute.AttributeGroup.fromStructField(schema.apply(featuresCol));
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int j = 0; j < d; j++) {
            String name = null;
            if (group.attributes().isDefined() && j < group.attributes().get().length) {
                scala.Option<String> n = group.attributes().get()[j].name();
                name = n.isDefined() && !n.get().isEmpty() ? n.get() : null;
            }
            if (name == null || !seen.add(name)) {
                name = "features[" + j + "]";
            }
            names.add(name);
        }
        return names;
    }

}
