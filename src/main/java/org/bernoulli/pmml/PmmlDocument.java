package org.bernoulli.pmml;

import org.bernoulli.data.UsageException;
import org.bernoulli.files.AtomicFile;
import org.bernoulli.files.FileStore;
import org.bernoulli.formula.ColumnKind;
import org.bernoulli.formula.Design;
import org.bernoulli.formula.DesignColumn;
import org.bernoulli.formula.Encoding;
import org.bernoulli.formula.Expr;
import org.bernoulli.model.FittedModel;
import org.w3c.dom.Element;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fitted model as a PMML 4.4 document (the Data Mining Group's Predictive Model Markup Language),
 * which any PMML evaluator scores to the probabilities Bernoulli's own scoring gives:
 * <ul>
 *   <li>a {@code RegressionModel} of function {@code classification}: for a binary model one table
 *       for class 1 with the intercept and a predictor per coefficient, and an empty one for class 0,
 *       under the {@code logit} normalization, P(1) = σ(b + w·x); for K classes one table per class
 *       under {@code softmax}, the reference class's empty (η₀ = 0), as the baseline-category logit
 *       has it;</li>
 *   <li>the data each predictor reads: a column of numbers as itself ({@code NumericPredictor}); a
 *       factor's level alone as a {@code CategoricalPredictor}; a computed number ({@code I()},
 *       {@code log()}, …) as a derived field of PMML's built-in arithmetic
 *       ({@link PmmlExpressions}); a level inside an interaction as its indicator
 *       ({@code NormDiscrete}), a sum or Helmert contrast column as the level's row of the
 *       contrast matrix ({@code MapValues}); an interaction as the {@code PredictorTerm} of its
 *       parts; an offset term as a predictor of coefficient 1;</li>
 *   <li>a {@code DataDictionary} of the columns the model reads — numbers as continuous doubles,
 *       text with the levels training saw as its valid values (another level is invalid, as
 *       Bernoulli's scoring rejects it), booleans as booleans — and the cells that mean missing;</li>
 *   <li>{@code Output} fields named as {@code bernoulli score} names its columns: {@code probability}
 *       (of class 1, for a binary model), {@code probability_CLASS} of each class, and
 *       {@code prediction}.</li>
 * </ul>
 * Coefficients are written as decimals that parse back to the same doubles, so an evaluator's
 * margin differs from Bernoulli's only by the order of its sums. {@code poly()} columns are written
 * as the recurrence Bernoulli evaluates ({@link PmmlBases}); a term PMML cannot compute the same way
 * — a {@code bs()} or {@code ns()} spline basis, piecewise — is refused, naming it, before anything
 * is written.
 */
public final class PmmlDocument {
    /** The target's name for a model of numeric features, which has no response column of its own. */
    public static final String NUMERIC_TARGET = "label";

    private final PmmlXml xml = new PmmlXml();
    private final FittedModel model;
    private final Design design;
    /** The data columns the predictors read, in data order, and what each holds. */
    private final Map<String, ColumnKind> kinds = new LinkedHashMap<>();
    /** Each factor column's levels, as the DataDictionary lists its valid values. */
    private final Map<String, List<String>> levels = new LinkedHashMap<>();
    /** The derived fields, by name, in the order first needed. */
    private final Map<String, Element> derived = new LinkedHashMap<>();
    private final PmmlExpressions expressions;
    private final PmmlBases bases;

    private PmmlDocument(FittedModel model) {
        this.model = model;
        this.design = model.encoding() == null ? null : new Design(model.encoding());
        if (design == null) {
            model.featureNames().forEach(name -> kinds.put(name, ColumnKind.NUMBER));
        } else {
            Map<String, ColumnKind> all = new LinkedHashMap<>();
            model.encoding().columns().forEach(c -> all.put(c.name(), c.kind()));
            design.featureColumnNames().forEach(name -> kinds.put(name, all.get(name)));
        }
        this.expressions = new PmmlExpressions(xml, kinds);
        this.bases = new PmmlBases(xml, model.encoding() == null ? List.of() : model.encoding().bases(), derived);
    }

    /**
     * The PMML document of {@code model}, as UTF-8 bytes.
     *
     * @throws UsageException naming the term, for a model PMML cannot hold exactly
     */
    public static byte[] of(FittedModel model) {
        return new PmmlDocument(model).build();
    }

    /**
     * Writes {@code model}'s document to {@code path}: built whole in memory first (a refused term
     * leaves nothing behind), then written aside and moved into place.
     *
     * @throws UsageException naming the term, for a model PMML cannot hold exactly
     */
    public static void write(FileStore files, String path, FittedModel model, boolean overwrite) {
        AtomicFile.write(files, path, of(model), "PMML document", overwrite);
    }

    /** How one coefficient's predictor reads the data. */
    private sealed interface Predictor permits NumericTerm, LevelTerm, ProductTerm {
    }

    /** A number field (of the data, or derived) times the coefficient. */
    private record NumericTerm(String field) implements Predictor {
    }

    /** The coefficient when the field is at the level. */
    private record LevelTerm(String field, String value) implements Predictor {
    }

    /** The product of number fields times the coefficient. */
    private record ProductTerm(List<String> fields) implements Predictor {
    }

    private byte[] build() {
        List<Predictor> predictors = new ArrayList<>();
        List<String> offsets = new ArrayList<>();
        if (design == null) {
            model.featureNames().forEach(name -> predictors.add(new NumericTerm(name)));
        } else {
            for (DesignColumn column : design.designColumns()) {
                predictors.add(predictor(column));
            }
            for (Expr offset : design.offsetTerms()) {
                offsets.add(numberField(offset, "offset(" + offset.deparse() + ")"));
            }
        }
        List<String> classes = classes();
        String target = target();
        for (String name : derived.keySet()) {
            if (kinds.containsKey(name) || name.equals(target)) {
                throw new UsageException("PMML would name the computed '" + name + "' as the data column of that name "
                        + "is named; nothing was written");
            }
        }

        Element pmml = xml.element("PMML", "version", "4.4");
        pmml.appendChild(header());
        pmml.appendChild(dataDictionary(target, classes));
        if (!derived.isEmpty()) {
            Element transformations = xml.child(pmml, "TransformationDictionary");
            derived.values().forEach(transformations::appendChild);
        }
        Element regression = xml.child(pmml, "RegressionModel", "modelName", "Bernoulli logistic regression",
                "functionName", "classification", "algorithmName", "maximum likelihood",
                "normalizationMethod", classes.size() == 2 ? "logit" : "softmax");
        Element mining = xml.child(regression, "MiningSchema");
        xml.child(mining, "MiningField", "name", target, "usageType", "target");
        kinds.keySet().forEach(name -> xml.child(mining, "MiningField", "name", name));
        regression.appendChild(output(classes));
        double[][] packed = model.packedByPredictor();
        for (int k = 0; k < packed.length; k++) {
            regression.appendChild(table(classes.get(classes.size() == 2 ? 1 : k + 1), packed[k], predictors, offsets));
        }
        xml.child(regression, "RegressionTable", "intercept", "0.0", "targetCategory", classes.get(0));
        return xml.bytes(pmml);
    }

    /** Which model this is and which run trained it. */
    private Element header() {
        String formula = model.encoding() == null ? "numeric features" : "formula " + model.encoding().formula();
        Element header = xml.element("Header", "description", "Bernoulli logistic regression (" + formula + ")");
        var run = model.training().run();
        xml.child(header, "Application", "name", "Bernoulli", "version", run.bernoulliVersion());
        if (run.trainedAt() != null) {
            xml.child(header, "Timestamp").setTextContent(run.trainedAt());
        }
        return header;
    }

    /** The column's predictor: its parts as fields, derived where the data does not hold them as they are. */
    private Predictor predictor(DesignColumn column) {
        List<DesignColumn.Part> parts = column.parts();
        if (parts.size() == 1 && parts.get(0) instanceof DesignColumn.Coded coded && coded.kind() != ColumnKind.NUMBER
                && coded.indicatedLevel() >= 0) {
            levels.putIfAbsent(coded.column(), coded.levels());
            return new LevelTerm(coded.column(), value(coded, coded.indicatedLevel()));
        }
        List<String> fields = new ArrayList<>();
        for (DesignColumn.Part part : parts) {
            fields.add(field(part, column));
        }
        return fields.size() == 1 ? new NumericTerm(fields.get(0)) : new ProductTerm(fields);
    }

    /** The number field a part of a column is: a data column, or a field derived once by its R name. */
    private String field(DesignColumn.Part part, DesignColumn column) {
        if (part instanceof DesignColumn.Number number) {
            return numberField(number.expression(), number.name());
        }
        if (part instanceof DesignColumn.Coded coded) {
            levels.putIfAbsent(coded.column(), coded.levels());
            if (!derived.containsKey(coded.name())) {
                derived.put(coded.name(), xml.derivedField(coded.name(), coded(coded)));
            }
            return coded.name();
        }
        return bases.field((DesignColumn.BasisColumn) part, column.term());
    }

    /** A data column of numbers as it is; any other expression as a field derived by the name the formula gives it. */
    private String numberField(Expr expression, String name) {
        Expr bare = PmmlExpressions.unwrap(expression);
        if (bare instanceof Expr.Column c && kinds.get(c.name()) == ColumnKind.NUMBER) {
            return c.name();
        }
        if (!derived.containsKey(name)) {
            derived.put(name, xml.derivedField(name, expressions.of(expression, name)));
        }
        return name;
    }

    /** A factor's coded value: the indicator of its level, or the level's value by a table. */
    private Element coded(DesignColumn.Coded coded) {
        int level = coded.indicatedLevel();
        if (level >= 0) {
            return xml.element("NormDiscrete", "field", coded.column(), "value", value(coded, level));
        }
        Element map = xml.element("MapValues", "outputColumn", "value", "dataType", "double");
        xml.child(map, "FieldColumnPair", "field", coded.column(), "column", "level");
        Element table = xml.child(map, "InlineTable");
        double[] values = coded.values();
        for (int l = 0; l < values.length; l++) {
            Element row = xml.child(table, "row");
            xml.child(row, "level").setTextContent(value(coded, l));
            xml.child(row, "value").setTextContent(PmmlXml.number(values[l]));
        }
        return map;
    }

    /** A level as PMML spells the value: booleans in lower case, the rest as training saw them. */
    private static String value(DesignColumn.Coded coded, int level) {
        String text = coded.levels().get(level);
        return coded.kind() == ColumnKind.BOOLEAN ? text.toLowerCase(java.util.Locale.ROOT) : text;
    }

    /** The target's name: the response column, the response as written for counts, or {@value #NUMERIC_TARGET}. */
    private String target() {
        if (design == null) {
            return NUMERIC_TARGET;
        }
        String column = design.responseColumn();
        return column != null ? column : design.formula().response().deparse();
    }

    /** The classes, the one coded 0 (the reference) first. */
    private List<String> classes() {
        if (model.classes() != null) {
            return model.classes();
        }
        Encoding.Response response = model.encoding() == null ? null : model.encoding().response();
        if (response != null && response.kind().equals("levels")) {
            return response.levels();
        }
        return response != null && response.kind().equals("boolean") ? List.of("FALSE", "TRUE") : List.of("0", "1");
    }

    private Element dataDictionary(String target, List<String> classes) {
        Element dictionary = xml.element("DataDictionary", "numberOfFields", String.valueOf(kinds.size() + 1));
        Element targetField = xml.child(dictionary, "DataField", "name", target, "optype", "categorical",
                "dataType", "string");
        classes.forEach(c -> xml.child(targetField, "Value", "value", c));
        List<String> missing = new ArrayList<>(List.of("NA"));
        if (model.encoding() != null) {
            model.encoding().naValues().stream().filter(v -> !missing.contains(v)).forEach(missing::add);
        }
        for (Map.Entry<String, ColumnKind> column : kinds.entrySet()) {
            List<String> valid = levels.get(column.getKey());
            boolean categorical = column.getValue() != ColumnKind.NUMBER && valid != null;
            Element field = xml.child(dictionary, "DataField", "name", column.getKey(),
                    "optype", categorical ? "categorical" : "continuous",
                    "dataType", column.getValue() == ColumnKind.BOOLEAN ? "boolean"
                            : column.getValue() == ColumnKind.TEXT ? "string" : "double");
            if (categorical && column.getValue() == ColumnKind.TEXT) {
                valid.forEach(level -> xml.child(field, "Value", "value", level));
            }
            if (design != null && column.getValue() != ColumnKind.BOOLEAN) {
                missing.forEach(v -> xml.child(field, "Value", "value", v, "property", "missing"));
            }
        }
        return dictionary;
    }

    /**
     * The probability of each class ({@code probability_CLASS}; for a binary model also {@code probability},
     * of class 1, as {@code score} names it) and the predicted class.
     */
    private Element output(List<String> classes) {
        Element output = xml.element("Output");
        if (classes.size() == 2) {
            xml.child(output, "OutputField", "name", "probability", "optype", "continuous", "dataType", "double",
                    "feature", "probability", "value", classes.get(1));
        }
        classes.forEach(c -> xml.child(output, "OutputField", "name", "probability_" + c, "optype", "continuous",
                "dataType", "double", "feature", "probability", "value", c));
        xml.child(output, "OutputField", "name", "prediction", "optype", "categorical", "dataType", "string",
                "feature", "predictedValue");
        return output;
    }

    /**
     * One class's table: its intercept and coefficients (packed: coefficients, then intercept), the
     * predictors grouped as PMML orders them — numbers, levels, products.
     */
    private Element table(String category, double[] packed, List<Predictor> predictors, List<String> offsets) {
        int d = predictors.size();
        Element table = xml.element("RegressionTable", "intercept", PmmlXml.number(packed[d]),
                "targetCategory", category);
        for (int j = 0; j < d; j++) {
            if (predictors.get(j) instanceof NumericTerm n) {
                xml.child(table, "NumericPredictor", "name", n.field(), "coefficient", PmmlXml.number(packed[j]));
            }
        }
        for (String offset : offsets) {
            xml.child(table, "NumericPredictor", "name", offset, "coefficient", "1.0");
        }
        for (int j = 0; j < d; j++) {
            if (predictors.get(j) instanceof LevelTerm l) {
                xml.child(table, "CategoricalPredictor", "name", l.field(), "value", l.value(),
                        "coefficient", PmmlXml.number(packed[j]));
            }
        }
        for (int j = 0; j < d; j++) {
            if (predictors.get(j) instanceof ProductTerm p) {
                Element term = xml.child(table, "PredictorTerm", "coefficient", PmmlXml.number(packed[j]));
                p.fields().forEach(f -> xml.child(term, "FieldRef", "field", f));
            }
        }
        return table;
    }
}
