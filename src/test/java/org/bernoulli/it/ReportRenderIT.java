package org.bernoulli.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The report of the README's training run as a browser shows it: trained by {@code scripts/bernoulli}
 * on the bundled heart_scale data, opened in headless Chromium, and checked on the rendered page —
 * every chart laid out with a curve of real length, the reliability points with their counts, the
 * tables filled, nothing loaded from anywhere, and the curves' colours present in the pixels of a
 * screenshot where the charts were laid out. The screenshot is kept as
 * {@code target/report-it/report-heart_scale.png} (the one in docs/ was made this way).
 */
class ReportRenderIT {

    /** Chart role → colour its curve is drawn in (the page's style sheet). */
    private static final Map<String, int[]> CURVE_COLOURS = Map.of(
            "objective", new int[] {0x1f, 0x6f, 0xb2},
            "gradient", new int[] {0xc2, 0x57, 0x1a},
            "suboptimality", new int[] {0x1f, 0x6f, 0xb2},
            "roc", new int[] {0x1f, 0x6f, 0xb2},
            "pr", new int[] {0x1f, 0x6f, 0xb2},
            "reliability", new int[] {0x2b, 0x8a, 0x3e});

    private static final String INSPECT = """
            const charts = {};
            for (const svg of document.querySelectorAll('svg[data-chart]')) {
              const r = svg.getBoundingClientRect();
              const curves = [...svg.querySelectorAll('path.curve')].map(p => {
                const b = p.getBBox();
                return {length: p.getTotalLength(), width: b.width, height: b.height,
                        vertices: p.getAttribute('d').split(/[ML]/).length - 1};
              });
              charts[svg.dataset.chart] = {x: r.x + window.scrollX, y: r.y + window.scrollY, width: r.width,
                height: r.height, curves: curves, points: svg.querySelectorAll('circle').length,
                labels: [...svg.querySelectorAll('text.point-label')].map(t => t.textContent)};
            }
            const tables = {};
            for (const t of document.querySelectorAll('table[data-table]')) {
              const r = t.getBoundingClientRect();
              tables[t.dataset.table] = {rows: t.rows.length, width: r.width, height: r.height};
            }
            return {title: document.title, charts: charts, tables: tables,
                    resources: performance.getEntriesByType('resource').length,
                    scripts: document.scripts.length, height: document.documentElement.scrollHeight};
            """;

    @Test
    void reportRendersWithItsCurvesAndTables(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("heart-model");
        ReadmeCommandIT.Result r = ReadmeCommandIT.bernoulli(dir, "train", "--input", "src/data/heart_scale.csv",
                "--output", model.toString());
        assertEquals(0, r.exitCode(), r.err());
        int width = 1100;
        int height = 4200;
        try (HeadlessChromium chromium = new HeadlessChromium(dir, width, height)) {
            chromium.open(model.resolve("report.html").toUri());
            JsonNode page = chromium.script(INSPECT);
            assertTrue(page.get("title").asText().contains("heart-model"), page.toString());
            assertEquals(0, page.get("resources").asInt(), "the page loaded something");
            assertEquals(0, page.get("scripts").asInt(), "the page has scripts");
            assertTrue(page.get("height").asInt() <= height, "the whole page fits the screenshot");

            JsonNode charts = page.get("charts");
            for (String role : CURVE_COLOURS.keySet()) {
                JsonNode chart = charts.get(role);
                assertTrue(chart != null, role + " chart missing: " + charts);
                assertTrue(chart.get("width").asDouble() > 300 && chart.get("height").asDouble() > 200, role);
                JsonNode curve = chart.get("curves").get(0);
                assertTrue(curve.get("length").asDouble() > 100, role + " curve too short: " + curve);
                assertTrue(curve.get("vertices").asInt() >= 5, role + " curve has too few points: " + curve);
                assertTrue(curve.get("width").asDouble() > 50 && curve.get("height").asDouble() > 50,
                        role + " curve spans too little: " + curve);
            }
            // 270 rows in more than a hundred distinct margin bins: the ROC curve has that many steps.
            assertTrue(charts.get("roc").get("curves").get(0).get("vertices").asInt() > 100);
            JsonNode reliability = charts.get("reliability");
            long counted = 0;
            for (JsonNode label : reliability.get("labels")) {
                counted += Long.parseLong(label.asText().replace("n=", ""));
            }
            assertEquals(270, counted, "the reliability points count every row");
            assertEquals(reliability.get("labels").size(), reliability.get("points").asInt());

            // The forest plot: a dot and a Wald interval per feature (13), laid out full width.
            JsonNode forest = charts.get("forest");
            assertTrue(forest != null && forest.get("width").asDouble() > 600, "forest plot: " + forest);
            assertEquals(13, forest.get("points").asInt(), "one estimate per feature");

            JsonNode tables = page.get("tables");
            assertEquals(15, tables.get("coefficients").get("rows").asInt(), "header, intercept and 13 features");
            assertEquals(11, tables.get("calibration").get("rows").asInt(), "header and 10 probability bins");
            for (String table : List.of("fit", "metrics", "likelihood", "provenance")) {
                assertTrue(tables.get(table).get("rows").asInt() >= 4, table);
                assertTrue(tables.get(table).get("height").asDouble() > 50, table);
            }

            byte[] png = chromium.screenshot();
            Path kept = Path.of("target", "report-it");
            Files.createDirectories(kept);
            Files.write(kept.resolve("report-heart_scale.png"), png);
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            assertEquals(width, image.getWidth());
            for (Map.Entry<String, int[]> e : CURVE_COLOURS.entrySet()) {
                JsonNode chart = charts.get(e.getKey());
                long pixels = pixelsNear(image, e.getValue(), chart.get("x").asInt(), chart.get("y").asInt(),
                        chart.get("width").asInt(), chart.get("height").asInt());
                assertTrue(pixels > 80, e.getKey() + ": only " + pixels + " pixels of the curve colour were drawn");
            }
        }
    }

