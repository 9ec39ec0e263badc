package org.bernoulli.jobs;

import org.bernoulli.jobs.ParquetRowWriter.Kind;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The columns scoring writes — name, type and meaning declared here once, for Spark's select, the
 * driver's Parquet writer, the quarantine and the check that an id or kept column does not take a
 * name the output writes itself. {@link #ID} and {@link #KEPT} carry the input's own names.
 */
enum ScoredColumn {
    ID(null, Kind.STRING, "the input's id column, under its own name (instead of the source columns)"),
    SOURCE_FILE("source_file", Kind.STRING, "the file the row was read from"),
    SOURCE_LINE("source_line", Kind.LONG, "the row's line in its file, from 1 (text input)"),
    SOURCE_ROW("source_row", Kind.LONG, "the row's position in its file, from 1 (Spark's sources)"),
    LABEL("label", Kind.DOUBLE, "the row's label coded 0/1, when the input has labels"),
    MARGIN("margin", Kind.DOUBLE, "z = b + w·x (+ offset)"),
    PROBABILITY("probability", Kind.DOUBLE, "σ(z), the probability of class 1"),
    PREDICTION("prediction", Kind.DOUBLE, "1 when the probability reaches the threshold, else 0"),
    MARGIN_SE("margin_se", Kind.DOUBLE, "the margin's standard error √(x̃ᵀI⁻¹x̃), with a covariance"),
    PROBABILITY_LOW("probability_low", Kind.DOUBLE, "σ(z − 1.96·se): the 95% Wald interval's low end"),
    PROBABILITY_HIGH("probability_high", Kind.DOUBLE, "σ(z + 1.96·se): its high end"),
    /** A model of more than two classes: the row's class, when the input has labels. */
    CLASS_LABEL("label", Kind.STRING, "the row's class, when the input has labels"),
    /** A model of more than two classes: one per class, {@code probability_CLASS}. */
    CLASS_PROBABILITY("probability_", Kind.DOUBLE, "P(y = CLASS | x), one column per class"),
    /** A model of more than two classes: the most probable class. */
    CLASS_PREDICTION("prediction", Kind.STRING, "the most probable class (the first of equals, the reference first)"),
    /** A model of more than two classes, with a covariance: one per non-reference class, {@code margin_CLASS}. */
    CLASS_MARGIN("margin_", Kind.DOUBLE, "ηₖ = bₖ + wₖ·x, the log-odds of CLASS against the reference class"),
    /** A model of more than two classes, with a covariance: {@code margin_se_CLASS}. */
    CLASS_MARGIN_SE("margin_se_", Kind.DOUBLE, "the standard error of ηₖ, √(x̃ᵀVₖx̃) with Vₖ its parameters' covariance"),
    KEPT(null, Kind.STRING, "a column kept from the input, under its own name"),
    /** Quarantine only: why the row was rejected. */
    REASON("reason", Kind.STRING, "why the row was rejected"),
    /** Quarantine only: the rejected line as read (text input). */
    LINE("line", Kind.STRING, "the rejected line as read");

    private final String columnName;
    private final Kind kind;
    private final String meaning;

    ScoredColumn(String name, Kind kind, String meaning) {
        this.columnName = name;
        this.kind = kind;
        this.meaning = meaning;
    }

    /** The fixed name (for a column per class, the prefix of its names), or null for {@link #ID} and {@link #KEPT}. */
    String fixedName() {
        return columnName;
    }

    Kind kind() {
        return kind;
    }

    String meaning() {
        return meaning;
    }

    /** How a message names a position: "line" or "row". */
    String positionWord() {
        return columnName.substring("source_".length());
    }

    /** The names the scoring output writes itself, which an id or kept column must not take. */
    static final Set<String> OUTPUT_NAMES = Arrays.stream(values())
            .filter(c -> c.columnName != null && c != REASON && c != LINE && !c.perClass())
            .map(c -> c.columnName).collect(Collectors.toUnmodifiableSet());

    /** Whether there is one such column per class (its name the prefix and the class). */
    boolean perClass() {
        return this == CLASS_PROBABILITY || this == CLASS_MARGIN || this == CLASS_MARGIN_SE;
    }

    /** The names the scoring output of a model of {@code classes} writes itself (null: a binary model). */
    static Set<String> outputNames(List<String> classes) {
        if (classes == null) {
            return OUTPUT_NAMES;
        }
        return output(null, SOURCE_LINE, true, true, List.of(), classes).stream().map(Slot::name)
                .collect(Collectors.toUnmodifiableSet());
    }

    /**
     * One column of an output: what it holds and the name it is written under.
     *
     * @param index for {@link #KEPT}, its index among the kept columns; for a column per class, the
     *              class's index (the reference is 0); else −1
     */
    record Slot(ScoredColumn column, String name, int index) {
    }

    /**
     * The scoring output's columns, in order: the id (or the source file and position), the label,
     * margin, probability and prediction, the standard error and the interval, the kept columns.
     *
     * @param idColumn the input's id column, or null to identify rows by source
     * @param position {@link #SOURCE_LINE} or {@link #SOURCE_ROW}
     */
    static List<Slot> output(String idColumn, ScoredColumn position, boolean hasLabel, boolean withStandardErrors,
                             List<String> keep) {
        return output(idColumn, position, hasLabel, withStandardErrors, keep, null);
    }

    /**
     * The same for a model of {@code classes} (null: a binary model): for more than two, the row's
     * class, a probability per class and the most probable class, then with standard errors each
     * non-reference class's margin and its standard error.
     */
    static List<Slot> output(String idColumn, ScoredColumn position, boolean hasLabel, boolean withStandardErrors,
                             List<String> keep, List<String> classes) {
        List<Slot> out = new ArrayList<>();
        if (idColumn != null) {
            out.add(new Slot(ID, idColumn, -1));
        } else {
            out.add(fixed(SOURCE_FILE));
            out.add(fixed(position));
        }
        if (classes != null) {
            if (hasLabel) {
                out.add(fixed(CLASS_LABEL));
            }
            for (int k = 0; k < classes.size(); k++) {
                out.add(ofClass(CLASS_PROBABILITY, classes, k));
            }
            out.add(fixed(CLASS_PREDICTION));
            if (withStandardErrors) {
                for (ScoredColumn c : List.of(CLASS_MARGIN, CLASS_MARGIN_SE)) {
                    for (int k = 1; k < classes.size(); k++) {
                        out.add(ofClass(c, classes, k));
                    }
                }
            }
        } else {
            if (hasLabel) {
                out.add(fixed(LABEL));
            }
            for (ScoredColumn c : List.of(MARGIN, PROBABILITY, PREDICTION)) {
                out.add(fixed(c));
            }
            if (withStandardErrors) {
                for (ScoredColumn c : List.of(MARGIN_SE, PROBABILITY_LOW, PROBABILITY_HIGH)) {
                    out.add(fixed(c));
                }
            }
        }
        for (int k = 0; k < keep.size(); k++) {
            out.add(new Slot(KEPT, keep.get(k), k));
        }
        return out;
    }

    private static Slot ofClass(ScoredColumn c, List<String> classes, int k) {
        return new Slot(c, c.columnName + classes.get(k), k);
    }

    /** The quarantine's columns: where the rejected row was, why, and its text. */
    static List<Slot> quarantine(ScoredColumn position) {
        return List.of(fixed(SOURCE_FILE), fixed(position), fixed(REASON), fixed(LINE));
    }

    private static Slot fixed(ScoredColumn c) {
        return new Slot(c, c.columnName, -1);
    }
}
