package org.lbpcdshooks.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.lbpcdshooks.FixedClockConfiguration;
import org.lbpcdshooks.LbpCdsHooksApplication;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/** A deployment can switch a rule off (lbp.disabled-rules): its card never appears, the others still do. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        classes = {LbpCdsHooksApplication.class, FixedClockConfiguration.class},
        properties = "lbp.disabled-rules=LBP-IMG-01")
class DisabledRuleTest {

    @Autowired
    TestRestTemplate rest;

    @Test
    void aDisabledRuleGivesNoCardAndDoesNotRateTheOrder() {
        var body = cardsFor("mri-order-select-without-red-flags-despite-erroneous-data");

        assertThat(body).startsWith("{\"cards\":[]").doesNotContain("LBP-IMG-01").contains("no-criteria-apply");
    }

    @Test
    void otherRulesStillFire() {
        assertThat(cardsFor("cauda-equina-saddle-anaesthesia-mri-order-select")).contains("LBP-RF-01");
    }

    private String cardsFor(String name) {
        var vignette = Vignette.named(name);
        var headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        var body = rest.postForEntity("/cds-services/" + vignette.serviceId(),
                new HttpEntity<>(vignette.requestJson(), headers), String.class).getBody();
        assertThat(body).startsWith("{\"cards\":");
        return body;
    }
}
