package org.lbpcdshooks.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.lbpcdshooks.FixedClockConfiguration;
import org.lbpcdshooks.LbpCdsHooksApplication;
import org.lbpcdshooks.PatientViewRequests;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * A full set of calls (cards, client errors, a failing EHR read, an invalid JWT) leaves an access-log line per call
 * and nothing of the patient: no name, identifier, patient id, resource body, access token or JWT.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        classes = {LbpCdsHooksApplication.class, FixedClockConfiguration.class})
class NoPatientDataInLogsTest {

    private static final String NAME = "Wilhelmina Zwanenburg";
    private static final String BSN = "999911120";
    private static final String TOKEN = "secret-access-token-4c1d";
    private static final String JWT = "eyJhbGciOiJFUzM4NCJ9.eyJpc3MiOiJodHRwczovL2Voci5leGFtcGxlIn0.c2lnbmF0dXJl";

    @Autowired
    TestRestTemplate rest;

    @Test
    void logsNoPatientDataAndNoTokens(CapturedOutput output) {
        var request = PatientViewRequests.caudaEquina();
        var patient = (ObjectNode) request.get("prefetch").get("patient");
        patient.putArray("name").addObject().put("text", NAME);
        patient.putArray("identifier").addObject().put("system", "http://fhir.nl/fhir/NamingSystem/bsn").put("value", BSN);

        post(request, null);                                                  // 200 with a critical card
        post(request.deepCopy().put("hook", "order-sign"), null);             // 400 wrong hook
        var fetching = request.deepCopy();
        ((ObjectNode) fetching.get("prefetch")).remove("observations");
        fetching.put("fhirServer", "http://127.0.0.1:9/fhir");
        fetching.putObject("fhirAuthorization").put("access_token", TOKEN).put("token_type", "Bearer");
        post(fetching, "Bearer " + JWT);                                      // 412: the EHR cannot be reached
        ((ObjectNode) request.get("prefetch")).putObject("observations").put("resourceType", "Observation")
                .put("status", 7).put("comment", NAME);
        post(request, null);                                                  // 422 invalid FHIR

        assertThat(output.getAll())
                .contains("path=/cds-services/lbp-patient-view status=200", "rules=[LBP-RF-01]", "status=412")
                .doesNotContain(NAME, BSN, PatientViewRequests.PATIENT_ID, TOKEN, JWT, "saddle", "1978-06-02");
    }

    private void post(ObjectNode request, String authorization) {
        request.put("hookInstance", UUID.randomUUID().toString());
        var headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        if (authorization != null) {
            headers.set(HttpHeaders.AUTHORIZATION, authorization);
        }
        rest.postForEntity("/cds-services/lbp-patient-view", new HttpEntity<>(request.toString(), headers), String.class);
    }
}
