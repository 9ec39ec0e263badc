package org.bernoulli.spark;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Line numbers from byte offsets: LF, CR and CRLF each end one line, across read buffers too. */
class InputFilesTest {

    @Test
    void everyLineEndIsCountedOnce(@TempDir Path dir) throws IOException {
        Configuration conf = new Configuration();
        // 70,000 lines with mixed ends: the 64 KiB read buffer ends between a CR and its LF somewhere.
        StringBuilder text = new StringBuilder();
        String[] ends = {"\n", "\r", "\r\n"};
        long[] starts = new long[70_001];
        for (int line = 1; line <= 70_000; line++) {
            starts[line] = text.length();
            text.append("line").append(line).append(ends[line % 3]);
        }
        Path file = Files.writeString(dir.resolve("mixed.txt"), text, StandardCharsets.US_ASCII);
        for (int line : new int[] {1, 2, 3, 4, 5000, 13107, 13108, 69999, 70000}) {
            assertEquals(line, InputFiles.lineNumberAt(conf, file.toString(), starts[line]), "line " + line);
        }
        // Every buffer boundary, wherever it falls.
        for (int line = 1; line <= 70_000; line++) {
            if (starts[line] / 65536 != (starts[line] + 9) / 65536) {
                assertEquals(line, InputFiles.lineNumberAt(conf, file.toString(), starts[line]));
                assertEquals(line + 1, InputFiles.lineNumberAt(conf, file.toString(), starts[line + 1]));
            }
        }
    }
}
