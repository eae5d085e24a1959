package org.lbpcdshooks.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
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

/**
 * Hundreds of generated malformed or hostile hook requests (wrong types, huge strings, deep nesting, unknown hooks,
 * invalid FHIR in prefetch, random bytes): never a 5xx, never a stack trace, and the service stays up.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        classes = {LbpCdsHooksApplication.class, FixedClockConfiguration.class},
        properties = "lbp.max-request-size=2MB")
class HostileRequestFuzzTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String[] SERVICES = {"lbp-patient-view", "lbp-order-select", "lbp-order-sign"};

    @Autowired
    TestRestTemplate rest;

    @Test
    void hostileRequestsGetCleanClientErrors() {
        var random = new Random(20261123L);
        var bodies = hostileBodies(random);
        assertThat(bodies).hasSizeGreaterThanOrEqualTo(200);

        for (int i = 0; i < bodies.size(); i++) {
            var service = SERVICES[i % SERVICES.length];
            var headers = new HttpHeaders();
            headers.setContentType(MediaType.APPLICATION_JSON);
            var response = rest.postForEntity("/cds-services/" + service, new HttpEntity<>(bodies.get(i), headers), String.class);

            assertThat(response.getStatusCode().is5xxServerError()).as("request %d got %s", i, response.getStatusCode()).isFalse();
            assertThat(response.getBody()).as("request %d", i).isNotNull().doesNotContain("at org.", "at java.", "Caused by", "Exception");
        }
        assertThat(rest.getForEntity("/cds-services", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    private static List<String> hostileBodies(Random random) {
        var bodies = new ArrayList<String>();
        var mutations = mutations(random);
        for (int round = 0; round < 12; round++) {
            for (var mutation : mutations) {
                var request = PatientViewRequests.caudaEquina();
                bodies.add(mutation.apply(request).toString());
            }
        }
        bodies.add("{".repeat(5_000) + "}".repeat(5_000));
        bodies.add("{\"hook\":\"patient-view\",\"context\":" + "[".repeat(3_000) + "]".repeat(3_000) + "}");
        bodies.add("[".repeat(100_000));
        bodies.add("\"" + "x".repeat(1_500_000) + "\"");
        bodies.add("null");
        bodies.add("42");
        for (int i = 0; i < 20; i++) {
            var bytes = new byte[random.nextInt(2_000) + 1];
            random.nextBytes(bytes);
            bodies.add(new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1));
        }
        return bodies;
    }

    private static List<Function<ObjectNode, JsonNode>> mutations(Random random) {
        var list = new ArrayList<Function<ObjectNode, JsonNode>>();
        list.add(request -> request.put("hook", "hook-" + random.nextInt(1000)));
        list.add(request -> request.set("hook", NODES.numberNode(random.nextInt())));
        list.add(request -> request.set("hookInstance", NODES.arrayNode()));
        list.add(request -> request.set("context", NODES.textNode("context")));
        list.add(request -> { ((ObjectNode) request.get("context")).set("patientId", NODES.objectNode()); return request; });
        list.add(request -> { ((ObjectNode) request.get("context")).put("patientId", "p".repeat(random.nextInt(100_000))); return request; });
        list.add(request -> request.set("prefetch", NODES.arrayNode().add(1).add("two")));
        list.add(request -> { ((ObjectNode) request.get("prefetch")).put("conditions", "not a resource"); return request; });
        list.add(request -> { ((ObjectNode) request.get("prefetch")).putObject("observations")
                .put("resourceType", "Observation").put("status", random.nextInt()); return request; });
        list.add(request -> { ((ObjectNode) request.get("prefetch")).putObject("patient")
                .put("resourceType", "Patient").put("birthDate", "not-a-date-" + random.nextInt()); return request; });
        list.add(request -> { ((ObjectNode) request.get("prefetch")).putObject("conditions")
                .put("resourceType", "Bundle").set("entry", NODES.textNode("entries")); return request; });
        list.add(request -> { ((ObjectNode) request.get("prefetch")).putObject("patient")
                .put("resourceType", "Unknown" + random.nextInt(100)); return request; });
        list.add(request -> request.set("fhirServer", NODES.numberNode(1)));
        list.add(request -> request.put("fhirServer", "file:///etc/passwd"));
        list.add(request -> request.put("fhirServer", "http://[::1"));
        list.add(request -> request.set("fhirAuthorization", NODES.objectNode().put("token_type", "MAC")));
        list.add(request -> deeplyNested(request, 500 + random.nextInt(400)));
        list.add(request -> request.put("extra", "\u0000\u202e" + "y".repeat(random.nextInt(200_000))));
        list.add(request -> {
            var context = (ObjectNode) request.get("context");
            context.set("selections", NODES.arrayNode().add("ServiceRequest/" + "../".repeat(10)));
            context.set("draftOrders", NODES.objectNode().put("resourceType", "Bundle"));
            return request.put("hook", "order-select");
        });
        list.add(request -> {
            var context = (ObjectNode) request.get("context");
            var entry = NODES.objectNode();
            entry.putObject("resource").put("resourceType", "ServiceRequest").put("status", "draft");
            context.putObject("draftOrders").put("resourceType", "Bundle").putArray("entry").add(entry);
            return request.put("hook", "order-sign");
        });
        return list;
    }

    private static JsonNode deeplyNested(ObjectNode request, int depth) {
        ArrayNode innermost = NODES.arrayNode();
        JsonNode current = innermost;
        for (int i = 0; i < depth; i++) {
            current = NODES.arrayNode().add(current);
        }
        return request.set("nested", current);
    }
}
