package org.lbpcdshooks.feedback;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lbpcdshooks.FixedClockConfiguration;

/**
 * What the service acknowledged survives its end: it runs as its own process on the embedded file database (its
 * default configuration), takes hook calls and feedback, is killed (without warning, or stopped the way an operator
 * or orchestrator does), restarts on the same files and still knows what it issued and what it was told.
 */
class FeedbackSurvivesCrashTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final String KEY = "crash-test-key";

    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process service;

    @AfterEach
    void stop() {
        if (service != null) {
            service.destroyForcibly();
        }
    }

    @Test
    void acknowledgedFeedbackIsThereAfterKillMinus9() throws Exception {
        var port = freePort();
        service = start(port);
        var response = post(port, "/cds-services/lbp-order-select", caudaEquinaRequestDatedToday());
        var card = JSON.readTree(response).get("cards").get(0);
        var feedback = JSON.createObjectNode();
        var entry = feedback.putArray("feedback").addObject()
                .put("card", card.get("uuid").asText())
                .put("outcome", "accepted")
                .put("outcomeTimestamp", java.time.OffsetDateTime.now().toString());
        entry.putArray("acceptedSuggestions").addObject().put("id", card.at("/suggestions/0/uuid").asText());
        assertThat(postStatus(port, "/cds-services/lbp-order-select/feedback", feedback.toString())).isEqualTo(200);

        service.destroyForcibly().waitFor();  // SIGKILL: no shutdown hooks, no flushing
        service = start(port);

        var analytics = JSON.readTree(getJson(port, "/analytics/rules?from=2000-01-01T00:00:00Z&to=2100-01-01T00:00:00Z"));
        var caudaEquina = analytics.get("rules").get(0);
        assertThat(caudaEquina.get("ruleId").asText()).isEqualTo("LBP-RF-01");
        assertThat(caudaEquina.get("accepted").asLong()).isEqualTo(1);
    }

    /**
     * Every card answered before a graceful shutdown (SIGTERM, as in a rolling deploy) is stored: the EHR has shown it,
     * so feedback on it later must not meet "unknown card". Calls keep coming while the service stops.
     */
    @Test
    void everyCardAnsweredUpToAGracefulShutdownIsStored() throws Exception {
        var port = freePort();
        service = start(port);
        var body = caudaEquinaRequestDatedToday();
        var cardsAnswered = new AtomicInteger();
        var callers = Executors.newFixedThreadPool(4);
        try {
            for (int caller = 0; caller < 4; caller++) {
                callers.execute(() -> {
                    while (true) {
                        try {
                            var response = http.send(request(port, "/cds-services/lbp-order-select")
                                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                                    HttpResponse.BodyHandlers.ofString());
                            if (response.statusCode() != 200) {
                                return;
                            }
                            cardsAnswered.addAndGet(JSON.readTree(response.body()).get("cards").size());
                        } catch (Exception stopped) {
                            return;
                        }
                    }
                });
            }
            while (cardsAnswered.get() < 500) {
                Thread.sleep(5);
            }
            service.destroy(); // SIGTERM
            assertThat(service.waitFor(60, TimeUnit.SECONDS)).as("the service stopped").isTrue();
        } finally {
            callers.shutdown();
            assertThat(callers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
        service = start(port);

        var analytics = JSON.readTree(getJson(port, "/analytics/rules?from=2000-01-01T00:00:00Z&to=2100-01-01T00:00:00Z"));
        long stored = 0;
        for (var rule : analytics.get("rules")) {
            stored += rule.get("issued").asLong();
        }
        assertThat(stored).isEqualTo(cardsAnswered.get());
    }

    private Process start(int port) throws Exception {
        var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var log = dataDir.resolve("service-" + port + "-" + UUID.randomUUID() + ".log");
        var process = new ProcessBuilder(List.of(
                        java,
                        "-cp", System.getProperty("java.class.path"),
                        "org.lbpcdshooks.LbpCdsHooksApplication",
                        "--server.port=" + port,
                        "--server.address=127.0.0.1",
                        "--spring.profiles.active=demo",
                        // The service's own configuration (a file database under the data directory), not the tests'
                        // in-memory one from classpath:/config/.
                        "--spring.config.location=classpath:/",
                        "--lbp.data-dir=" + dataDir,
                        "--lbp.analytics.api-key=" + KEY))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        for (int attempt = 0; attempt < 240; attempt++) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                                .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString())
                        .statusCode() == 200) {
                    return process;
                }
            } catch (IOException notYet) {
                // still starting
            }
            if (!process.isAlive()) {
                var output = Files.readString(log);
                throw new AssertionError("the service process exited during startup:\n"
                        + output.substring(Math.max(0, output.length() - 3000)));
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the service did not become ready in 60 s");
    }

    /** V-09 shifted so that its "today" is the real today of the separate process. */
    private static String caudaEquinaRequestDatedToday() throws IOException {
        var json = Files.readString(Path.of(
                "src/test/resources/vignettes/cauda-equina-saddle-anaesthesia-mri-order-select/request.json"));
        var shift = ChronoUnit.DAYS.between(LocalDate.ofInstant(FixedClockConfiguration.TODAY, java.time.ZoneOffset.UTC),
                LocalDate.now());
        return DATE.matcher(json).replaceAll(match -> LocalDate.parse(match.group()).plusDays(shift).toString());
    }

    private String post(int port, String path, String body) throws Exception {
        var response = http.send(request(port, path).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private int postStatus(int port, String path, String body) throws Exception {
        return http.send(request(port, path).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private String getJson(int port, String path) throws Exception {
        return http.send(request(port, path).header("Authorization", "Bearer " + KEY).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static HttpRequest.Builder request(int port, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json");
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

}
