package org.bernoulli.data;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ByteWordsTest {

    /** The mask a byte-by-byte comparison gives. */
    private static long expected(byte[] bytes, int at, byte sought) {
        long mask = 0;
        for (int k = 0; k < Long.BYTES; k++) {
            if (bytes[at + k] == sought) {
                mask |= 0x80L << (8 * k);
            }
        }
        return mask;
    }

    @Test
    void flagsExactlyTheBytesSoughtWhateverTheirNeighbours() {
        Random random = new Random(8);
        // Bytes around every sought value (c − 1, c, c + 1, 0, 0x80, 0xFF…) so that borrows and carries
        // between neighbouring bytes would show; the first byte of the array is also read at odd offsets.
        byte[] bytes = new byte[4096 + Long.BYTES + 7];
        for (int c = 0; c < 256; c++) {
            byte sought = (byte) c;
            byte[] near = {sought, (byte) (c - 1), (byte) (c + 1), 0, 1, (byte) 0x80, (byte) 0xFF, (byte) 0x7F};
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = random.nextInt(3) == 0 ? (byte) random.nextInt(256) : near[random.nextInt(near.length)];
            }
            long pattern = ByteWords.broadcast((char) c);
            for (int at = 0; at + Long.BYTES <= bytes.length; at++) {
                long word = ByteWords.word(bytes, at);
                assertEquals(expected(bytes, at, sought), ByteWords.equalBytes(word, pattern), "byte " + c + " at " + at);
                long high = 0;
                for (int k = 0; k < Long.BYTES; k++) {
                    high |= bytes[at + k] < 0 ? 0x80L << (8 * k) : 0;
                }
                assertEquals(high, word & ByteWords.HIGH_BITS);
            }
        }
    }

    @Test
    void theFirstFlaggedByteIsTheFirstInTheText() {
        byte[] text = "ab,cd,ef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        long commas = ByteWords.equalBytes(ByteWords.word(text, 0), ByteWords.broadcast(','));
        assertEquals(2, ByteWords.firstByte(commas));
        assertEquals(5, ByteWords.firstByte(commas & (commas - 1)));
        // A zero byte just below a 0x01 byte: the short formula's false positive, not this one's.
        byte[] tricky = {0, 1, 0, 1, 1, 0, 1, 1};
        assertEquals(expected(tricky, 0, (byte) 0), ByteWords.zeroBytes(ByteWords.word(tricky, 0)));
    }
}
