package org.lbpcdshooks.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.lbpcdshooks.FhirValidation;
import org.lbpcdshooks.LbpCdsHooksApplication;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * The demo data behind the page at {@code /}: served dated to the service's today (here 100 days after the
 * vignettes' 2026-11-23), valid FHIR transaction Bundles that load into a FHIR server, and every patient answered by
 * its hook when the request is built as the page builds it.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        classes = {LbpCdsHooksApplication.class, DemoPatientsTest.HundredDaysLater.class})
class DemoPatientsTest {

    static final String CAUDA_EQUINA = "woman-48-sciatica-saddle-numbness";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestConfiguration(proxyBeanMethods = false)
    static class HundredDaysLater {
        @Bean
        @Primary
        Clock hundredDaysAfterTheVignettes() {
            return Clock.fixed(Instant.parse("2027-03-03T10:00:00Z"), ZoneOffset.UTC);
        }
    }

    @Autowired
    TestRestTemplate rest;

    @Test
    void listsEveryPatientDatedToTheServicesToday() throws Exception {
        var index = get("/demo/patients");

        assertThat(index.get("today").asText()).isEqualTo("2027-03-03");
        assertThat(index.get("bundleToday").asText()).isEqualTo("2026-11-23");
        assertThat(index.at("/service/jurisdiction").asText()).isEqualTo("NL");
        assertThat(index.at("/service/authentication").asBoolean()).isFalse();
        assertThat(index.get("patients").size()).isGreaterThanOrEqualTo(30);
        var v09 = patient(index, CAUDA_EQUINA);
        assertThat(v09.get("vignette").asText()).isEqualTo("V-09");
        assertThat(v09.get("hook").asText()).isEqualTo("order-select");
        assertThat(v09.at("/draftOrders/0/code/coding/0/code").asText()).isEqualTo("24968-0");

        var bundle = get("/demo/patients/" + CAUDA_EQUINA);
        var text = bundle.toString();
        // 2026-11-23 (today in the vignette) and 2026-11-13 (sciatica onset, 10 days before) moved by 100 days
        assertThat(text).contains("\"effectiveDateTime\":\"2027-03-03\"", "\"onsetDateTime\":\"2027-02-21\"")
                .doesNotContain("2026-11-23");
    }

    @Test
    void anUnknownPatientIsNotFound() {
        var response = rest.getForEntity("/demo/patients/../../application.yml", String.class);
        assertThat(response.getStatusCode()).isIn(HttpStatus.NOT_FOUND, HttpStatus.BAD_REQUEST);
        assertThat(rest.getForEntity("/demo/patients/nobody", String.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void everyBundleIsAValidTransactionOfOnePatientsResources() throws Exception {
        var validation = new FhirValidation();
        var errors = new LinkedHashMap<String, List<String>>();
        for (var patient : get("/demo/patients").get("patients")) {
            var id = patient.get("id").asText();
            var bundle = get("/demo/patients/" + id);
            assertThat(bundle.get("type").asText()).isEqualTo("transaction");
            for (var entry : bundle.get("entry")) {
                var resource = entry.get("resource");
                var reference = resource.get("resourceType").asText() + "/" + resource.get("id").asText();
                assertThat(entry.at("/request/method").asText()).isEqualTo("PUT");
                assertThat(entry.at("/request/url").asText()).isEqualTo(reference);
                if (resource.has("subject")) {
                    assertThat(resource.at("/subject/reference").asText()).as(reference).isEqualTo("Patient/" + id);
                }
            }
            var found = validation.errors(bundle.toString());
            if (!found.isEmpty()) {
                errors.put(id, found);
            }
        }
        assertThat(errors).isEmpty();
    }

    @Test
    void everyPatientIsAnsweredByItsHookAsThePageAsksIt() throws Exception {
        var discovery = get("/cds-services");
        var serviceByHook = new LinkedHashMap<String, String>();
        discovery.get("services").forEach(s -> serviceByHook.put(s.get("hook").asText(), s.get("id").asText()));
        var failures = new LinkedHashMap<String, String>();
        for (var patient : get("/demo/patients").get("patients")) {
            var id = patient.get("id").asText();
            var request = DemoRequests.asThePageBuildsIt(patient, get("/demo/patients/" + id));
            var headers = new HttpHeaders();
            headers.setContentType(MediaType.APPLICATION_JSON);
            headers.set(HttpHeaders.ACCEPT_LANGUAGE, "en");
            var response = rest.postForEntity("/cds-services/" + serviceByHook.get(patient.get("hook").asText()),
                    new HttpEntity<>(request.toString(), headers), String.class);
            if (response.getStatusCode() != HttpStatus.OK) {
                failures.put(id, response.getStatusCode() + " " + response.getBody());
            } else if (id.equals(CAUDA_EQUINA)) {
                var cards = JSON.readTree(response.getBody()).get("cards");
                assertThat(cards).hasSize(1);
                assertThat(cards.at("/0/indicator").asText()).isEqualTo("critical");
                assertThat(cards.at("/0/summary").asText())
                        .isEqualTo("Urgent neurologist consult: suspected cauda equina");
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void thePageLoadsNothingFromOutsideTheService() {
        var page = rest.getForEntity("/", String.class);
        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(page.getBody()).contains("demo.js", "demo.css", "spring-boot.run.profiles=demo");
        var external = Pattern.compile("(src|href)\\s*=\\s*\"(https?:)?//", Pattern.CASE_INSENSITIVE);
        for (var path : List.of("/", "/demo.js", "/demo.css")) {
            var body = rest.getForEntity(path, String.class).getBody();
            assertThat(external.matcher(body).find()).as(path + " refers to an external resource").isFalse();
            assertThat(body).as(path).doesNotContain("@import", "fetch('http", "fetch(\"http", "url(http");
        }
    }

    private JsonNode get(String path) throws Exception {
        var response = rest.getForEntity(path, String.class);
        assertThat(response.getStatusCode()).as(path).isEqualTo(HttpStatus.OK);
        return JSON.readTree(response.getBody());
    }

    private static ObjectNode patient(JsonNode index, String id) {
        for (var patient : index.get("patients")) {
            if (patient.get("id").asText().equals(id)) {
                return (ObjectNode) patient;
            }
        }
        throw new AssertionError("no demo patient " + id);
    }
}
