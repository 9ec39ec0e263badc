package org.bernoulli.spark;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.bernoulli.data.BadInputException;
import org.bernoulli.formula.ColumnKind;
import org.bernoulli.formula.Encoding;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import static org.apache.spark.sql.functions.col;

/**
 * A dataset's columns as a formula reads them: by their literal name — dots, spaces and backticks
 * included, none of them read as syntax — and by kind, from the schema (numbers, text, booleans).
 */
public final class Columns {

    private Columns() {
    }

    public static Column named(String name) {
        return col("`" + name.replace("`", "``") + "`");
    }

    /** The kind of each column a formula can read (numeric, string and boolean types), by name. */
    public static Map<String, ColumnKind> kinds(StructType schema) {
        Map<String, ColumnKind> kinds = new LinkedHashMap<>();
        for (StructField f : schema.fields()) {
            ColumnKind k = kindOf(f);
            if (k != null) {
                kinds.put(f.name(), k);
            }
        }
        return kinds;
    }

    private static ColumnKind kindOf(StructField f) {
        return f.dataType() instanceof NumericType ? ColumnKind.NUMBER
                : f.dataType() instanceof StringType ? ColumnKind.TEXT
                : f.dataType() instanceof BooleanType ? ColumnKind.BOOLEAN : null;
    }

    /**
     * Refuses data whose columns hold another kind than the model was trained on — a number column now
     * boolean or text, a text column now numbers — rather than converting them: the model's coefficients
     * mean what training's values meant.
     *
     * @param read  the columns scoring reads (present in the schema)
     * @param where the data, for the message
     * @throws BadInputException naming the column, its type here and its kind in training
     */
    public static void checkKinds(StructType schema, Encoding encoding, java.util.Collection<String> read,
                                  String where) {
        for (Encoding.Column c : encoding.columns()) {
            if (!read.contains(c.name()) || !java.util.Arrays.asList(schema.fieldNames()).contains(c.name())) {
                continue;
            }
            StructField f = schema.apply(c.name());
            ColumnKind here = kindOf(f);
            if (here != c.kind()) {
                throw new BadInputException(where + ": column '" + c.name() + "' has type "
                        + f.dataType().simpleString() + ", but the model was trained on " + describe(c.kind())
                        + " in it; values of another kind are not converted (cast the column, or score data of the "
                        + "training's types)");
            }
        }
    }

    /**
     * The column in which a text source (JSON, CSV or XML through Spark) puts a record it could not
     * parse — {@code _corrupt_record}, or the session's {@code spark.sql.columnNameOfCorruptRecord} —
     * when the data has one; else null. Its rows' other columns are null, which must not pass for
     * missing values: a malformed record is a bad record.
     */
    public static String corruptRecordColumn(org.apache.spark.sql.Dataset<?> df) {
        String name = df.sparkSession().conf().get("spark.sql.columnNameOfCorruptRecord", "_corrupt_record");
        for (StructField f : df.schema().fields()) {
            if ((f.name().equals(name) || f.name().equals("_corrupt_record")) && f.dataType() instanceof StringType) {
                return f.name();
            }
        }
        return null;
    }

    /** The reason of a malformed record, with its text (cut as every echoed value is). */
    public static String malformed(String record) {
        return "malformed record, not read by the source's parser: '" + org.bernoulli.data.Values.echo(record.strip())
                + "'";
    }

    private static String describe(ColumnKind kind) {
        return switch (kind) {
            case NUMBER -> "numbers";
            case TEXT -> "text";
            case BOOLEAN -> "booleans";
        };
    }
}
