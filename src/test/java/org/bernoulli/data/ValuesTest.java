package org.bernoulli.data;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The number grammar of the text formats, and how values are echoed into messages. */
class ValuesTest {

    @ParameterizedTest(name = "''{0}'' is {1}")
    @CsvSource({"1, 1", "-0.5, -0.5", "+.5, 0.5", "5., 5", "1e-3, 0.001", "2.5E+2, 250", "'  3 ', 3", "-1E0, -1",
        "007, 7", "0.000, 0"})
    void decimalAndScientificNumbersAreRead(String token, double value) {
        assertEquals(value, Values.feature(token, "'a'"));
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"1d", "0f", "1D", "2F", "0x1p3", "0x10", "1_000", "1e", "1e+", ".", "+", "-", "e3", "1.2.3",
        "inf", "nan", "Inf", "1,5", "one", "1 2", ""})
    void javaOnlySpellingsAndOtherWordsAreNotNumbers(String token) {
        RecordFormatException e = assertThrows(RecordFormatException.class, () -> Values.feature(token, "'a'"));
        assertTrue(e.getMessage().contains("is not a number"), e.getMessage());
        assertThrows(RecordFormatException.class, () -> Values.label(token));
        assertThrows(RecordFormatException.class, () -> Values.weight(token, "w"));
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"NaN", "Infinity", "-Infinity", "+Infinity", "1e309", "-1e400"})
    void nonFiniteValuesAreRefusedAsSuch(String token) {
        RecordFormatException e = assertThrows(RecordFormatException.class, () -> Values.feature(token, "'a'"));
        assertTrue(e.getMessage().contains("not finite"), e.getMessage());
    }

    @Test
    void labelsAreNumericSpellingsOfTheTwoClasses() {
        assertEquals(1.0, Values.label("+1"));
        assertEquals(1.0, Values.label("1.0"));
        assertEquals(0.0, Values.label("-1"));
        assertEquals(0.0, Values.label("0e0"));
        assertTrue(assertThrows(RecordFormatException.class, () -> Values.label("1d")).getMessage()
                .contains("label '1d' is not a number"));
    }

    @Test
    void trainingValuesStayWhereTheirSquaresAreFinite() {
        double limit = Values.MAX_TRAINING_MAGNITUDE;
        assertTrue(Double.isFinite(limit * limit), "the square of the largest value is finite");
        assertEquals(1e154, Values.feature("1e154", "'a'", limit));
        RecordFormatException e = assertThrows(RecordFormatException.class,
                () -> Values.feature("-1e155", "'a'", limit));
        assertTrue(e.getMessage().contains("feature 'a'") && e.getMessage().contains("-1e155")
                && e.getMessage().contains("too large to train on"), e.getMessage());
        assertEquals(1e308, Values.feature("1e308", "'a'"), "scoring reads any finite value");
        assertThrows(RecordFormatException.class, () -> Values.weight("1e200", "w"));
    }

    @Test
    void echoedValuesAreCut() {
        String huge = "x".repeat(1_000_000);
        String echoed = Values.echo(huge);
        assertEquals(Values.ECHO_LIMIT, echoed.indexOf('…'));
        assertTrue(echoed.endsWith("(1000000 characters)"), echoed);
        assertEquals("short", Values.echo("short"));
        RecordFormatException e = assertThrows(RecordFormatException.class, () -> Values.feature(huge, "'a'"));
        assertTrue(e.getMessage().length() < 200, e.getMessage().length() + " characters");
        List<String> many = java.util.stream.IntStream.range(0, 30).mapToObj(i -> "c" + i).toList();
        assertEquals("[c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, … 18 more]", Values.echo(many));
    }
}
