package org.lbpcdshooks.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.Test;
import org.lbpcdshooks.FixedClockConfiguration;
import org.lbpcdshooks.LbpCdsHooksApplication;
import org.lbpcdshooks.knowledge.RuleCatalog;
import org.lbpcdshooks.prefetch.PrefetchResolver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Prefetch resources are parsed from the request's JSON tree, not from its text: the tree must keep what HAPI would
 * keep reading the text itself, such as a decimal's precision ("1.50" is not "1.5" in FHIR).
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        classes = {LbpCdsHooksApplication.class, FixedClockConfiguration.class})
class PrefetchFidelityTest {

    @Autowired
    HookRequestReader reader;

    @Autowired
    PrefetchResolver prefetch;

    @Autowired
    RuleCatalog catalog;

    @Autowired
    FhirContext fhir;

    @Test
    void decimalsKeepTheirPrecisionAndSign() throws Exception {
        var service = catalog.service("lbp-patient-view").orElseThrow();
        var prefetchJson = new StringBuilder();
        for (var key : service.prefetch().keySet()) {
            prefetchJson.append(prefetchJson.isEmpty() ? "" : ",").append('"').append(key).append("\":")
                    .append(key.equals("observations") ? OBSERVATIONS : "null");
        }
        var body = reader.read("""
                {"hook": "patient-view", "hookInstance": "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea",
                 "context": {"userId": "Practitioner/1", "patientId": "p1"},
                 "prefetch": {%s}}""".formatted(prefetchJson).getBytes(java.nio.charset.StandardCharsets.UTF_8), "application/json");

        var data = prefetch.resolve(service, HookRequest.from(body, service).context());

        var values = data.bundle().getEntry().stream()
                .map(entry -> entry.getResource())
                .filter(Observation.class::isInstance)
                .map(resource -> ((Observation) resource).getValueQuantity().getValueElement().getValueAsString())
                .toList();
        var fromText = fhir.newJsonParser().parseResource(org.hl7.fhir.r4.model.Bundle.class, OBSERVATIONS).getEntry().stream()
                .map(entry -> ((Observation) entry.getResource()).getValueQuantity().getValueElement().getValueAsString())
                .toList();
        assertThat(values).isEqualTo(fromText).startsWith("1.50").hasSize(3);
    }

    private static final String OBSERVATIONS = """
            {"resourceType": "Bundle", "type": "searchset", "entry": [
              {"resource": {"resourceType": "Observation", "id": "a", "status": "final",
                "code": {"text": "a"}, "subject": {"reference": "Patient/p1"}, "valueQuantity": {"value": 1.50}}},
              {"resource": {"resourceType": "Observation", "id": "b", "status": "final",
                "code": {"text": "b"}, "subject": {"reference": "Patient/p1"}, "valueQuantity": {"value": +2}}},
              {"resource": {"resourceType": "Observation", "id": "c", "status": "final",
                "code": {"text": "c"}, "subject": {"reference": "Patient/p1"}, "valueQuantity": {"value": 1.23e-4}}}
            ]}""";
}
