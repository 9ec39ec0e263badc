package org.bernoulli.data;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** A line without quotes is split as univocity (Spark's CSV parser) splits it, blanks and empty cells alike. */
class CsvLineSplitterTest {

    @Test
    void unquotedLinesSplitAsUnivocitySplitsThem() {
        Random random = new Random(7);
        char[] alphabet = {'a', '1', '.', '-', 'e', ' ', '\t', ',', ',', 'é', '\u00a0', 'x', '0'};
        CsvLineSplitter splitter = new CsvLineSplitter(8);
        for (int n = 0; n < 50_000; n++) {
            StringBuilder line = new StringBuilder();
            for (int i = 1 + random.nextInt(30); i > 0; i--) {
                line.append(alphabet[random.nextInt(alphabet.length)]);
            }
            String text = line.toString();
            assertArrayEquals(splitter.byUnivocity(text), CsvLineSplitter.splitUnquoted(text), "'" + text + "'");
            assertArrayEquals(splitter.byUnivocity(text), splitter.split(text), "'" + text + "'");
        }
        for (String text : new String[] {",", ",,", "a,", ",a", " , ", "1,2,3", "  ", "a, b ,c"}) {
            assertArrayEquals(splitter.byUnivocity(text), splitter.split(text), "'" + text + "'");
        }
    }
}
