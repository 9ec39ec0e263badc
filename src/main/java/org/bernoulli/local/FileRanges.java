package org.bernoulli.local;

import org.bernoulli.data.ByteWords;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain local file cut into byte ranges that each begin where a line begins, so that each range can
 * be parsed by a thread of its own: a cut moves forward to just past the next line end (LF, CR or CRLF,
 * never between the CR and the LF of one end). Line-end bytes never occur inside a UTF-8 sequence, so
 * no cut splits a character; and the lines of the ranges, in order, are the lines of the file, as
 * {@link LocalFiles#forEachLine} reads them.
 */
final class FileRanges {
    private static final long LF = ByteWords.broadcast('\n');
    private static final long CR = ByteWords.broadcast('\r');

    /** The bytes {@code [start, end)} of a file. */
    record Range(long start, long end) {
        Range {
            if (start < 0 || end < start) {
                throw new IllegalArgumentException("not a byte range: [" + start + ", " + end + ")");
            }
        }
    }

    private FileRanges() {
    }

    /** The file cut into ranges of about {@code target} bytes (more when a line runs past a cut). */
    static List<Range> of(Path file, long target) throws IOException {
        List<Range> ranges = new ArrayList<>();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            long start = 0;
            while (start < size) {
                long end = size - start <= target ? size : lineStartFrom(channel, start + target, size);
                ranges.add(new Range(start, end));
                start = end;
            }
        }
        return ranges;
    }

    /** The first position at or after {@code position} where a line begins; the size when none does. */
    static long lineStartFrom(FileChannel channel, long position, long size) throws IOException {
        ByteBuffer window = ByteBuffer.allocate(1 << 16);
        // From the byte before the candidate: a line begins after LF, and after a CR not followed by LF.
        for (long at = position - 1; at < size; ) {
            window.clear();
            int n = channel.read(window, at);
            if (n <= 0) {
                return size;
            }
            for (int i = 0; i < n; i++) {
                byte b = window.get(i);
                if (b == '\n') {
                    return at + i + 1;
                }
                if (b == '\r') {
                    long next = at + i + 1;
                    return next < size && byteAt(channel, window, at, n, next) == '\n' ? next + 1 : next;
                }
            }
            at += n;
        }
        return size;
    }

    private static byte byteAt(FileChannel channel, ByteBuffer window, long windowStart, int filled, long position)
            throws IOException {
        if (position < windowStart + filled) {
            return window.get((int) (position - windowStart));
        }
        ByteBuffer one = ByteBuffer.allocate(1);
        channel.read(one, position);
        return one.get(0);
    }

    /** A line as its bytes: {@code bytes[start, end)}, without its line break, valid until this returns. */
    interface ByteLineSink {
        void line(long number, byte[] bytes, int start, int end) throws IOException;
    }

    /**
     * The lines of one range of a file as bytes, numbered from 1 within the range: ended by LF, CR or
     * CRLF, a last line without an end included, as {@link java.io.BufferedReader#readLine} ends them —
     * with no string made of a line.
     */
    static void forEachLine(Path file, Range range, ByteLineSink sink) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            byte[] buffer = new byte[1 << 20];
            int filled = 0; // bytes in the buffer
            int from = 0; // where the current line starts in the buffer
            long position = range.start();
            long number = 0;
            boolean afterCr = false; // the previous line ended at a CR: an LF next is part of its end
            boolean eof = false;
            while (true) {
                int scan = from;
                // Lines complete in the buffer; eight bytes at a time up to the next line end.
                for (int i = scan; i < filled; i++) {
                    if (i + Long.BYTES <= filled) {
                        long word = ByteWords.word(buffer, i);
                        long ends = ByteWords.equalBytes(word, LF) | ByteWords.equalBytes(word, CR);
                        if (ends == 0) {
                            afterCr = false;
                            i += Long.BYTES - 1;
                            continue;
                        }
                        int skip = ByteWords.firstByte(ends);
                        if (skip > 0) {
                            afterCr = false;
                            i += skip;
                        }
                    }
                    byte b = buffer[i];
                    if (b == '\n' || b == '\r') {
                        if (afterCr && b == '\n' && i == from) {
                            afterCr = false;
                            from = i + 1;
                            continue;
                        }
                        sink.line(++number, buffer, from, i);
                        afterCr = b == '\r';
                        from = i + 1;
                    } else {
                        afterCr = false;
                    }
                }
                if (eof) {
                    if (from < filled) {
                        sink.line(++number, buffer, from, filled);
                    }
                    return;
                }
                // Keep the partial line, growing the buffer for a line longer than it.
                int partial = filled - from;
                if (partial == buffer.length) {
                    buffer = java.util.Arrays.copyOf(buffer, buffer.length * 2);
                } else if (from > 0) {
                    System.arraycopy(buffer, from, buffer, 0, partial);
                }
                from = 0;
                filled = partial;
                int want = (int) Math.min(buffer.length - filled, range.end() - position);
                int n = want == 0 ? -1 : channel.read(ByteBuffer.wrap(buffer, filled, want), position);
                if (n < 0) {
                    eof = true;
                } else {
                    position += n;
                    filled += n;
                }
            }
        }
    }
}
