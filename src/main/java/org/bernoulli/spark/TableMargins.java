package org.bernoulli.spark;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.bernoulli.data.BadInputException;
import org.bernoulli.data.InputSpec;
import org.bernoulli.data.Values;
import org.bernoulli.formula.Design;
import org.bernoulli.margins.MarginSums;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The sums of the average marginal effects over a Spark table (Parquet, ORC, JSON, a catalog table):
 * the design's columns selected in its order, each partition's rows added to a fresh
 * {@link MarginSums}, the partitions' sums merged on the driver in partition order (so a run is
 * repeatable to the last bit).
 */
public final class TableMargins {

    private TableMargins() {
    }

    public static MarginSums sums(SparkSession spark, InputSpec spec, MarginSums zero) {
        return sums(FormulaDataReader.load(spark, spec), spec.source().describe(spec.path()), zero);
    }

    /** @param where the data, for messages ("the spark.ml dataset") */
    public static MarginSums sums(Dataset<Row> df, String where, MarginSums zero) {
        Design design = zero.design();
        List<String> columns = Arrays.asList(df.columns());
        java.util.Set<String> read = new java.util.HashSet<>(design.featureColumnNames());
        List<Column> select = new ArrayList<>();
        for (String c : design.columns()) {
            if (columns.contains(c)) {
                select.add(Columns.named(c));
            } else if (c.equals(design.responseColumn())) {
                select.add(org.apache.spark.sql.functions.lit(null).as(c)); // an effect needs no response
            } else {
                throw new BadInputException(where + ": no column '" + c + "', which the model's formula "
                        + "uses; the columns are " + Values.echo(columns));
            }
        }
        Columns.checkKinds(df.schema(), design.encoding(), read, where);
        List<MarginSums> parts = df.select(select.toArray(new Column[0])).javaRDD().mapPartitions(rows -> {
            MarginSums sums = zero.zero();
            SparkRowCells cells = new SparkRowCells();
            while (rows.hasNext()) {
                sums.add(cells.reset(rows.next()));
            }
            return List.of(sums).iterator();
        }).collect();
        MarginSums total = zero.zero();
        parts.forEach(total::merge);
        return total;
    }
}
