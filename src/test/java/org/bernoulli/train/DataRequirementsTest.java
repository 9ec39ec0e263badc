package org.bernoulli.train;

import org.bernoulli.data.BadInputException;
import org.bernoulli.data.BlockBuilder;
import org.bernoulli.data.FeatureStatistics;
import org.bernoulli.data.FeatureSummarizer;
import org.bernoulli.data.LabeledRow;
import org.bernoulli.inference.Aliasing;
import org.bernoulli.math.FeatureScaling;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What data must offer before a fit, said with counts. */
class DataRequirementsTest {

    private static FeatureStatistics stats(double[][] rows) {
        List<LabeledRow> list = new ArrayList<>();
        for (double[] r : rows) {
            list.add(new LabeledRow(r[0], r[1], new int[] {0}, new double[] {r[2]}));
        }
        FeatureSummarizer s = new FeatureSummarizer();
        BlockBuilder.blocks(list.iterator()).forEachRemaining(s::add);
        return s.result(1);
    }

    private static String refusal(double[][] rows) {
        return assertThrows(BadInputException.class,
                () -> DataRequirements.check(stats(rows), List.of("a"), "w", "input d.csv")).getMessage();
    }

    @Test
    void oneClassZeroWeightAndOverflowAreNamedWithCounts() {
        String one = refusal(new double[][] {{1, 1, 0.5}, {1, 2, 1.5}});
        assertTrue(one.contains("input d.csv has only one class") && one.contains("(2 rows with label 1, none with "
                + "label 0)"), one);
        String weightless = refusal(new double[][] {{1, 1, 0.5}, {0, 0, 1.5}, {0, 0, 2}});
        assertTrue(weightless.contains("(1 row with label 1, 2 with label 0, all of weight 0)"), weightless);
        String none = refusal(new double[][] {{1, 0, 0.5}, {0, 0, 1.5}});
        assertTrue(none.contains("all 2 rows have weight 0 in {WEIGHT_COLUMN} 'w'"), none);
        String overflow = refusal(new double[][] {{1, 1e154, 1}, {0, 1e154, 2}, {1, 1e154, 3}});
        assertTrue(overflow.contains("to more than the largest double"), overflow);
        String feature = refusal(new double[][] {{1, 1, 1e154}, {0, 1, -1e154}, {1, 1, 1.3e154}});
        assertTrue(feature.contains("weighted sums of feature 'a' overflow"), feature);
        assertDoesNotThrow(() -> DataRequirements.check(stats(new double[][] {{1, 1, 0.5}, {0, 1, 1.5}}), List.of("a"),
                null, "d"));
    }

    @Test
    void foldsNeedRowsAndBothClasses() {
        FeatureStatistics all = stats(new double[][] {{1, 1, 0.5}, {0, 1, 1.5}, {1, 1, 2}});
        String few = assertThrows(BadInputException.class, () -> DataRequirements.checkFoldCount(5, all)).getMessage();
        assertTrue(few.contains("{CV} 5 needs at least 5 rows") && few.contains("the data has 3"), few);
        // Fold 2 (the second) holds every row: fold 1 then has no held-out rows.
        FeatureStatistics everything = all;
        FeatureStatistics nothing = stats(new double[][] {{1, 0, 0.5}, {0, 0, 1.5}, {1, 0, 2}});
        String empty = assertThrows(BadInputException.class,
                () -> DataRequirements.checkFolds(List.of(everything, nothing), all)).getMessage();
        assertTrue(empty.contains("{CV} 2: fold 1 holds no rows of positive weight"), empty);
        FeatureStatistics onlyPositives = stats(new double[][] {{1, 1, 0.5}, {0, 0, 1.5}, {1, 1, 2}});
        FeatureStatistics onlyNegative = stats(new double[][] {{1, 0, 0.5}, {0, 1, 1.5}, {1, 0, 2}});
        String oneClass = assertThrows(BadInputException.class,
                () -> DataRequirements.checkFolds(List.of(onlyPositives, onlyNegative), all)).getMessage();
        assertTrue(oneClass.contains("the training rows of fold 1") && oneClass.contains("only one class")
                && oneClass.contains("2 with label 1, 0 with label 0"), oneClass);
    }

    /** No information about the intercept (no weight): the aliasing check names nothing and does not fail. */
    @Test
    void aliasingWithoutInterceptInformationDoesNotFail() {
        double[] information = new double[4];
        boolean[] aliased = Aliasing.find(information, FeatureScaling.identity(1));
        assertEquals(1, aliased.length);
        assertTrue(aliased[0], "a feature without information is not estimable");
    }
}
