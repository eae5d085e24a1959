package org.lbpcdshooks.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.lbpcdshooks.FixedClockConfiguration;
import org.lbpcdshooks.LbpCdsHooksApplication;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Requests that break CDS Hooks 2.0 get a clear JSON error with the right status and never a stack trace. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        classes = {LbpCdsHooksApplication.class, FixedClockConfiguration.class})
class MalformedRequestTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ORDER_SELECT = "/cds-services/lbp-order-select";

    @Autowired
    TestRestTemplate rest;

    @Test
    void anUnknownServiceIsNotFound() throws Exception {
        var response = post("/cds-services/lbp-knee-pain", validOrderSelect().toString(), MediaType.APPLICATION_JSON);

        assertError(response, HttpStatus.NOT_FOUND, "not-found", "lbp-knee-pain");
    }

    @Test
    void aHookThatDoesNotMatchTheServiceIsRejected() throws Exception {
        var response = send(request -> request.put("hook", "patient-view"));

        assertError(response, HttpStatus.BAD_REQUEST, "invalid-request", "does not match service 'lbp-order-select'");
    }

    @Test
    void aRequestWithoutHookInstanceIsRejected() throws Exception {
        var response = send(request -> request.remove("hookInstance"));

        assertError(response, HttpStatus.BAD_REQUEST, "invalid-request", "hookInstance");
    }

    @Test
    void aRequestWithoutPatientIdIsRejected() throws Exception {
        var response = send(request -> ((ObjectNode) request.get("context")).remove("patientId"));

        assertError(response, HttpStatus.BAD_REQUEST, "invalid-request", "context.patientId");
    }

    @Test
    void orderSelectWithoutSelectionsIsRejected() throws Exception {
        var response = send(request -> ((ObjectNode) request.get("context")).remove("selections"));

        assertError(response, HttpStatus.BAD_REQUEST, "invalid-request", "context.selections");
    }

    @Test
    void orderSelectWithoutDraftOrdersIsRejected() throws Exception {
        var response = send(request -> ((ObjectNode) request.get("context")).remove("draftOrders"));

        assertError(response, HttpStatus.BAD_REQUEST, "invalid-request", "context.draftOrders");
    }

    @Test
    void aSelectionThatIsNotADraftOrderIsRejected() throws Exception {
        var response = send(request -> ((ObjectNode) request.get("context"))
                .putArray("selections").add("ServiceRequest/not-a-draft"));

        assertError(response, HttpStatus.BAD_REQUEST, "invalid-request", "ServiceRequest/not-a-draft");
    }

    @Test
    void aDraftOrderIdThatIsNotAPlainFhirIdIsRejected() throws Exception {
        // The draft goes back to the EHR as it was sent (systemAction), so it must be found again by its id.
        var response = send(request -> ((ObjectNode) request.at("/context/draftOrders/entry/0/resource"))
                .put("id", "mri/_history/2"));

        assertError(response, HttpStatus.UNPROCESSABLE_ENTITY, "invalid-fhir", "its id must be a plain FHIR id");
    }

    @Test
    void orderSignWithoutDraftOrdersIsRejected() throws Exception {
        var request = validOrderSelect();
        request.put("hook", "order-sign");
        ((ObjectNode) request.get("context")).remove("draftOrders");

        var response = post("/cds-services/lbp-order-sign", request.toString(), MediaType.APPLICATION_JSON);

        assertError(response, HttpStatus.BAD_REQUEST, "invalid-request", "context.draftOrders");
    }

    @Test
    void aPrefetchValueThatIsNotFhirIsUnprocessable() throws Exception {
        var response = send(request -> ((ObjectNode) request.get("prefetch"))
                .putObject("observations").put("resourceType", "NoSuchResource").put("status", 42));

        assertError(response, HttpStatus.UNPROCESSABLE_ENTITY, "invalid-fhir", "prefetch.observations");
    }

    @Test
    void aBodyThatIsNotJsonIsRejected() {
        var response = post(ORDER_SELECT, "{\"hook\": \"order-select\",", MediaType.APPLICATION_JSON);

        assertError(response, HttpStatus.BAD_REQUEST, "invalid-request", "not valid JSON");
    }

    @Test
    void anEmptyBodyIsRejected() {
        var response = post(ORDER_SELECT, "", MediaType.APPLICATION_JSON);

        assertError(response, HttpStatus.BAD_REQUEST, "invalid-request", "empty");
    }

    @Test
    void aJsonArrayIsRejected() {
        var response = post(ORDER_SELECT, "[]", MediaType.APPLICATION_JSON);

        assertError(response, HttpStatus.BAD_REQUEST, "invalid-request", "JSON object");
    }

    @Test
    void plainTextIsAnUnsupportedMediaType() throws Exception {
        var response = post(ORDER_SELECT, validOrderSelect().toString(), MediaType.TEXT_PLAIN);

        assertError(response, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", "application/json");
    }

    @Test
    void aBodyOverTheSizeLimitIsTooLarge() {
        var huge = "{\"hook\":\"order-select\",\"padding\":\"" + "x".repeat(6 * 1024 * 1024) + "\"}";

        var response = post(ORDER_SELECT, huge, MediaType.APPLICATION_JSON);

        assertError(response, HttpStatus.PAYLOAD_TOO_LARGE, "payload-too-large", "larger than");
    }

    @Test
    void aHookCannotBeCalledWithGet() {
        var response = rest.exchange(ORDER_SELECT, HttpMethod.GET, null, String.class);

        assertError(response, HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed", "GET");
    }

    private ResponseEntity<String> send(Consumer<ObjectNode> breakIt) throws Exception {
        var request = validOrderSelect();
        breakIt.accept(request);
        return post(ORDER_SELECT, request.toString(), MediaType.APPLICATION_JSON);
    }

    /** JSON is UTF-8, but a body that says it is in another charset is read in that one. */
    @Test
    void aBodyInTheCharsetItDeclaresIsRead() throws Exception {
        var request = validOrderSelect();
        request.put("hookInstance", "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea-\u00e9\u00e8");
        var latin1 = request.toString().getBytes(StandardCharsets.ISO_8859_1);

        var declared = postBytes(latin1, "application/json;charset=ISO-8859-1");
        assertThat(declared.getStatusCode()).as(declared.getBody()).isEqualTo(HttpStatus.OK);
        // Undeclared, the same bytes are not UTF-8: a clear 400, not a garbled request.
        assertError(postBytes(latin1, "application/json"), HttpStatus.BAD_REQUEST, "invalid-request", "not valid JSON");
        assertError(postBytes(latin1, "application/json;charset=no-such-charset"),
                HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", "application/json");
    }

    /** Sent as given: Spring's own client refuses a charset it does not know. */
    private ResponseEntity<String> postBytes(byte[] body, String contentType) throws Exception {
        var response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(rest.getRootUri() + ORDER_SELECT))
                        .header(HttpHeaders.CONTENT_TYPE, contentType)
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        var contentTypeBack = response.headers().firstValue(HttpHeaders.CONTENT_TYPE).orElse(null);
        return ResponseEntity.status(response.statusCode())
                .header(HttpHeaders.CONTENT_TYPE, contentTypeBack)
                .body(response.body());
    }

    private ResponseEntity<String> post(String path, String body, MediaType contentType) {
        var headers = new HttpHeaders();
        headers.setContentType(contentType);
        return rest.postForEntity(path, new HttpEntity<>(body, headers), String.class);
    }

    private static ObjectNode validOrderSelect() throws Exception {
        return (ObjectNode) JSON.readTree(Files.readString(Path.of(
                "src/test/resources/vignettes/cauda-equina-saddle-anaesthesia-mri-order-select/request.json")));
    }

    private static void assertError(ResponseEntity<String> response, HttpStatus status, String code, String messagePart) {
        assertThat(response.getStatusCode()).isEqualTo(status);
        assertThat(response.getHeaders().getContentType()).isNotNull();
        assertThat(response.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_JSON)).isTrue();
        try {
            var body = JSON.readTree(response.getBody());
            assertThat(body.get("status").asInt()).isEqualTo(status.value());
            assertThat(body.get("code").asText()).isEqualTo(code);
            assertThat(body.get("message").asText()).contains(messagePart);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError("Error body is not JSON: " + response.getBody(), e);
        }
        assertThat(response.getBody()).doesNotContain("at org.", "at java.", "Exception", "Caused by");
    }
}
