package org.bernoulli.jobs;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Rows of a few typed, nullable columns written to one Parquet file by Parquet's own writer, as
 * Spark would write them (snappy, optional fields; strings as UTF-8 binary): the driver engine's
 * output. One row is filled with the setters, then {@link #endRow()}; the row's arrays are reused,
 * so writing allocates nothing per row beyond the strings themselves.
 */
final class ParquetRowWriter implements AutoCloseable {

    /** A column's type. */
    public enum Kind { STRING, LONG, DOUBLE }

    /** A column: its name and type (always nullable). */
    public record Column(String name, Kind kind) {
    }

    private final List<Column> columns;
    private final Row row;
    private final ParquetWriter<Row> writer;

    /** The values of the row being filled. */
    private static final class Row {
        final double[] doubles;
        final long[] longs;
        final Binary[] strings;
        final boolean[] present;

        Row(int n) {
            doubles = new double[n];
            longs = new long[n];
            strings = new Binary[n];
            present = new boolean[n];
        }
    }

    /** Creates {@code file} (which must not exist) for rows of {@code columns}. */
    public ParquetRowWriter(Configuration conf, Path file, List<Column> columns) throws IOException {
        this.columns = List.copyOf(columns);
        this.row = new Row(columns.size());
        Types.MessageTypeBuilder schema = Types.buildMessage();
        for (Column c : columns) {
            switch (c.kind()) {
                case STRING -> schema.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType())
                        .named(c.name());
                case LONG -> schema.optional(PrimitiveTypeName.INT64).named(c.name());
                case DOUBLE -> schema.optional(PrimitiveTypeName.DOUBLE).named(c.name());
            }
        }
        MessageType type = schema.named("spark_schema");
        this.writer = new Builder(HadoopOutputFile.fromPath(file, conf), type, this.columns)
                .withConf(conf).withCompressionCodec(CompressionCodecName.SNAPPY).build();
    }

    public void setDouble(int column, double value) {
        row.doubles[column] = value;
        row.present[column] = true;
    }

    public void setLong(int column, long value) {
        row.longs[column] = value;
        row.present[column] = true;
    }

    /** A string, or null for none; {@code value} may be a shared, cached binary. */
    public void setString(int column, Binary value) {
        row.strings[column] = value;
        row.present[column] = value != null;
    }

    public void setString(int column, String value) {
        setString(column, value == null ? null : Binary.fromString(value));
    }

    /** Writes the row filled since the last call; unset columns are null. */
    public void endRow() throws IOException {
        writer.write(row);
        java.util.Arrays.fill(row.present, false);
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }

    private static final class Builder extends ParquetWriter.Builder<Row, Builder> {
        private final MessageType type;
        private final List<Column> columns;

        Builder(HadoopOutputFile file, MessageType type, List<Column> columns) {
            super(file);
            this.type = type;
            this.columns = columns;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<Row> getWriteSupport(Configuration conf) {
            return new Support(type, columns);
        }
    }

    private static final class Support extends WriteSupport<Row> {
        private final MessageType type;
        private final List<Column> columns;
        private RecordConsumer consumer;

        Support(MessageType type, List<Column> columns) {
            this.type = type;
            this.columns = columns;
        }

        @Override
        public WriteContext init(Configuration configuration) {
            return new WriteContext(type, Map.of());
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
            this.consumer = recordConsumer;
        }

        @Override
        public void write(Row r) {
            consumer.startMessage();
            for (int i = 0; i < columns.size(); i++) {
                if (!r.present[i]) {
                    continue;
                }
                String name = columns.get(i).name();
                consumer.startField(name, i);
                switch (columns.get(i).kind()) {
                    case STRING -> consumer.addBinary(r.strings[i]);
                    case LONG -> consumer.addLong(r.longs[i]);
                    case DOUBLE -> consumer.addDouble(r.doubles[i]);
                }
                consumer.endField(name, i);
            }
            consumer.endMessage();
        }
    }
}
