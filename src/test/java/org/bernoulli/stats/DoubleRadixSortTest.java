package org.bernoulli.stats;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class DoubleRadixSortTest {

    /** Values that test the key's every case: signs, zeros, infinities, NaN, subnormals, ties, extremes. */
    private static double edgeCase(Random random) {
        return switch (random.nextInt(12)) {
            case 0 -> 0.0;
            case 1 -> -0.0;
            case 2 -> Double.POSITIVE_INFINITY;
            case 3 -> Double.NEGATIVE_INFINITY;
            case 4 -> Double.NaN;
            case 5 -> Double.MIN_VALUE * random.nextInt(1000) * (random.nextBoolean() ? 1 : -1);
            case 6 -> Double.MAX_VALUE * (random.nextBoolean() ? 1 : -1);
            case 7 -> Math.round(random.nextGaussian() * 4) / 4.0; // many ties
            default -> random.nextGaussian() * Math.pow(10, random.nextInt(40) - 20);
        };
    }

    @Test
    void ordersEveryDoubleExactlyAsArraysSortDoes() {
        Random random = new Random(29);
        for (int n : new int[] {0, 1, 7, DoubleRadixSort.SMALLEST - 1, DoubleRadixSort.SMALLEST, 50_000, 200_003}) {
            double[] values = new double[n + 5];
            for (int i = 0; i < values.length; i++) {
                values[i] = edgeCase(random);
            }
            double[] expected = values.clone();
            Arrays.sort(expected, 0, n);
            DoubleRadixSort.sort(values, n);
            // assertArrayEquals on doubles compares bits: −0.0 ≠ 0.0, NaN = NaN; the tail is untouched.
            assertArrayEquals(expected, values, "n = " + n);
        }
    }

    @Test
    void sortsMarginsOfOneSizeWhoseHighDigitsAllAgree() {
        // Margins in [1, 2): every key shares its top bits, so those passes are skipped.
        Random random = new Random(4);
        double[] values = new double[100_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = 1 + random.nextDouble();
        }
        double[] expected = values.clone();
        Arrays.sort(expected);
        DoubleRadixSort.sort(values, values.length);
        assertArrayEquals(expected, values);
        double[] same = new double[DoubleRadixSort.SMALLEST * 2];
        Arrays.fill(same, -3.5);
        DoubleRadixSort.sort(same, same.length);
        assertArrayEquals(new double[same.length], Arrays.stream(same).map(v -> v + 3.5).toArray());
    }

    @Test
    void keysOrderAsTheNumbersAndDecodeToTheirBits() {
        double[] ascending = {Double.NEGATIVE_INFINITY, -Double.MAX_VALUE, -1.0, -Double.MIN_VALUE, -0.0, 0.0,
                Double.MIN_VALUE, 1.0, Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NaN};
        for (int i = 0; i < ascending.length; i++) {
            long key = DoubleRadixSort.key(ascending[i]);
            assertEquals(Double.doubleToLongBits(ascending[i]), Double.doubleToLongBits(DoubleRadixSort.value(key)));
            if (i > 0) {
                assertEquals(1, Long.compareUnsigned(key, DoubleRadixSort.key(ascending[i - 1])), ascending[i] + "");
            }
        }
    }
}
