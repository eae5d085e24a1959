package org.lbpcdshooks.prefetch;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lbpcdshooks.FixedClockConfiguration;
import org.lbpcdshooks.LbpCdsHooksApplication;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The fetch path: what prefetch lacks is read from the EHR's FHIR server (WireMock on 127.0.0.1) with the EHR's
 * access token, following search pages; when it cannot be had the call answers 412.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        classes = {LbpCdsHooksApplication.class, FixedClockConfiguration.class})
class EhrFhirServerFetchTest {

    private static final String TOKEN = "ehr-access-token-7f3a";
    private static final String PATIENT = "woman-48-sciatica-saddle-numbness";
    private static final ObjectMapper JSON = new ObjectMapper();

    static WireMockServer ehr;
    static WireMockServer elsewhere;

    @Autowired
    TestRestTemplate rest;

    @BeforeAll
    static void startEhr() {
        ehr = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        elsewhere = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        ehr.start();
        elsewhere.start();
    }

    @AfterAll
    static void stopEhr() {
        ehr.stop();
        elsewhere.stop();
    }

    private static String ehrBase() {
        return "http://127.0.0.1:" + ehr.port();
    }

    /** Another server on this machine that the EHR's pages must not lead to (not on the allow-list's path). */
    private static String elsewhereBase() {
        return "http://127.0.0.1:" + elsewhere.port();
    }

    @BeforeEach
    void resetEhr() {
        ehr.resetAll();
        elsewhere.resetAll();
    }

    @Test
    void readsEveryPrefetchKeyFromTheFhirServerWithTheBearerTokenAndFollowsNextPages() throws Exception {
        var prefetch = ehrRecord();
        // A base path of its own: reads abandoned by earlier tests may still reach the shared fake EHR.
        serve("/fhir-paging/Patient/" + PATIENT, prefetch.get("patient"));
        // The sciatica diagnosis is on the second page: without paging the patient would be out of scope.
        serve("/fhir-paging/Condition?patient=" + PATIENT, pageWithNext(ehrBase() + "/fhir-paging/Condition?patient=" + PATIENT + "&_page=2"));
        serve("/fhir-paging/Condition?patient=" + PATIENT + "&_page=2", prefetch.get("conditions"));
        serve("/fhir-paging/Observation?patient=" + PATIENT, prefetch.get("observations"));
        serve("/fhir-paging/MedicationRequest?patient=" + PATIENT, emptyBundle());
        serve("/fhir-paging/ServiceRequest?patient=" + PATIENT, emptyBundle());
        serve("/fhir-paging/Procedure?patient=" + PATIENT, emptyBundle());
        serve("/fhir-paging/AllergyIntolerance?patient=" + PATIENT, emptyBundle());

        var response = call(requestWithoutPrefetch(ehrBase() + "/fhir-paging"));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(ruleIds(response)).containsExactly("LBP-RF-01");
        ehr.verify(getRequestedFor(urlEqualTo("/fhir-paging/Condition?patient=" + PATIENT + "&_page=2")));
        ehr.verify(8, getRequestedFor(urlPathMatching("/fhir-paging/.*")).withHeader("Authorization", equalTo("Bearer " + TOKEN)));
    }

    @Test
    void anOperationOutcomePrefetchValueIsReadFromTheFhirServerInstead() throws Exception {
        var request = vignetteRequest();
        var prefetch = (ObjectNode) request.get("prefetch");
        var observations = prefetch.get("observations");
        prefetch.set("observations", JSON.readTree(
                "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\"timeout\"}]}"));
        // A base path of its own: reads abandoned by earlier tests may still reach the shared fake EHR.
        serve("/fhir-operation-outcome/Observation?patient=" + PATIENT, observations);
        withFhirServer(request, ehrBase() + "/fhir-operation-outcome");

        var response = call(request);

        assertThat(ruleIds(response)).containsExactly("LBP-RF-01");
        ehr.verify(1, anyRequestedFor(urlPathMatching("/fhir-operation-outcome/.*")));
    }

    @Test
    void nullPrefetchValuesMeanNoDataAndNothingIsFetched() throws Exception {
        var request = vignetteRequest();
        var prefetch = (ObjectNode) request.get("prefetch");
        for (var key : new String[] {"conditions", "observations", "medicationRequests"}) {
            prefetch.putNull(key);
        }
        // A base path of its own: reads abandoned by earlier tests may still reach the shared fake EHR.
        withFhirServer(request, ehrBase() + "/fhir-null-prefetch");

        var response = call(request);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(ruleIds(response)).isEmpty();
        ehr.verify(0, getRequestedFor(com.github.tomakehurst.wiremock.client.WireMock.urlMatching("/fhir-null-prefetch/.*")));
    }

