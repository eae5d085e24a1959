package org.lbpcdshooks.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lbpcdshooks.FhirValidation;
import org.lbpcdshooks.FixedClockConfiguration;
import org.lbpcdshooks.LbpCdsHooksApplication;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * Every FHIR resource the service puts in a suggestion or systemAction, over all Dutch primary-care vignettes, passes
 * the offline HAPI FHIR instance validator with 0 errors: an EHR can store what it accepts.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        classes = {LbpCdsHooksApplication.class, FixedClockConfiguration.class})
class SuggestedResourcesAreValidTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    TestRestTemplate rest;

    @Test
    void everySuggestedOrUpdatedResourceIsValidFhirR4() throws Exception {
        var validation = new FhirValidation();
        var errors = new LinkedHashMap<String, List<String>>();
        var checked = 0;
        for (var name : Vignette.configuredFor("NL", "primary").toList()) {
            var vignette = Vignette.named(name);
            var headers = new HttpHeaders();
            headers.setContentType(MediaType.APPLICATION_JSON);
            var response = JSON.readTree(rest.postForEntity("/cds-services/" + vignette.serviceId(),
                    new HttpEntity<>(vignette.requestJson(), headers), String.class).getBody());
            for (var resource : resourcesIn(response)) {
                checked++;
                var found = validation.errors(resource.toString());
                if (!found.isEmpty()) {
                    errors.put(name + " " + resource.get("resourceType").asText(), found);
                }
            }
        }
        assertThat(checked).isGreaterThan(10);
        assertThat(errors).isEmpty();
    }

    private static List<JsonNode> resourcesIn(JsonNode response) {
        var resources = new ArrayList<JsonNode>();
        response.path("cards").forEach(card -> card.path("suggestions").forEach(suggestion ->
                suggestion.path("actions").forEach(action -> {
                    if (action.has("resource")) {
                        resources.add(action.get("resource"));
                    }
                })));
        response.path("systemActions").forEach(action -> resources.add(action.get("resource")));
        return resources;
    }
}
