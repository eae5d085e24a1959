package org.lbpcdshooks.feedback;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Issues real cards through a hook call and sends feedback on them, as an EHR would. */
final class FeedbackClient {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String OVERRIDE_SYSTEM = "http://lbp-cds-hooks.org/fhir/CodeSystem/lbp-override-reason";

    private final TestRestTemplate rest;

    FeedbackClient(TestRestTemplate rest) {
        this.rest = rest;
    }

    /** V-09: one critical cauda equina card (LBP-RF-01) with one suggestion. */
    JsonNode caudaEquinaCard() throws Exception {
        return onlyCard("cauda-equina-saddle-anaesthesia-mri-order-select");
    }

    /** V-11: one "MRI not indicated" card (LBP-IMG-01) with one suggestion. */
    JsonNode mriNotIndicatedCard() throws Exception {
        return onlyCard("mri-order-select-without-red-flags-despite-erroneous-data");
    }

    private JsonNode onlyCard(String vignette) throws Exception {
        var request = (ObjectNode) JSON.readTree(
                Files.readString(Path.of("src/test/resources/vignettes/" + vignette + "/request.json")));
        request.put("hookInstance", UUID.randomUUID().toString());
        var response = post("/cds-services/lbp-order-select", request.toString());
        var cards = JSON.readTree(response.getBody()).get("cards");
        if (cards.size() != 1) {
            throw new AssertionError("expected one card: " + response.getBody());
        }
        return cards.get(0);
    }

    ResponseEntity<String> accepted(JsonNode card, String outcomeTimestamp) {
        var entry = JSON.createObjectNode()
                .put("card", card.get("uuid").asText())
                .put("outcome", "accepted")
                .put("outcomeTimestamp", outcomeTimestamp);
        entry.putArray("acceptedSuggestions").addObject().put("id", card.at("/suggestions/0/uuid").asText());
        return feedback("lbp-order-select", entry);
    }

    ResponseEntity<String> overridden(JsonNode card, String reasonCode, String outcomeTimestamp) {
        var entry = JSON.createObjectNode()
                .put("card", card.get("uuid").asText())
                .put("outcome", "overridden")
                .put("outcomeTimestamp", outcomeTimestamp);
        if (reasonCode != null) {
            var reason = entry.putObject("overrideReason");
            reason.putObject("reason").put("system", OVERRIDE_SYSTEM).put("code", reasonCode).put("display", reasonCode);
            reason.put("userComment", "Patient Jansen already seen by the neurologist this morning");
        }
        return feedback("lbp-order-select", entry);
    }

    ResponseEntity<String> feedback(String serviceId, JsonNode... entries) {
        var message = JSON.createObjectNode();
        var array = message.putArray("feedback");
        for (var entry : entries) {
            array.add(entry);
        }
        return post("/cds-services/" + serviceId + "/feedback", message.toString());
    }

    ResponseEntity<String> post(String path, String body) {
        var headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return rest.postForEntity(path, new HttpEntity<>(body, headers), String.class);
    }
}
