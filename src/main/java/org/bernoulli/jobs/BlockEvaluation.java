package org.bernoulli.jobs;

import org.bernoulli.data.FeatureBlock;
import org.bernoulli.math.BlockReduction;
import org.bernoulli.report.DataEvaluation;
import org.bernoulli.stats.MarginTally;

/**
 * The evaluation of a model on its cached training blocks through the same seam as the passes:
 * one reduction computes every block's margins and tallies them ({@link MarginTally}), and the
 * exact areas are ranked on the driver from the merged margins — no Spark SQL plan, no sort job.
 * The numbers are {@link MarginEvaluation}'s (the same per-row formulas; sums compensated, so they
 * agree to about one rounding). The margins travel to the driver, 8 bytes per row, so this is for
 * data of at most {@link #MAX_ROWS} rows; larger data is ranked by {@link MarginEvaluation}'s
 * distributed sort.
 */
final class BlockEvaluation {

    /** Most rows evaluated this way: 32 MiB of margins on the driver. */
    static final long MAX_ROWS = 1L << 22;

    private BlockEvaluation() {
    }


    /**
     * @param blocks      the cached blocks, as the passes reduce them
     * @param packed      the model's coefficients, then its intercept
     * @param rows        how many rows the blocks hold, for the size of a partial result
     * @param description what the data is, shown on the page
     */
    static DataEvaluation evaluate(BlockReduction<FeatureBlock> blocks, double[] packed, long rows, String description,
                                   double threshold) {
        // Shared with every block: the packed coefficients (intercept last), and the margin cut. Plain
        // arrays, which every serializer Spark may be configured with moves (Kryo cannot build records).
        double[][] shared = {packed.clone(), {org.bernoulli.math.Logistic.logit(threshold)}};
        MarginTally tally = blocks.reduce("evaluate the model (log loss, AUC, calibration)", shared,
                64L * 1024 + 8 * rows, s -> new MarginTally(s[1][0]), BlockEvaluation::add, MarginTally::merge);
        MarginEvaluation.checkTotals(tally.rows(), tally.lossSum(), 0);
        return new DataEvaluation(description, tally.metrics(0, threshold), tally.histogram().counts());
    }

    private static MarginTally add(MarginTally tally, FeatureBlock block, double[][] shared) {
        double[] z = new double[block.rows()];
        block.margins(shared[0], z);
        for (int i = 0; i < z.length; i++) {
            tally.add(z[i], block.label(i));
        }
        return tally;
    }
}
