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
 * stops the task with a {@link BadRecordException} carrying the file and offset — and the line
 * number itself when the split starts the file, so that its lines are counted here (a compressed
 * file is always read whole, see {@link TextInput}). A file that cannot be read to its end stops
 * it with an {@link UnreadableFileException} naming the file.
 */
final class ParsingIterator implements Iterator<LabeledRow> {
    private final String file;
    private final Iterator<Tuple2<LongWritable, Text>> lines;
    private final LineParser parser;
    /** Lines read so far, when the split starts at the file's first line; −1 when it does not. */
    private long lineNumber;
    private final java.util.ArrayDeque<LabeledRow> pending = new java.util.ArrayDeque<>();
    private final java.util.function.Consumer<LabeledRow> sink = pending::add;

    /** @param splitStart the byte where the split starts: 0 for a file's first (or only) split */
    ParsingIterator(String file, long splitStart, Iterator<Tuple2<LongWritable, Text>> lines, LineParser parser) {
        this.file = file;
        this.lines = lines;
        this.parser = parser;
        this.lineNumber = splitStart == 0 ? 0 : -1;
    }

    @Override
    public boolean hasNext() {
        while (pending.isEmpty() && TextInput.hasNext(file, lines)) {
            Tuple2<LongWritable, Text> record = lines.next();
            long offset = record._1().get();
            String line = record._2().toString();
            if (lineNumber >= 0) {
                lineNumber++;
            }
            try {
                parser.read(offset == 0, line, sink);
            } catch (RecordFormatException e) {
                throw new BadRecordException(file, offset, Math.max(lineNumber, 0), e.getMessage());
            }
        }
        return !pending.isEmpty();
    }

    @Override
    public LabeledRow next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return pending.poll();
    }
}
