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

    /**
     * The fast parser reads every number of the grammar to {@link Double#parseDouble}'s bits — the
     * correctly rounded double — including the hard cases: 17 and more significant digits, values halfway
     * between two doubles, subnormals, the extremes, negative zero, and blanks around the number.
     */
    @Test
    void everyNumberIsReadToParseDoublesBits() {
        java.util.Random random = new java.util.Random(20261202L);
        List<String> tokens = new java.util.ArrayList<>(List.of("0", "-0", "-0.0", "4.9e-324", "2.4703282292062328e-324",
                "2.2250738585072011e-308", "2.2250738585072012e-308", "1.7976931348623157e308", "1.7976931348623158e308",
                "9007199254740993", "9007199254740992.5", "0.1", "  0.3 ", "1e-400", "123456789012345678901234567890e-20",
                "0.50000000000000011102230246251565404236316680908203125"));
        for (int i = 0; i < 100_000; i++) {
            double v = switch (i % 4) {
                case 0 -> Double.longBitsToDouble(random.nextLong());
                case 1 -> random.nextGaussian() * Math.pow(10, random.nextInt(40) - 20);
                case 2 -> Math.nextUp((double) random.nextInt(1_000_000) / 1000);
                default -> random.nextDouble();
            };
            if (!Double.isFinite(v)) {
                continue;
            }
            tokens.add(Double.toString(v));
            tokens.add(String.format(java.util.Locale.ROOT, "%.17e", v));
            tokens.add(String.format(java.util.Locale.ROOT, "%.20e", v));
            tokens.add(String.format(java.util.Locale.ROOT, "%.6f", v % 1e6));
            // A decimal of up to 30 random digits with a random exponent: most are not exactly representable.
            StringBuilder digits = new StringBuilder(random.nextBoolean() ? "-" : "");
            for (int d = 1 + random.nextInt(30); d > 0; d--) {
                digits.append((char) ('0' + random.nextInt(10)));
            }
            tokens.add(digits.insert(Math.max(digits.length() / 2, 1), '.') + "e" + (random.nextInt(640) - 330));
        }
        for (String token : tokens) {
            assertEquals(Double.doubleToRawLongBits(Double.parseDouble(token.strip())),
                    Double.doubleToRawLongBits(Values.number(token)), token);
        }
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
