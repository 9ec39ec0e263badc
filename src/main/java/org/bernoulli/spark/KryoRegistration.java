package org.bernoulli.spark;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.serializers.JavaSerializer;
import org.apache.spark.serializer.KryoRegistrator;
import org.bernoulli.data.DenseMatrix;
import org.bernoulli.data.FeatureBlock;
import org.bernoulli.data.LabeledRow;
import org.bernoulli.data.SparseColumnMatrix;
import org.bernoulli.data.SparseRowMatrix;

/**
 * Lets Spark's Kryo serializer move Bernoulli's records (cached blocks that spill to disk, rows,
 * collected blocks). Kryo's default field serializer writes fields by reflection, which Java does not
 * allow for the final fields of records; Java serialization, which goes through the canonical
 * constructor, does. The sums of marginal effects travel as task results with the model's design
 * (records) inside. The records are a few large primitive arrays, so its overhead is small.
 * Configured as {@code spark.kryo.registrator} in {@code conf/spark-defaults.conf} and by
 * {@link SparkSessions} for embedded runs.
 */
public final class KryoRegistration implements KryoRegistrator {

    @Override
    public void registerClasses(Kryo kryo) {
        for (Class<?> record : new Class<?>[] {FeatureBlock.class, DenseMatrix.class, SparseRowMatrix.class,
                SparseColumnMatrix.class, org.bernoulli.data.Folds.FoldedBlock.class, org.bernoulli.math.FoldRequest.class,
                LabeledRow.class, org.bernoulli.margins.MarginSums.class}) {
            kryo.register(record, new JavaSerializer());
        }
    }
}
