package org.bernoulli.testing;

import org.jpmml.evaluator.EvaluationException;
import org.jpmml.evaluator.Evaluator;
import org.jpmml.evaluator.EvaluatorUtil;
import org.jpmml.evaluator.FieldValue;
import org.jpmml.evaluator.InputField;
import org.jpmml.evaluator.LoadingModelEvaluatorBuilder;

import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import java.net.URL;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * PMML documents read by an independent evaluator (JPMML-Evaluator) and checked against the PMML
 * 4.4 schema as the JPMML project ships it (the Data Mining Group's, with {@code x-} extensions
 * that Bernoulli's documents do not use).
 */
public final class PmmlScoring {
    private PmmlScoring() {
    }

    /** Validates the document against the schema, then loads and self-checks an evaluator of it. */
    public static Evaluator load(Path document) throws Exception {
        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(schema()).newValidator()
                .validate(new StreamSource(document.toFile()));
        Evaluator evaluator = new LoadingModelEvaluatorBuilder().load(document.toFile()).build();
        evaluator.verify();
        return evaluator;
    }

    /**
     * The schema in JPMML's model jar, by its jar: Spark 3.5's MLlib carries an older one (PMML 4.3) under
     * the same name at the root of its own jar.
     */
    private static URL schema() throws Exception {
        URL jar = org.dmg.pmml.PMML.class.getProtectionDomain().getCodeSource().getLocation();
        return new URL("jar:" + jar + "!/pmml.xsd");
    }

    /**
     * The evaluator's outputs for a row whose cells {@code cell} gives by column name (null where
     * missing); null when it refuses the row (an invalid value).
     */
    public static Map<String, ?> evaluate(Evaluator evaluator, Function<String, Object> cell) {
        Map<String, FieldValue> arguments = new LinkedHashMap<>();
        try {
            for (InputField field : evaluator.getInputFields()) {
                arguments.put(field.getName(), field.prepare(cell.apply(field.getName())));
            }
            return EvaluatorUtil.decodeAll(evaluator.evaluate(arguments));
        } catch (EvaluationException e) {
            return null;
        }
    }
}
