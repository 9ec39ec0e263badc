package org.bernoulli.spark;

import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.bernoulli.data.LabeledRow;
import org.bernoulli.data.LineParser;
import org.bernoulli.data.RecordFormatException;
import scala.Tuple2;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Parses the (byte offset, line) records of one input split into examples, skipping blank and
 * comment lines and checking the header at offset 0 of each file. A line that does not parse
 * stops the task with a {@link BadRecordException} carrying the file and offset.
 */
final class ParsingIterator implements Iterator<LabeledRow> {
    private final String file;
    private final Iterator<Tuple2<LongWritable, Text>> lines;
    private final LineParser parser;
    private LabeledRow next;

    ParsingIterator(String file, Iterator<Tuple2<LongWritable, Text>> lines, LineParser parser) {
        this.file = file;
        this.lines = lines;
        this.parser = parser;
    }

    @Override
    public boolean hasNext() {
        while (next == null && lines.hasNext()) {
            Tuple2<LongWritable, Text> record = lines.next();
            long offset = record._1().get();
            String line = record._2().toString();
            try {
                if (offset == 0 && parser.hasHeader()) {
                    parser.checkHeader(line);
                } else if (!parser.isSkippable(line)) {
                    next = parser.parse(line);
                }
            } catch (RecordFormatException e) {
                throw new BadRecordException(file, offset, e.getMessage());
            }
        }
        return next != null;
    }

    @Override
    public LabeledRow next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        LabeledRow row = next;
        next = null;
        return row;
    }
}
