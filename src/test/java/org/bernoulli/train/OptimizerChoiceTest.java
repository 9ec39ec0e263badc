package org.bernoulli.train;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What {@code --optimizer auto} picks, by width and by the values rows store. */
class OptimizerChoiceTest {

    @Test
    void autoPicksNewtonWhereAHessianPassIsCheapPerRow() {
        OptimizerChoice auto = OptimizerChoice.AUTO;
        assertEquals(OptimizerChoice.NEWTON, auto.resolve(64, false, 64));
        assertEquals(OptimizerChoice.LBFGS, auto.resolve(65, false, 65), "65 dense features");
        assertEquals(OptimizerChoice.NEWTON, auto.resolve(106, false, 9), "a formula's factors: 9 values per row");
        assertEquals(OptimizerChoice.NEWTON, auto.resolve(1024, false, 64));
        assertEquals(OptimizerChoice.LBFGS, auto.resolve(1025, false, 9), "too wide for the driver's Cholesky");
        assertEquals(OptimizerChoice.LBFGS, auto.resolve(500, false, 65));
        assertEquals(OptimizerChoice.OWLQN, auto.resolve(100_000, true, 50));
        assertEquals(OptimizerChoice.NEWTON, auto.resolve(100, true, 9), "proximal Newton with an L1 penalty");
        assertEquals(OptimizerChoice.TRON, OptimizerChoice.TRON.resolve(10, false, 1), "a named choice stands");
        assertEquals(OptimizerChoice.LBFGS, auto.resolve(100, false), "without a row density: dense");
    }
}
