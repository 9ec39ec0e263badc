package org.bernoulli.ml;

import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;
import org.bernoulli.data.LabeledRow;
import org.bernoulli.data.RecordFormatException;
import org.bernoulli.spark.BadRowException;
import org.bernoulli.spark.SourceRows;

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
}