    @Test
    void anUnauthorisedFhirServerMeansThePreconditionFails() throws Exception {
        ehr.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(401)));

        var response = call(requestWithoutPrefetch(ehrBase() + "/fhir"));

        assertPreconditionFailed(response, "HTTP 401");
    }

    @Test
    void aFailingFhirServerMeansThePreconditionFails() throws Exception {
        ehr.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(500).withBody("java.lang.NullPointerException")));

        var response = call(requestWithoutPrefetch(ehrBase() + "/fhir"));

        assertPreconditionFailed(response, "HTTP 500");
        assertThat(response.getBody()).doesNotContain("NullPointerException");
    }

    @Test
    void missingPrefetchWithoutAFhirServerMeansThePreconditionFails() throws Exception {
        var request = vignetteRequest();
        ((ObjectNode) request.get("prefetch")).remove("observations");

        var response = call(request);

        assertPreconditionFailed(response, "observations");
    }

    @Test
    void aNextLinkToAnotherServerIsNeverFollowedSoTheTokenStaysWithTheEhr() throws Exception {
        var request = vignetteRequest();
        ((ObjectNode) request.get("prefetch")).remove("conditions");
        withFhirServer(request, ehrBase() + "/fhir");
        serve("/fhir/Condition?patient=" + PATIENT, pageWithNext(elsewhereBase() + "/fhir/Condition?page=2"));

        var response = call(request);

        assertPreconditionFailed(response, "conditions");
        elsewhere.verify(0, anyRequestedFor(anyUrl()));
    }

    private void assertPreconditionFailed(ResponseEntity<String> response, String messagePart) throws Exception {
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.PRECONDITION_FAILED);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
        var body = JSON.readTree(response.getBody());
        assertThat(body.get("code").asText()).isEqualTo("data-unavailable");
        assertThat(body.get("message").asText()).contains(messagePart);
        assertThat(response.getBody()).doesNotContain(TOKEN).doesNotContain("at org.");
    }

    private ResponseEntity<String> call(JsonNode request) {
        var headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return rest.postForEntity("/cds-services/lbp-patient-view", new HttpEntity<>(request.toString(), headers), String.class);
    }

    private static java.util.List<String> ruleIds(ResponseEntity<String> response) throws Exception {
        var ids = new java.util.ArrayList<String>();
        JSON.readTree(response.getBody()).get("cards").forEach(card -> ids.add(card.at("/source/topic/code").asText()));
        return ids;
    }

    private static void serve(String url, JsonNode body) {
        ehr.stubFor(get(urlEqualTo(url)).willReturn(aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/fhir+json")
                .withBody(body.toString())));
    }

    /** The V-09 patient's record as the EHR holds it, taken from the vignette's prefetch. */
    private static JsonNode ehrRecord() throws Exception {
        return vignetteRequest().get("prefetch");
    }

    /** V-09's chart, opened at patient-view. */
    private static ObjectNode vignetteRequest() throws Exception {
        var orderSelect = (ObjectNode) JSON.readTree(new java.io.File(
                "src/test/resources/vignettes/cauda-equina-saddle-anaesthesia-mri-order-select/request.json"));
        orderSelect.put("hook", "patient-view");
        var context = (ObjectNode) orderSelect.get("context");
        context.remove("selections");
        context.remove("draftOrders");
        return orderSelect;
    }

    private static JsonNode requestWithoutPrefetch(String fhirServer) throws Exception {
        var request = vignetteRequest();
        request.remove("prefetch");
        withFhirServer(request, fhirServer);
        return request;
    }

    private static void withFhirServer(ObjectNode request, String fhirServer) {
        request.put("fhirServer", fhirServer);
        var authorization = request.putObject("fhirAuthorization");
        authorization.put("access_token", TOKEN);
        authorization.put("token_type", "Bearer");
        authorization.put("expires_in", 300);
        authorization.put("scope", "patient/*.read");
        authorization.put("subject", "lbp-cds-hooks");
    }

    private static JsonNode emptyBundle() throws Exception {
        return JSON.readTree("{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"entry\":[]}");
    }

    private static JsonNode pageWithNext(String nextUrl) throws Exception {
        return JSON.readTree("{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"link\":[{\"relation\":\"next\",\"url\":\""
                + nextUrl + "\"}],\"entry\":[]}");
    }
}
