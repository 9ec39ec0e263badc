package org.bernoulli.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.bernoulli.data.BlockBuilder;
import org.bernoulli.data.FeatureBlock;
import org.bernoulli.data.LabeledRow;
import org.bernoulli.data.SparseColumnMatrix;
import org.bernoulli.data.SparseRowMatrix;
import org.bernoulli.math.BlockDataLoss;
import org.bernoulli.testing.Datasets;
import org.junit.jupiter.api.Test;
import scala.reflect.ClassTag$;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Under spark.serializer = Kryo (as conf/spark-defaults.conf configures it) every block layout and
 * rows survive a round trip with the registrator: the same losses, bit for bit.
 */
class KryoRegistrationTest {

    @Test
    void everyBlockLayoutAndRowsRoundTripThroughKryo() {
        SerializerInstance kryo = new KryoSerializer(new SparkConf()
                .set("spark.kryo.registrator", KryoRegistration.class.getName())).newInstance();
        List<LabeledRow> rows = Datasets.randomRows(new Random(3), 300, 9, 0.3, true);
        List<FeatureBlock> blocks = new ArrayList<>(BlockBuilder.blocks(rows, 100));
        blocks.addAll(BlockBuilder.blocks(Datasets.randomRows(new Random(4), 200, 9, 1.0, true), 100));
        FeatureBlock sparse = BlockBuilder.blocks(rows, 300).get(0);
        blocks.add(new FeatureBlock(sparse.labels(), sparse.weights(), sparse.offsets(),
                SparseColumnMatrix.of((SparseRowMatrix) sparse.matrix())));
        List<FeatureBlock> copies = new ArrayList<>();
        for (FeatureBlock b : blocks) {
            copies.add(kryo.deserialize(kryo.serialize(b, ClassTag$.MODULE$.apply(FeatureBlock.class)),
                    ClassTag$.MODULE$.apply(FeatureBlock.class)));
        }
        double[] packed = {0.1, -0.2, 0.3, 0.05, 0, 0.2, -0.1, 0.4, 0.1, -0.3};
        assertEquals(BlockDataLoss.inMemory(blocks, 9).evaluate(packed).meanLoss(),
                BlockDataLoss.inMemory(copies, 9).evaluate(packed).meanLoss(), 0.0);
        LabeledRow row = rows.get(0);
        LabeledRow copy = kryo.deserialize(kryo.serialize(row, ClassTag$.MODULE$.apply(LabeledRow.class)),
                ClassTag$.MODULE$.apply(LabeledRow.class));
        assertArrayEquals(row.values(), copy.values(), 0.0);
        assertArrayEquals(row.indices(), copy.indices());
    }

    /**
     * The training report's partial result travels as a Spark task result, which Kryo serializes when
     * configured: a tally survives the round trip with the same metrics and counts.
     */
    @Test
    void theEvaluationTallyRoundTripsThroughKryo() {
        SerializerInstance kryo = new KryoSerializer(new SparkConf()
                .set("spark.kryo.registrator", KryoRegistration.class.getName())).newInstance();
        org.bernoulli.stats.MarginTally tally = new org.bernoulli.stats.MarginTally(0.0);
        Random random = new Random(5);
        for (int i = 0; i < 500; i++) {
            tally.add(random.nextGaussian() * 3, random.nextBoolean() ? 1 : 0);
        }
        org.bernoulli.stats.MarginTally copy = kryo.deserialize(kryo.serialize(tally,
                ClassTag$.MODULE$.apply(org.bernoulli.stats.MarginTally.class)),
                ClassTag$.MODULE$.apply(org.bernoulli.stats.MarginTally.class));
        assertEquals(tally.metrics(0, 0.5), copy.metrics(0, 0.5));
        assertArrayEquals(tally.histogram().counts().positives(), copy.histogram().counts().positives());
        double[][] shared = {{0.1, -0.2}, {0.0}};
        double[][] sharedCopy = kryo.deserialize(kryo.serialize(shared, ClassTag$.MODULE$.apply(double[][].class)),
                ClassTag$.MODULE$.apply(double[][].class));
        assertArrayEquals(shared[0], sharedCopy[0], 0.0);
    }

    /**
     * The sums of marginal effects travel as task results carrying the model's design (records, which
     * Kryo's field serializer cannot write): with the registrator they round-trip to the same effects.
     */
    @Test
    void theSumsOfMarginalEffectsRoundTripThroughKryo() throws Exception {
        SerializerInstance kryo = new KryoSerializer(new SparkConf()
                .set("spark.kryo.registrator", KryoRegistration.class.getName())).newInstance();
        org.bernoulli.data.InputSpec spec = new org.bernoulli.data.InputSpec("src/data/formula/infert.csv",
                org.bernoulli.data.InputFormat.CSV, 0, "label", List.of(), null, 0, null, null,
                new org.bernoulli.data.FormulaOptions("case ~ age * parity + education + ns(spontaneous, df = 2)", "fail",
                        List.of(), null, org.bernoulli.data.FormulaOptions.DEFAULT_MAX_LEVELS));
        org.bernoulli.formula.Design design;
        try (org.bernoulli.local.LocalTrainingData data = org.bernoulli.local.LocalTextReader.read(spec)) {
            design = data.frame().design();
        }
        double[] packed = new double[design.numFeatures() + 1];
        for (int j = 0; j < packed.length; j++) {
            packed[j] = 0.01 * (j + 1);
        }
        org.bernoulli.margins.MarginSums sums = org.bernoulli.local.LocalTextReader.margins(spec,
                new org.bernoulli.margins.MarginSums(design, new double[][] {packed}, true, true));
        org.bernoulli.margins.MarginSums copy = kryo.deserialize(kryo.serialize(sums,
                ClassTag$.MODULE$.apply(org.bernoulli.margins.MarginSums.class)),
                ClassTag$.MODULE$.apply(org.bernoulli.margins.MarginSums.class));
        double[] covariance = new double[packed.length * packed.length];
        for (int j = 0; j < packed.length; j++) {
            covariance[j * packed.length + j] = 1.0;
        }
        assertEquals(org.bernoulli.margins.MarginalEffects.of(sums, covariance),
                org.bernoulli.margins.MarginalEffects.of(copy, covariance));
    }
}
