package org.bernoulli.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.bernoulli.data.CsvLineSplitter;
import org.bernoulli.data.CsvRowParser;
import org.bernoulli.data.CsvSchema;
import org.bernoulli.data.FeatureSummarizer;
import org.bernoulli.data.FeatureStatistics;
import org.bernoulli.data.LabeledRow;
import org.bernoulli.data.LineParser;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** The bundled datasets and reference fits (from the test classpath), and random test data. */
public final class Datasets {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Datasets() {
    }

    /** Absolute path of a bundled dataset, e.g. {@code heart_scale.csv}. */
    public static Path path(String name) {
        try {
            return Path.of(Datasets.class.getResource("/data/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("test dataset " + name + " is not on the test classpath", e);
        }
    }

    /** A reference file, e.g. {@code reference/heart_scale.json}. */
    public static JsonNode reference(String resource) {
        try (InputStream in = Datasets.class.getResourceAsStream("/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("reference " + resource + " is not on the test classpath");
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The rows of a bundled CSV dataset, parsed in memory. */
    public static List<LabeledRow> csvRows(String name) {
        try {
            List<String> lines = Files.readAllLines(path(name), StandardCharsets.UTF_8);
            CsvSchema schema = CsvSchema.resolve(CsvLineSplitter.header(lines.get(0)), "label", List.of(), null, name);
            return parseAll(new CsvRowParser(schema), lines.subList(1, lines.size()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses lines that are not skippable. */
    public static List<LabeledRow> parseAll(LineParser parser, List<String> lines) {
        List<LabeledRow> rows = new ArrayList<>();
        for (String line : lines) {
            if (!parser.isSkippable(line)) {
                rows.add(parser.parse(line));
            }
        }
        return rows;
    }

    public static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asDouble();
        }
        return out;
    }

    /**
     * Random rows: d features, a fraction {@code density} of them non-zero, labels drawn from a
     * logistic model, weights in [0.5, 2) when {@code weighted}.
     */
    public static List<LabeledRow> randomRows(Random random, int n, int d, double density, boolean weighted) {
        double[] truth = new double[d];
        for (int j = 0; j < d; j++) {
            truth[j] = random.nextGaussian();
        }
        List<LabeledRow> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int[] idx = new int[d];
            double[] val = new double[d];
            int k = 0;
            double z = 0.3;
            for (int j = 0; j < d; j++) {
                if (random.nextDouble() < density) {
                    idx[k] = j;
                    val[k] = random.nextGaussian() * (1 + j) + (j % 3 == 0 ? 5.0 : 0.0);
                    z += truth[j] * val[k] / (1 + j);
                    k++;
                }
            }
            double label = random.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1.0 : 0.0;
            double weight = weighted ? 0.5 + 1.5 * random.nextDouble() : 1.0;
            rows.add(new LabeledRow(label, weight, java.util.Arrays.copyOf(idx, k), java.util.Arrays.copyOf(val, k)));
        }
        return rows;
    }

    /** Statistics of rows for d features, through the same summarizer the reader uses. */
    public static FeatureStatistics statistics(List<LabeledRow> rows, int d) {
        FeatureSummarizer s = new FeatureSummarizer();
        org.bernoulli.data.BlockBuilder.blocks(rows, 64).forEach(s::add);
        return s.result(d);
    }
}
