package org.bernoulli.stats;

import java.util.Map;

/** A model's metrics on labelled data: of two classes ({@link BinaryClassificationMetrics}) or more ({@link MulticlassMetrics}). */
public sealed interface Metrics permits BinaryClassificationMetrics, MulticlassMetrics {

    /** The metrics under their JSON names (an undefined ratio is null). */
    Map<String, Object> toMap();
}
