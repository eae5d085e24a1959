package org.lbpcdshooks.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.lbpcdshooks.FixedClockConfiguration;
import org.lbpcdshooks.LbpCdsHooksApplication;
import org.lbpcdshooks.PatientViewRequests;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * On order hooks each in-focus imaging order comes back as a systemAction: an update of the draft with its
 * appropriateness (PAMA style) and the rules behind it, mirrored in {@code extension.systemActions}.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        classes = {LbpCdsHooksApplication.class, FixedClockConfiguration.class})
class SystemActionsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EXTENSION = "http://lbp-cds-hooks.org/fhir/StructureDefinition/imaging-appropriateness";

    @Autowired
    TestRestTemplate rest;

    @Test
    void anMriWithoutRedFlagsIsMarkedNotAppropriateByImg01() throws Exception {
        var response = call("mri-order-select-without-red-flags-despite-erroneous-data");

        var action = onlySystemAction(response);
        assertThat(action.get("type").asText()).isEqualTo("update");
        assertThat(action.get("description").asText()).contains("not-appropriate", "LBP-IMG-01");
        var order = action.get("resource");
        assertThat(order.get("resourceType").asText()).isEqualTo("ServiceRequest");
        assertThat(order.get("id").asText()).isEqualTo("mri3");
        assertThat(order.at("/code/coding/0/code").asText()).isEqualTo("24968-0");
        assertThat(appropriateness(order)).isEqualTo("not-appropriate [LBP-IMG-01]");
        assertThat(response.get("extension").get("systemActions")).isEqualTo(response.get("systemActions"));
    }

    @Test
    void anMriForSuspectedCaudaEquinaIsAppropriate() throws Exception {
        var response = call("cauda-equina-saddle-anaesthesia-mri-order-select");

        assertThat(appropriateness(onlySystemAction(response).get("resource"))).isEqualTo("appropriate [D-RED-FLAG-ANY]");
    }

    @Test
    void patientViewHasNoSystemActions() throws Exception {
        var headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        var body = rest.postForEntity("/cds-services/lbp-patient-view",
                new HttpEntity<>(PatientViewRequests.caudaEquina().toString(), headers), String.class).getBody();

        assertThat(JSON.readTree(body).has("systemActions")).isFalse();
        assertThat(JSON.readTree(body).has("extension")).isFalse();
    }

    private JsonNode call(String vignette) throws Exception {
        var request = Vignette.named(vignette);
        var headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return JSON.readTree(rest.postForEntity("/cds-services/" + request.serviceId(),
                new HttpEntity<>(request.requestJson(), headers), String.class).getBody());
    }

    private static JsonNode onlySystemAction(JsonNode response) {
        assertThat(response.get("systemActions")).hasSize(1);
        return response.get("systemActions").get(0);
    }

    private static String appropriateness(JsonNode order) {
        for (var extension : order.get("extension")) {
            if (extension.get("url").asText().equals(EXTENSION)) {
                var rating = "";
                var basis = new java.util.ArrayList<String>();
                for (var part : extension.get("extension")) {
                    if (part.get("url").asText().equals("rating")) {
                        rating = part.at("/valueCoding/code").asText();
                    } else {
                        basis.add(part.get("valueString").asText());
                    }
                }
                return rating + " " + basis;
            }
        }
        return "none";
    }
}