    /**
     * A lasso path chosen by cross-validation: the path chart draws one curve per feature, the
     * cross-validation chart its curve and ±1 standard-error band, and the path table marks the
     * chosen row.
     */
    @Test
    void pathAndCrossValidationRender(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("cv-model");
        ReadmeCommandIT.Result r = ReadmeCommandIT.bernoulli(dir, "train", "--input", "src/data/breast_cancer.csv",
                "--output", model.toString(), "--elastic-net", "1", "--reg-path", "12", "--path-min-ratio", "1e-6",
                "--cv", "4");
        assertEquals(0, r.exitCode(), r.err());
        try (HeadlessChromium chromium = new HeadlessChromium(dir, 1100, 4000)) {
            chromium.open(model.resolve("report.html").toUri());
            JsonNode page = chromium.script(INSPECT);
            JsonNode charts = page.get("charts");
            assertEquals(30, charts.get("path").get("curves").size(), "one curve per feature");
            JsonNode cv = charts.get("cv").get("curves");
            assertEquals(3, cv.size(), "the curve and its two standard-error lines");
            for (JsonNode curve : cv) {
                assertTrue(curve.get("length").asDouble() > 100 && curve.get("vertices").asInt() == 12, curve.toString());
            }
            assertEquals(1, charts.get("cv").get("points").asInt(), "the chosen penalty is marked");
            assertEquals(13, page.get("tables").get("path").get("rows").asInt(), "header and 12 penalties");
            assertEquals(1, chromium.script("return document.querySelectorAll('tr.chosen').length;").asInt());
            assertEquals(0, page.get("resources").asInt());
        }
    }

    /** Pixels within a small colour distance of {@code rgb} inside the rectangle. */
    private static long pixelsNear(BufferedImage image, int[] rgb, int x0, int y0, int w, int h) {
        long n = 0;
        for (int y = Math.max(0, y0); y < Math.min(image.getHeight(), y0 + h); y++) {
            for (int x = Math.max(0, x0); x < Math.min(image.getWidth(), x0 + w); x++) {
                int p = image.getRGB(x, y);
                int dr = ((p >> 16) & 0xff) - rgb[0];
                int dg = ((p >> 8) & 0xff) - rgb[1];
                int db = (p & 0xff) - rgb[2];
                if (dr * dr + dg * dg + db * db < 30 * 30) {
                    n++;
                }
            }
        }
        return n;
    }
}
