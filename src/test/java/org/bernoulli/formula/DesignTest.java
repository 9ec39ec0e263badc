package org.bernoulli.formula;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** R's coefficient names and coding, held to the names R wrote for the bundled references. */
class DesignTest {

    @ParameterizedTest
    @CsvSource({"infert.csv,infert.json", "infert.csv,infert_interaction.json", "survey.csv,survey_na.json",
        "ucb_admissions.csv,ucb_admissions.json"})
    void coefficientNamesAreRsExactly(String data, String reference) throws Exception {
        JsonNode ref = new ObjectMapper().readTree(new File("src/test/resources/formula/" + reference));
        Design design = FormulaFixtures.design(FormulaFixtures.read(data), ref.get("formula").asText());
        List<String> expected = new ArrayList<>();
        ref.get("names").forEach(n -> expected.add(n.asText()));
        List<String> found = new ArrayList<>();
        found.add("(Intercept)");
        found.addAll(design.featureNames());
        assertEquals(expected, found);
    }

    @Test
    void namesFollowRsDeparse() {
        FormulaFixtures.Table t = FormulaFixtures.read("infert.csv");
        Design d = FormulaFixtures.design(t, "case ~ log(parity + 1) + I(age^2) + I(age/2 - 1) + age:induced + "
                + "factor(induced) + exp(-spontaneous)");
        assertEquals(List.of("log(parity + 1)", "I(age^2)", "I(age/2 - 1)", "factor(induced)1", "factor(induced)2",
                "exp(-spontaneous)", "age:induced"), d.featureNames());
    }

    @Test
    void interactionsOfFactorsRunOverTheFirstFactorFastest() {
        FormulaFixtures.Table t = FormulaFixtures.read("ucb_admissions.csv");
        Design d = FormulaFixtures.design(t, "cbind(admitted, rejected) ~ gender * dept");
        assertEquals(List.of("genderMale", "deptB", "deptC", "deptD", "deptE", "deptF", "genderMale:deptB",
                "genderMale:deptC", "genderMale:deptD", "genderMale:deptE", "genderMale:deptF"), d.featureNames());
        Design noIntercept = FormulaFixtures.design(t, "cbind(admitted, rejected) ~ 0 + dept + gender");
        assertEquals(List.of("deptA", "deptB", "deptC", "deptD", "deptE", "deptF", "genderMale"),
                noIntercept.featureNames());
        assertTrue(!noIntercept.intercept());
        Design slopes = FormulaFixtures.design(FormulaFixtures.read("infert.csv"), "case ~ education + education:age");
        assertEquals(List.of("education12+ yrs", "education6-11yrs", "education0-5yrs:age", "education12+ yrs:age",
                "education6-11yrs:age"), slopes.featureNames(), "R codes a factor without its partner term by "
                + "indicators of every level");
    }

    @Test
    void dotMinusAndStarExpandAsR() {
        FormulaFixtures.Table t = FormulaFixtures.read("infert.csv");
        assertEquals(List.of("education12+ yrs", "education6-11yrs", "age", "parity", "induced", "spontaneous"),
                FormulaFixtures.design(t, "case ~ . - stratum").featureNames());
        assertEquals(List.of("induced", "spontaneous", "age", "induced:spontaneous"),
                FormulaFixtures.design(t, "case ~ induced * spontaneous + age").featureNames());
        assertEquals(List.of("spontaneous", "induced"),
                FormulaFixtures.design(t, "case ~ spontaneous * induced - spontaneous:induced").featureNames());
        assertEquals(List.of("age", "induced", "induced:age"),
                FormulaFixtures.design(t, "case ~ induced:age + age + induced").featureNames(),
                "terms by order, then appearance; a term's variables in the order they first appear");
    }

    @Test
    void aRowCodesToOneValuePerTerm() {
        FormulaFixtures.Table t = FormulaFixtures.read("infert.csv");
        Design d = FormulaFixtures.design(t, "case ~ spontaneous * induced + education + I(age^2) + log(parity)");
        EncodedRow out = new EncodedRow();
        // 1,"0-5yrs",26,6,1,2,1  — education is the reference level: no column.
        String[] row = t.rows().get(0);
        FormulaPlan plan = FormulaPlan.of(d.formula(), t.header(), null);
        assertTrue(d.encode(FormulaFixtures.cells(FormulaFixtures.cellsOf(t, plan, row)), out, Double.MAX_VALUE));
        assertEquals(1.0, out.label);
        double[] dense = new double[d.numFeatures()];
        for (int k = 0; k < out.nnz; k++) {
            dense[out.indices[k]] = out.values[k];
        }
        assertEquals(List.of(2.0, 1.0, 0.0, 0.0, 676.0, Math.log(6), 2.0),
                java.util.Arrays.stream(dense).boxed().toList());
    }

    @Test
    void malformedFormulasSayWhere() {
        FormulaException e = assertThrows(FormulaException.class, () -> Formula.parse("case ~ age +"));
        assertEquals("{FORMULA} 'case ~ age +': the formula ends too early at character 13", e.getMessage());
        assertEquals("{FORMULA} 'case age': expected RESPONSE ~ TERMS at character 6",
                assertThrows(FormulaException.class, () -> Formula.parse("case age")).getMessage());
        FormulaFixtures.Table t = FormulaFixtures.read("infert.csv");
        assertEquals("{FORMULA} 'case ~ agee': no column 'agee' in the data; the columns are [case, education, age, "
                        + "parity, induced, spontaneous, stratum]",
                assertThrows(FormulaException.class, () -> FormulaFixtures.design(t, "case ~ agee")).getMessage());
        assertEquals("{FORMULA}: column 'education' holds text, so log(education) cannot compute with it; use it as "
                        + "a factor on its own",
                assertThrows(FormulaException.class, () -> FormulaFixtures.design(t, "case ~ log(education)"))
                        .getMessage());
    }

    @Test
    void numbersAreWrittenAsR() {
        assertEquals("1e+05", RNames.number(100000));
        assertEquals("10000", RNames.number(10000));
        assertEquals("0.001", RNames.number(0.001));
        assertEquals("1e-04", RNames.number(0.0001));
        assertEquals("2.5", RNames.number(2.5));
        assertEquals("-3", RNames.number(-3));
        assertEquals("0.3", RNames.number(0.1 + 0.2));
        assertEquals("`my col`", RNames.symbol("my col"));
    }
}
