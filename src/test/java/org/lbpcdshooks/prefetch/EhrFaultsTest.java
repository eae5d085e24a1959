package org.lbpcdshooks.prefetch;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lbpcdshooks.FixedClockConfiguration;
import org.lbpcdshooks.LbpCdsHooksApplication;
import org.lbpcdshooks.PatientViewRequests;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * A misbehaving EHR FHIR server ends every call in a clear 412 within the deadline: slow, failing, resetting,
 * garbled, looping and oversized answers. None of them hangs the call or leaves threads behind.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        classes = {LbpCdsHooksApplication.class, FixedClockConfiguration.class},
        properties = {
            "lbp.fhir-client.read-timeout=500ms",
            "lbp.fhir-client.deadline=1s",
            "lbp.fhir-client.max-response-size=64KB",
            "lbp.max-concurrent-calls=1"
        })
class EhrFaultsTest {

    private static final String OBSERVATIONS = "/fhir/Observation?patient=" + PatientViewRequests.PATIENT_ID;
    private static final Duration NO_HANG = Duration.ofSeconds(10);

    static WireMockServer ehr;

    @Autowired
    TestRestTemplate rest;

    @BeforeAll
    static void start() {
        ehr = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        ehr.start();
    }

    @AfterAll
    static void stop() {
        ehr.stop();
    }

    @BeforeEach
    void reset() {
        ehr.resetAll();
    }

    @Test
    void aServerSlowerThanTheDeadlineEndsIn412() {
        serveObservations(fhirBundle().withFixedDelay(3_000));

        assertPreconditionFailed(callWithin());
    }

    @Test
    void anUnavailableServerEndsIn412() {
        serveObservations(aResponse().withStatus(503));

        assertPreconditionFailed(callWithin());
    }

    @Test
    void aResetConnectionEndsIn412() {
        serveObservations(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

        assertPreconditionFailed(callWithin());
    }

    @Test
    void aConnectionResetOnceIsReadAgainOnANewConnection() {
        // As when the EHR closed a kept-alive connection between two calls: the read is sent once more.
        ehr.stubFor(get(urlEqualTo(OBSERVATIONS)).inScenario("reset once").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("reset"));
        ehr.stubFor(get(urlEqualTo(OBSERVATIONS)).inScenario("reset once").whenScenarioStateIs("reset")
                .willReturn(fhirBundle()));

        var response = callWithin();

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        ehr.verify(2, getRequestedFor(urlEqualTo(OBSERVATIONS)));
    }

    @Test
    void aServerThatKeepsResettingIsAskedTwiceOnly() {
        serveObservations(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

        assertPreconditionFailed(callWithin());
        ehr.verify(2, getRequestedFor(urlEqualTo(OBSERVATIONS)));
    }

    @Test
    void aTimedOutReadIsNotRepeated() {
        serveObservations(fhirBundle().withFixedDelay(3_000));

        assertPreconditionFailed(callWithin());
        ehr.verify(1, getRequestedFor(urlEqualTo(OBSERVATIONS)));
    }

    @Test
    void malformedJsonEndsIn412() {
        serveObservations(aResponse().withHeader("Content-Type", "application/fhir+json").withBody("{\"resourceType\": \"Bundle\", "));

        assertPreconditionFailed(callWithin());
    }

    @Test
    void nextLinksThatLoopEndIn412() {
        var self = "http://127.0.0.1:" + ehr.port() + OBSERVATIONS;
        serveObservations(aResponse().withHeader("Content-Type", "application/fhir+json").withBody(
                "{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"link\":[{\"relation\":\"next\",\"url\":\""
                        + self + "\"}]}"));

        assertPreconditionFailed(callWithin());
    }

    @Test
    void aHugePageEndsIn412() {
        var huge = new StringBuilder("{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"entry\":[");
        for (int i = 0; i < 2_000; i++) {
            huge.append(i == 0 ? "" : ",").append("{\"resource\":{\"resourceType\":\"Observation\",\"id\":\"o")
                    .append(i).append("\",\"status\":\"final\",\"code\":{\"text\":\"padding padding padding\"}}}");
        }
        serveObservations(aResponse().withHeader("Content-Type", "application/fhir+json").withBody(huge + "]}"));

        assertPreconditionFailed(callWithin());
    }

    @Test
    void faultsLeaveNoThreadsBehind() {
        serveObservations(fhirBundle().withFixedDelay(3_000));
        callWithin();
        var before = fetchThreads();

        for (int i = 0; i < 10; i++) {
            callWithin();
        }

        // Reads run on one bounded pool (8 threads): ten more slow calls may add at most what the pool has left,
        // never a thread per call. (Other test contexts in this JVM have pools of their own; they stay idle.)
        assertThat(fetchThreads()).isLessThanOrEqualTo(before + 7);
    }

    private static long fetchThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith("fhir-fetch"))
                .count();
    }

    @Test
    void callsBeyondTheConcurrencyLimitAreToldToRetry() throws Exception {
        serveObservations(fhirBundle().withFixedDelay(450));
        var calls = new java.util.ArrayList<java.util.concurrent.CompletableFuture<ResponseEntity<String>>>();
        for (int i = 0; i < 4; i++) {
            calls.add(java.util.concurrent.CompletableFuture.supplyAsync(this::callWithin));
        }

        var statuses = new java.util.ArrayList<HttpStatus>();
        for (var call : calls) {
            var response = call.get();
            statuses.add(HttpStatus.valueOf(response.getStatusCode().value()));
            if (response.getStatusCode().value() == 429) {
                assertThat(response.getHeaders().getFirst("Retry-After")).isEqualTo("1");
                assertThat(response.getBody()).contains("\"code\":\"too-many-requests\"");
            }
        }

        // One call holds the only slot (it may itself end in 412 when the slow EHR meets the read timeout).
        assertThat(statuses).contains(HttpStatus.TOO_MANY_REQUESTS)
                .anySatisfy(status -> assertThat(status).isIn(HttpStatus.OK, HttpStatus.PRECONDITION_FAILED));
    }

    private static ResponseDefinitionBuilder fhirBundle() {
        return aResponse().withHeader("Content-Type", "application/fhir+json")
                .withBody("{\"resourceType\":\"Bundle\",\"type\":\"searchset\"}");
    }

    private static void serveObservations(ResponseDefinitionBuilder response) {
        ehr.stubFor(get(urlEqualTo(OBSERVATIONS)).willReturn(response));
    }

    private ResponseEntity<String> callWithin() {
        return assertTimeoutPreemptively(NO_HANG, () -> {
            var request = PatientViewRequests.caudaEquina();
            request.put("hookInstance", UUID.randomUUID().toString());
            ((ObjectNode) request.get("prefetch")).remove("observations");
            request.put("fhirServer", "http://127.0.0.1:" + ehr.port() + "/fhir");
            request.putObject("fhirAuthorization").put("access_token", "t").put("token_type", "Bearer");
            var headers = new HttpHeaders();
            headers.setContentType(MediaType.APPLICATION_JSON);
            return rest.postForEntity("/cds-services/lbp-patient-view", new HttpEntity<>(request.toString(), headers), String.class);
        });
    }

    private static void assertPreconditionFailed(ResponseEntity<String> response) {
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.PRECONDITION_FAILED);
        assertThat(response.getBody()).contains("\"code\":\"data-unavailable\"", "observations")
                .doesNotContain("Exception", "at org.");
    }
}
