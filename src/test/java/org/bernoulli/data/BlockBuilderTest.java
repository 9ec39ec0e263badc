package org.bernoulli.data;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class BlockBuilderTest {

    /** A row of {@code count} values: dense, mostly zero, or all zero, with −0.0 among the zeros. */
    private static double[] row(Random random, int count, int kind) {
        double[] v = new double[count];
        for (int j = 0; j < count; j++) {
            double zeroShare = kind == 0 ? 0.1 : kind == 1 ? 0.8 : 1.0;
            v[j] = random.nextDouble() < zeroShare ? (random.nextBoolean() ? 0.0 : -0.0) : random.nextGaussian();
        }
        if (kind == 3 && count > 2) {
            v[count - 1] = 0.0; // the last features zero in every row of such a block: a narrower block
            v[count - 2] = 0.0;
        }
        return v;
    }

    private static void assertSameBlock(FeatureBlock expected, FeatureBlock got, String what) {
        assertArrayEquals(expected.labels(), got.labels(), what);
        assertArrayEquals(expected.weights(), got.weights(), what);
        assertArrayEquals(expected.offsets(), got.offsets(), what);
        assertEquals(expected.matrix().getClass(), got.matrix().getClass(), what);
        assertEquals(expected.width(), got.width(), what);
        if (expected.matrix() instanceof DenseMatrix e && got.matrix() instanceof DenseMatrix g) {
            assertArrayEquals(e.values(), g.values(), what);
        } else if (expected.matrix() instanceof SparseRowMatrix e && got.matrix() instanceof SparseRowMatrix g) {
            assertArrayEquals(e.rowStart(), g.rowStart(), what);
            assertArrayEquals(e.indices(), g.indices(), what);
            assertArrayEquals(e.values(), g.values(), what);
        }
    }

    @Test
    void wholeRowsMakeTheBlocksTheirNonZerosMake() {
        // Rows given whole (the byte parser's way) and by their non-zeros (every other reader's): the same
        // blocks, dense or sparse, whatever the mix of rows, including a row given the other way mid-block.
        Random random = new Random(5);
        for (int kind = 0; kind < 4; kind++) {
            for (boolean mixed : new boolean[] {false, true}) {
                int count = 7;
                BlockBuilder whole = new BlockBuilder(50);
                BlockBuilder sparse = new BlockBuilder(50);
                List<FeatureBlock> a = new ArrayList<>();
                List<FeatureBlock> b = new ArrayList<>();
                for (int i = 0; i < 173; i++) {
                    double[] v = row(random, count, kind);
                    double label = random.nextInt(2);
                    double weight = random.nextDouble();
                    double offset = i % 3 == 0 ? random.nextGaussian() : 0.0;
                    List<Integer> idx = new ArrayList<>();
                    for (int j = 0; j < count; j++) {
                        if (v[j] != 0.0) {
                            idx.add(j);
                        }
                    }
                    int[] indices = idx.stream().mapToInt(Integer::intValue).toArray();
                    double[] values = idx.stream().mapToDouble(j -> v[j]).toArray();
                    if (mixed && i % 17 == 5) {
                        whole.add(new LabeledRow(label, weight, indices, values, offset));
                    } else {
                        whole.add(label, weight, offset, v.clone(), count);
                    }
                    sparse.add(new LabeledRow(label, weight, indices, values, offset));
                    if (whole.isFull()) {
                        a.add(whole.build());
                    }
                    if (sparse.isFull()) {
                        b.add(sparse.build());
                    }
                }
                a.add(whole.build());
                b.add(sparse.build());
                assertEquals(b.size(), a.size());
                for (int k = 0; k < a.size(); k++) {
                    assertSameBlock(b.get(k), a.get(k), "kind " + kind + (mixed ? ", mixed" : "") + ", block " + k);
                }
            }
        }
    }
}
