package org.bernoulli.stats;

import java.util.Arrays;

/**
 * Doubles put in ascending order by their bits: a least-significant-digit radix sort, in the order
 * {@link Arrays#sort(double[])} gives (−0.0 before 0.0, NaN last), so the exact areas see the same
 * sequence either way — only sooner, since the work is a fixed few passes over the data instead of
 * about log₂ n comparisons per element.
 *
 * <p><b>Keys.</b> A double's bits b, read as an unsigned integer, order the non-negative doubles
 * ascending and the negative ones descending. Flipping the sign bit of a non-negative double and
 * every bit of a negative one gives keys whose unsigned order is the numeric order, and the map is
 * its own kind of inverse, so the sorted keys decode to exactly the input values. NaN is read as
 * its one canonical pattern ({@link Double#doubleToLongBits}), above +∞.
 *
 * <p><b>Passes.</b> Six digits of 11 bits (2,048 counters, within a core's first cache), each a
 * stable scatter between two arrays; the counts of every digit come from one scan first, and a digit
 * that all keys share (the high bits of margins of similar size) is skipped.
 */
final class DoubleRadixSort {

    private static final int DIGIT_BITS = 11;
    private static final int DIGITS = (Long.SIZE + DIGIT_BITS - 1) / DIGIT_BITS;
    private static final int BUCKETS = 1 << DIGIT_BITS;
    private static final int MASK = BUCKETS - 1;
    /** Below this many values a comparison sort is as quick and needs no key arrays. */
    static final int SMALLEST = 4096;

    private DoubleRadixSort() {
    }

    /** Sorts {@code values[0, count)} ascending, as {@link Arrays#sort(double[], int, int)} orders them. */
    static void sort(double[] values, int count) {
        if (count < SMALLEST) {
            Arrays.sort(values, 0, count);
            return;
        }
        long[] keys = new long[count];
        int[][] counts = new int[DIGITS][BUCKETS];
        for (int i = 0; i < count; i++) {
            long key = key(values[i]);
            keys[i] = key;
            for (int d = 0; d < DIGITS; d++) {
                counts[d][(int) (key >>> (d * DIGIT_BITS)) & MASK]++;
            }
        }
        long[] from = keys;
        long[] to = new long[count];
        int[] start = new int[BUCKETS];
        for (int d = 0; d < DIGITS; d++) {
            int[] digitCounts = counts[d];
            int shift = d * DIGIT_BITS;
            if (digitCounts[(int) (from[0] >>> shift) & MASK] == count) {
                continue; // every key has this digit: the pass would not move anything
            }
            int offset = 0;
            for (int b = 0; b < BUCKETS; b++) {
                start[b] = offset;
                offset += digitCounts[b];
            }
            for (int i = 0; i < count; i++) {
                long key = from[i];
                to[start[(int) (key >>> shift) & MASK]++] = key;
            }
            long[] swap = from;
            from = to;
            to = swap;
        }
        for (int i = 0; i < count; i++) {
            values[i] = value(from[i]);
        }
    }

    /** The key whose unsigned order is the numeric order of {@code x}. */
    static long key(double x) {
        long bits = Double.doubleToLongBits(x);
        return bits ^ ((bits >> 63) | Long.MIN_VALUE);
    }

    /** The double whose {@link #key} is {@code key}. */
    static double value(long key) {
        // The key's top bit is set exactly for the non-negative doubles, whose sign bit alone was flipped.
        long bits = key < 0 ? key ^ Long.MIN_VALUE : ~key;
        return Double.longBitsToDouble(bits);
    }
}
