package org.bernoulli.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Debian's headless Chromium driven through ChromeDriver's W3C WebDriver endpoint on 127.0.0.1:
 * open a page, run a script in it, take a screenshot. ChromeDriver is started here and stopped, with
 * every process it started, by its own pid on {@link #close()}. Chromium is told not to reach for
 * the network (no background networking, updates, sync or QUIC).
 */
final class HeadlessChromium implements AutoCloseable {
    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("BERNOULLI_CHROMIUM", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getenv().getOrDefault("BERNOULLI_CHROMEDRIVER",
            "/usr/bin/chromedriver"));

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Process driver;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String session;

    /**
     * Starts ChromeDriver and a browser session with the given window size.
     *
     * @throws AssertionError naming the Debian packages when Chromium or ChromeDriver is missing
     */
    HeadlessChromium(Path workDir, int width, int height) throws IOException, InterruptedException {
        for (Path program : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(program)) {
                throw new AssertionError(program + " not found: the report test renders the page in headless "
                        + "Chromium; install Debian's packages chromium and chromium-driver (.ci/run does), or set "
                        + "BERNOULLI_CHROMIUM and BERNOULLI_CHROMEDRIVER");
            }
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        base = "http://127.0.0.1:" + port;
        driver = new ProcessBuilder(CHROMEDRIVER.toString(), "--port=" + port, "--allowed-ips=127.0.0.1")
                .redirectErrorStream(true).redirectOutput(workDir.resolve("chromedriver.log").toFile()).start();
        try {
            waitUntilReady();
            Map<String, Object> options = Map.of(
                    "binary", CHROMIUM.toString(),
                    "args", List.of("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                            "--no-first-run", "--disable-background-networking", "--disable-component-update",
                            "--disable-sync", "--disable-dev-shm-usage", "--hide-scrollbars",
                            "--force-device-scale-factor=1", "--window-size=" + width + "," + height,
                            "--user-data-dir=" + workDir.resolve("chromium-profile")));
            JsonNode created = call("POST", "/session", Map.of("capabilities", Map.of("alwaysMatch",
                    Map.of("browserName", "chrome", "goog:chromeOptions", options))));
            session = created.get("value").get("sessionId").asText();
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            stopDriver();
            throw e;
        }
    }

    void open(URI page) throws IOException, InterruptedException {
        call("POST", "/session/" + session + "/url", Map.of("url", page.toString()));
    }

    /** Runs a script in the page (its body: {@code return ...}) and returns what it returned. */
    JsonNode script(String body) throws IOException, InterruptedException {
        return call("POST", "/session/" + session + "/execute/sync", Map.of("script", body, "args", List.of()))
                .get("value");
    }

    /** A PNG of the window, as the browser rendered it. */
    byte[] screenshot() throws IOException, InterruptedException {
        return Base64.getDecoder().decode(call("GET", "/session/" + session + "/screenshot", null).get("value")
                .asText());
    }

    private JsonNode call(String method, String path, Object body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = JSON.readTree(response.body());
        if (response.statusCode() != 200) {
            throw new AssertionError("WebDriver " + method + " " + path + " failed (" + response.statusCode() + "): "
                    + json.path("value").path("message").asText(response.body()));
        }
        return json;
    }

    private void waitUntilReady() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                if (call("GET", "/status", null).path("value").path("ready").asBoolean()) {
                    return;
                }
            } catch (java.net.ConnectException e) {
                if (!driver.isAlive()) {
                    throw new AssertionError("chromedriver exited with code " + driver.exitValue(), e);
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("chromedriver did not become ready within 30 s");
            }
            Thread.sleep(100);
        }
    }

    @Override
    public void close() {
        try {
            call("DELETE", "/session/" + session, null);
        } catch (IOException | InterruptedException | AssertionError e) {
            // The driver is stopped below whatever the browser did.
        } finally {
            stopDriver();
        }
    }

    /** Stops ChromeDriver and everything it started, by their pids, and waits for them to end. */
    private void stopDriver() {
        List<ProcessHandle> started = driver.descendants().toList();
        driver.destroy();
        started.forEach(ProcessHandle::destroy);
        try {
            if (!driver.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                driver.destroyForcibly();
            }
            for (ProcessHandle p : started) {
                p.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            started.forEach(ProcessHandle::destroyForcibly);
        }
    }
}
