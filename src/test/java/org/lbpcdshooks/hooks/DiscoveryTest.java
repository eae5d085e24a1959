package org.lbpcdshooks.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.lbpcdshooks.FixedClockConfiguration;
import org.lbpcdshooks.LbpCdsHooksApplication;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;

// Metrics export is off in tests unless asked for; the Prometheus endpoint is part of what operators rely on.
@org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        classes = {LbpCdsHooksApplication.class, FixedClockConfiguration.class})
class DiscoveryTest {

    private static final Pattern TOKEN = Pattern.compile("\\{\\{([^}]*)}}");
    private static final List<String> PREFETCH_KEYS = List.of(
            "patient", "conditions", "observations", "medicationRequests", "serviceRequests", "procedures",
            "allergyIntolerances");

    @Autowired
    TestRestTemplate rest;

    @Test
    void listsTheThreeHooksWithTheirPrefetchTemplates() throws Exception {
        var response = rest.getForEntity("/cds-services", String.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        var services = new ObjectMapper().readTree(response.getBody()).get("services");
        var hooks = new ArrayList<String>();
        services.forEach(service -> hooks.add(service.get("id").asText() + "=" + service.get("hook").asText()));
        assertThat(hooks).containsExactly(
                "lbp-order-select=order-select", "lbp-order-sign=order-sign", "lbp-patient-view=patient-view");
        services.forEach(DiscoveryTest::assertDescribedWithTheGuidelinePrefetch);
    }

    @Test
    void theApiIsDescribedInOpenApi() {
        var response = rest.getForEntity("/openapi.yaml", String.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody()).contains("openapi: 3.0.3", "/cds-services/{id}/feedback", "/analytics/rules");
    }

    @Test
    void healthAndPrometheusMetricsAreExposed() throws Exception {
        // one hook call so that the hook latency timer exists
        var headers = new org.springframework.http.HttpHeaders();
        headers.setContentType(org.springframework.http.MediaType.APPLICATION_JSON);
        rest.postForEntity("/cds-services/lbp-patient-view", new org.springframework.http.HttpEntity<>(
                org.lbpcdshooks.PatientViewRequests.caudaEquina().toString(), headers), String.class);

        assertThat(rest.getForEntity("/actuator/health/readiness", String.class).getBody()).contains("UP");
        var metrics = rest.getForEntity("/actuator/prometheus", String.class);
        assertThat(metrics.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(metrics.getBody()).contains("jvm_memory_used_bytes", "lbp_hook_duration_seconds", "lbp_cards_issued_total");
    }

    @Test
    void theSandboxMayCallFromTheBrowserWithoutCredentials() {
        var headers = new org.springframework.http.HttpHeaders();
        headers.setOrigin("https://sandbox.cds-hooks.org");
        headers.setAccessControlRequestMethod(org.springframework.http.HttpMethod.POST);
        headers.setAccessControlRequestHeaders(List.of("content-type", "authorization"));

        var preflight = rest.exchange("/cds-services/lbp-patient-view", org.springframework.http.HttpMethod.OPTIONS,
                new org.springframework.http.HttpEntity<>(headers), String.class);

        assertThat(preflight.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(preflight.getHeaders().getAccessControlAllowOrigin()).isEqualTo("https://sandbox.cds-hooks.org");
        assertThat(preflight.getHeaders().getAccessControlAllowCredentials()).isFalse();
    }

    @Test
    void anOriginThatIsNotConfiguredIsNotAllowed() {
        var headers = new org.springframework.http.HttpHeaders();
        headers.setOrigin("https://evil.example.org");
        headers.setAccessControlRequestMethod(org.springframework.http.HttpMethod.POST);

        var preflight = rest.exchange("/cds-services/lbp-patient-view", org.springframework.http.HttpMethod.OPTIONS,
                new org.springframework.http.HttpEntity<>(headers), String.class);

        assertThat(preflight.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(preflight.getHeaders().getAccessControlAllowOrigin()).isNull();
    }

    private static void assertDescribedWithTheGuidelinePrefetch(JsonNode service) {
        assertThat(service.get("title").asText()).isNotBlank();
        assertThat(service.get("description").asText()).contains("NHG", "KCE");
        var prefetch = service.get("prefetch");
        assertThat(iterable(prefetch.fieldNames())).containsExactlyElementsOf(PREFETCH_KEYS);
        prefetch.forEach(template -> {
            // Only CDS Hooks 2.0 tokens, and no clinical-status filter (history definitions read resolved conditions).
            var tokens = TOKEN.matcher(template.asText()).results().map(match -> match.group(1)).toList();
            assertThat(tokens).containsOnly("context.patientId");
            assertThat(template.asText()).doesNotContain("clinical-status", "status=");
        });
    }

    private static List<String> iterable(java.util.Iterator<String> names) {
        var list = new ArrayList<String>();
        names.forEachRemaining(list::add);
        return list;
    }
}
