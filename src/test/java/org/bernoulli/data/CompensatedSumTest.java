package org.bernoulli.data;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CompensatedSumTest {

    @Test
    void keepsWhatPlainSummationLoses() {
        CompensatedSum s = new CompensatedSum();
        double plain = 0;
        for (double x : new double[] {1e16, 1.0, -1e16, 1.0}) {
            s.add(x);
            plain += x;
        }
        assertEquals(2.0, s.value(), 0.0);
        assertEquals(1.0, plain, 0.0, "plain summation loses the first 1.0 (this shows what is at stake)");
    }

    @Test
    void mergedPartialSumsEqualOneSequentialSum() {
        java.util.Random r = new java.util.Random(7);
        double[] xs = new double[10_000];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = r.nextGaussian() * Math.pow(10, r.nextInt(12) - 6);
        }
        CompensatedSum all = new CompensatedSum();
        for (double x : xs) {
            all.add(x);
        }
        for (int parts : new int[] {2, 7, 64}) {
            CompensatedSum merged = new CompensatedSum();
            for (int p = 0; p < parts; p++) {
                CompensatedSum part = new CompensatedSum();
                for (int i = p; i < xs.length; i += parts) {
                    part.add(xs[i]);
                }
                merged.add(part);
            }
            assertEquals(all.value(), merged.value(), Math.ulp(all.value()) * 2, parts + " parts");
        }
    }
}
