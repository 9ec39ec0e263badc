package org.bernoulli.data;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Eight bytes of text examined at once: the scans for line ends and cell separators read a
 * {@code long} of bytes and learn from a few integer operations which of them, if any, is the byte
 * sought, so that most of a line is passed over eight bytes per step instead of one.
 *
 * <p>A word holds bytes {@code b[i] … b[i+7]} with {@code b[i]} in its lowest byte (little-endian), so
 * the lowest flagged byte of a mask is the first one in the text: its index is
 * {@code numberOfTrailingZeros(mask) / 8}.
 *
 * <p>{@link #zeroBytes} is exact per byte: for each byte y of v, {@code (y & 0x7F) + 0x7F} has its high
 * bit set exactly when the low seven bits of y are not all zero, and never carries into the next
 * byte; or-ing y itself adds the case of the high bit. So a byte of the result is 0x80 exactly where
 * v's byte is zero — unlike the shorter {@code (v − 0x01…) & ~v & 0x80…}, which can also flag a 0x01
 * byte above a zero one.
 */
public final class ByteWords {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long LOW_SEVEN = 0x7F7F7F7F7F7F7F7FL;
    /** The high bit of every byte: also the mask of the bytes of a word that are not ASCII. */
    public static final long HIGH_BITS = 0x8080808080808080L;

    private ByteWords() {
    }

    /** The eight bytes {@code bytes[at, at + 8)}, the first in the lowest byte. */
    public static long word(byte[] bytes, int at) {
        return (long) LONGS.get(bytes, at);
    }

    /** {@code c} in every byte of a word. */
    public static long broadcast(char c) {
        return (c & 0xFFL) * 0x0101010101010101L;
    }

    /** 0x80 in each byte of {@code word} that equals the byte {@code broadcast} repeats, 0 elsewhere. */
    public static long equalBytes(long word, long broadcast) {
        return zeroBytes(word ^ broadcast);
    }

    /** 0x80 in each zero byte of {@code v}, 0 elsewhere. */
    static long zeroBytes(long v) {
        return ~(((v & LOW_SEVEN) + LOW_SEVEN) | v | LOW_SEVEN);
    }

    /** The index within its word of the first flagged byte of a non-zero mask. */
    public static int firstByte(long mask) {
        return Long.numberOfTrailingZeros(mask) >>> 3;
    }
}
