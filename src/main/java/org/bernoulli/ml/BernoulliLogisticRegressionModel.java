package org.bernoulli.ml;

import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.classification.ProbabilisticClassificationModel;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWriter;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.bernoulli.math.Logistic;
import org.bernoulli.model.LogisticModel;
import org.bernoulli.model.ModelJson;
import scala.Option;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A fitted {@link BernoulliLogisticRegression}: a {@code Transformer} that writes, like MLlib's
 * binary logistic regression, {@code rawPrediction} = (−z, z) with z = b + w·x, {@code probability} =
 * (σ(−z), σ(z)) — each computed on its own side, so a tiny probability keeps its relative precision —
 * and {@code prediction} at {@code threshold}-free argmax (probability ≥ ½ ⇔ z ≥ 0). Saved as
 * Spark's standard metadata plus the Bernoulli model (data/model.json).
 */
public final class BernoulliLogisticRegressionModel
        extends ProbabilisticClassificationModel<Vector, BernoulliLogisticRegressionModel> implements MLWritable {
    private static final long serialVersionUID = 1L;

    private final String uid;
    private final double intercept;
    private final double[] coefficients;
    private final transient LogisticModel model;

    BernoulliLogisticRegressionModel(String uid, LogisticModel model) {
        this(ConstructionUid.stash(uid), model, true);
    }

    private BernoulliLogisticRegressionModel(String uid, LogisticModel model, boolean stashed) {
        this.uid = uid; // see ConstructionUid: the superclass constructor already asked for it
        ConstructionUid.clear();
        this.model = model;
        this.intercept = model.intercept();
        this.coefficients = model.coefficients().clone();
    }

    @Override
    public String uid() {
        return uid != null ? uid : ConstructionUid.current();
    }

    /** The Bernoulli model (intercept, coefficients, provenance); null on executors. */
    public LogisticModel model() {
        return model;
    }

    public double intercept() {
        return intercept;
    }

    public Vector coefficients() {
        return Vectors.dense(coefficients.clone());
    }

    @Override
    public int numClasses() {
        return 2;
    }

    @Override
    public int numFeatures() {
        return coefficients.length;
    }

    /** z = b + Σⱼ wⱼxⱼ, summed in feature order starting from the intercept. */
    private double margin(Vector features) {
        if (features.size() != coefficients.length) {
            throw new IllegalArgumentException("features has " + features.size() + " values; the model has "
                    + coefficients.length + " features");
        }
        double z = intercept;
        if (features instanceof DenseVector dense) {
            double[] x = dense.values();
            for (int j = 0; j < x.length; j++) {
                z += coefficients[j] * x[j];
            }
        } else {
            double[] x = features.toArray();
            for (int j = 0; j < x.length; j++) {
                z += coefficients[j] * x[j];
            }
        }
        return z;
    }

    @Override
    public Vector predictRaw(Vector features) {
        double z = margin(features);
        return Vectors.dense(-z, z);
    }

    @Override
    public Vector raw2probabilityInPlace(Vector rawPrediction) {
        double[] v = ((DenseVector) rawPrediction).values();
        double z = v[1];
        v[0] = Logistic.sigmoid(-z);
        v[1] = Logistic.sigmoid(z);
        return rawPrediction;
    }

    @Override
    public BernoulliLogisticRegressionModel copy(ParamMap extra) {
        return copyValues(new BernoulliLogisticRegressionModel(uid, model), extra).setParent(parent());
    }

    /**
     * Java sees this method twice in MLlib's class hierarchy (with generic return types that differ
     * only in their type argument); the raw override resolves the clash and keeps MLlib's behaviour.
     */
    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public scala.Tuple3 findSummaryModel() {
        return super.findSummaryModel();
    }

    @Override
    public MLWriter write() {
        return new Writer(this);
    }

    public static MLReader<BernoulliLogisticRegressionModel> read() {
        return new Reader();
    }

    public static BernoulliLogisticRegressionModel load(String path) {
        return read().load(path);
    }

    private static final class Writer extends MLWriter {
        private final BernoulliLogisticRegressionModel instance;

        Writer(BernoulliLogisticRegressionModel instance) {
            this.instance = instance;
        }

        @Override
        public void saveImpl(String path) {
            DefaultParamsWriter.saveMetadata(instance, path, sparkSession(), Option.empty(), Option.empty());
            Path file = new Path(new Path(path, "data"), "model.json");
            try {
                FileSystem fs = file.getFileSystem(sparkSession().sparkContext().hadoopConfiguration());
                try (FSDataOutputStream out = fs.create(file, true)) {
                    out.write(ModelJson.write(instance.model).getBytes(StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                throw new IllegalStateException("writing " + file + " failed: " + e.getMessage(), e);
            }
        }
    }

    private static final class Reader extends MLReader<BernoulliLogisticRegressionModel> {
        @Override
        public BernoulliLogisticRegressionModel load(String path) {
            DefaultParamsReader.Metadata metadata = DefaultParamsReader.loadMetadata(path, sparkSession(),
                    BernoulliLogisticRegressionModel.class.getName());
            Path file = new Path(new Path(path, "data"), "model.json");
            LogisticModel model;
            try {
                FileSystem fs = file.getFileSystem(sparkSession().sparkContext().hadoopConfiguration());
                try (InputStream in = fs.open(file)) {
                    model = ModelJson.read(new String(in.readAllBytes(), StandardCharsets.UTF_8), file.toString());
                }
            } catch (IOException e) {
                throw new IllegalStateException("reading " + file + " failed: " + e.getMessage(), e);
            }
            BernoulliLogisticRegressionModel instance = new BernoulliLogisticRegressionModel(metadata.uid(), model);
            metadata.getAndSetParams(instance, Option.empty());
            return instance;
        }
    }
}
