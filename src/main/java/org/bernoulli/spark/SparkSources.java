package org.bernoulli.spark;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.bernoulli.data.BadInputException;
import org.bernoulli.data.InputFormat;
import org.bernoulli.data.TableSource;
import org.bernoulli.data.UsageException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Opens a Spark source — a catalog table, or a path through a data source with its options — and
 * words what goes wrong in Bernoulli's terms, on one line, never cut off.
 *
 * <p>Parquet and ORC are read with {@code mergeSchema} unless the options say otherwise: every file's
 * schema is read, so files whose columns disagree in type are refused before any row is read (ORC
 * would otherwise convert the other files' cells to the first file's types, turning the text
 * {@code abc} of a double column into a null — a missing value — without a word), and a column that
 * some files lack is missing in their rows rather than dropped.
 */
public final class SparkSources {
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"");

    private SparkSources() {
    }

    /**
     * @param source the catalog table or the data source's name and options; null for the format's own reader
     * @throws BadInputException when the data cannot be read as asked (which file, what differs)
     * @throws UsageException    when a {@code READ_OPTION} value is refused (naming the option)
     */
    public static Dataset<Row> load(SparkSession spark, InputFormat format, TableSource source, String path) {
        TableSource s = source != null ? source
                : new TableSource(format.name().toLowerCase(Locale.ROOT), null, Map.of());
        Map<String, String> options = new LinkedHashMap<>(s.options());
        boolean merged = (s.name().equalsIgnoreCase("parquet") || s.name().equalsIgnoreCase("orc"))
                && options.keySet().stream().noneMatch(k -> k.equalsIgnoreCase("mergeSchema"));
        if (merged) {
            options.put("mergeSchema", "true");
        }
        try {
            if (format == InputFormat.TABLE) {
                return spark.table(s.table());
            }
            Dataset<Row> df = spark.read().format(s.name()).options(options).load(path);
            return withCorruptRecords(spark, df, s.name(), options, path);
        } catch (Exception e) { // AnalysisException is checked in Java's eyes but thrown all the same
            throw explain(spark, e, format, s, path);
        }
    }

    /**
     * A text source (JSON, CSV or XML through Spark) read with its inferred schema plus the column of
     * records it cannot parse, when inference did not add it — as it does not when it sampled
     * ({@code samplingRatio}) past the bad record: a cell that does not parse as its column's type
     * (the text {@code abc} of a double column) then makes its record a corrupt one rather than a null,
     * a missing value.
     */
    private static Dataset<Row> withCorruptRecords(SparkSession spark, Dataset<Row> df, String name,
                                                   Map<String, String> options, String path) {
        StructType schema = df.schema();
        if (!List.of("json", "csv", "xml").contains(name.toLowerCase(Locale.ROOT))) {
            return df;
        }
        String session = spark.conf().get("spark.sql.columnNameOfCorruptRecord", "_corrupt_record");
        String corrupt = options.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("columnNameOfCorruptRecord"))
                .map(Map.Entry::getValue).findFirst().orElse(session);
        Dataset<Row> read = java.util.Arrays.asList(schema.fieldNames()).contains(corrupt) ? df
                : spark.read().format(name).options(options).schema(schema.add(corrupt,
                        org.apache.spark.sql.types.DataTypes.StringType, true)).load(path);
        // Under the session's name, where the readers look for it (Columns.corruptRecordColumn).
        return corrupt.equals(session) ? read : read.withColumnRenamed(corrupt, session);
    }

    private static RuntimeException explain(SparkSession spark, Exception e, InputFormat format, TableSource s,
                                            String path) {
        String what = s.describe(path);
        String as = format == InputFormat.TABLE ? "a table" : s.name();
        String conflict = conflict(e);
        if (conflict != null) {
            return new BadInputException("cannot read " + what + " as " + as + ": its files do not share one schema: "
                    + conflict + filesOf(spark, s, path, e) + "; a column is read as one type (cast it in the "
                    + "files, or read them apart)", e);
        }
        for (Map.Entry<String, String> option : s.options().entrySet()) {
            if (!option.getValue().isEmpty() && mentions(e, option.getValue())) {
                return new UsageException("{READ_OPTION} " + option.getKey() + "=" + option.getValue() + ": the "
                        + s.name() + " source refuses this value (" + firstLine(rootMessage(e)) + ")");
            }
        }
        return new BadInputException("cannot read " + what + " as " + as + ": " + firstLine(rootMessage(e)), e);
    }

    /** "column 'x' is DOUBLE in some files and STRING in others", from Spark's merge failure; else null. */
    private static String conflict(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m == null || !m.contains("CANNOT_MERGE")) {
                continue;
            }
            Matcher types = Pattern.compile("incompatible data types \"([^\"]+)\" and \"([^\"]+)\"").matcher(m);
            Matcher schemas = QUOTED.matcher(m);
            List<String> quoted = new java.util.ArrayList<>();
            while (schemas.find()) {
                quoted.add(schemas.group(1));
            }
            if (quoted.size() >= 2 && quoted.get(0).startsWith("STRUCT<")) {
                Map<String, String> a = fields(quoted.get(0));
                Map<String, String> b = fields(quoted.get(1));
                for (Map.Entry<String, String> f : a.entrySet()) {
                    String other = b.get(f.getKey());
                    if (other != null && !other.equals(f.getValue())) {
                        return "column '" + f.getKey() + "' is " + f.getValue().toLowerCase(Locale.ROOT) + " in some "
                                + "files and " + other.toLowerCase(Locale.ROOT) + " in others";
                    }
                }
            }
            if (types.find()) {
                return "a column is " + types.group(1).toLowerCase(Locale.ROOT) + " in some files and "
                        + types.group(2).toLowerCase(Locale.ROOT) + " in others";
            }
        }
        return null;
    }

    /** The fields of Spark's {@code STRUCT<a: BIGINT, b: DOUBLE>} (top level), by name. */
    private static Map<String, String> fields(String struct) {
        Map<String, String> out = new LinkedHashMap<>();
        String body = struct.substring("STRUCT<".length(), struct.length() - 1);
        int depth = 0;
        int start = 0;
        for (int i = 0; i <= body.length(); i++) {
            char c = i < body.length() ? body.charAt(i) : ',';
            if (c == '<' || c == '(') {
                depth++;
            } else if (c == '>' || c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                String field = body.substring(start, i).strip();
                int colon = field.indexOf(':');
                if (colon > 0) {
                    out.put(field.substring(0, colon).strip().replace("`", ""), field.substring(colon + 1).strip()
                            .replaceFirst("(?i)\\s+NOT NULL$", ""));
                }
                start = i + 1;
            }
        }
        return out;
    }

    /**
     * The first two files whose schemas differ, read one by one (only on this error path, up to 1,000
     * files): ", e.g. FILE_A and FILE_B"; empty when they cannot be found.
     */
    private static String filesOf(SparkSession spark, TableSource s, String path, Exception e) {
        if (path == null) {
            return "";
        }
        try {
            Configuration conf = spark.sparkContext().hadoopConfiguration();
            List<FileStatus> files = InputFiles.list(conf, path);
            StructType first = null;
            String firstFile = null;
            for (FileStatus f : files.subList(0, Math.min(files.size(), 1000))) {
                StructType schema = spark.read().format(s.name()).load(f.getPath().toString()).schema();
                if (first == null) {
                    first = schema;
                    firstFile = f.getPath().toString();
                } else if (!sameTypes(first, schema)) {
                    return " (" + firstFile + " and " + f.getPath() + ")";
                }
            }
        } catch (RuntimeException ignored) {
            // the conflict is worded without its files
        }
        return "";
    }

    private static boolean sameTypes(StructType a, StructType b) {
        for (StructField f : a.fields()) {
            for (StructField g : b.fields()) {
                if (f.name().equals(g.name()) && !f.dataType().equals(g.dataType())) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean mentions(Throwable e, String value) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null) {
                Matcher q = QUOTED.matcher(m);
                while (q.find()) {
                    if (q.group(1).equals(value)) {
                        return true;
                    }
                }
                if (m.contains("'" + value + "'")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The message of the innermost cause that has one. */
    static String rootMessage(Throwable e) {
        String message = e.toString();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                message = t.getMessage();
            }
        }
        return message;
    }

    /** The first line that says something, without Spark's SQLSTATE suffix. */
    static String firstLine(String message) {
        String line = message.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse(message).strip();
        int state = line.indexOf(" SQLSTATE:");
        return state > 0 ? line.substring(0, state).strip() : line;
    }
}
