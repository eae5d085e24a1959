package org.lbpcdshooks.feedback;

import static org.assertj.core.api.Assertions.assertThat;

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

/** Analytics on a fixed set of feedback: what a guideline owner sees per rule. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        classes = {LbpCdsHooksApplication.class, FixedClockConfiguration.class},
        properties = "lbp.analytics.api-key=guideline-owner-key")
class RuleAnalyticsTest {

    @Autowired
    TestRestTemplate rest;

    @Test
    void countsIssuedAcceptedAndOverriddenCardsPerRuleWithTheTopReasons() throws Exception {
        var client = new FeedbackClient(rest);
        var cauda = new com.fasterxml.jackson.databind.JsonNode[4];
        for (int i = 0; i < cauda.length; i++) {
            cauda[i] = client.caudaEquinaCard();
        }
        var mri = new com.fasterxml.jackson.databind.JsonNode[2];
        for (int i = 0; i < mri.length; i++) {
            mri[i] = client.mriNotIndicatedCard();
        }
        client.accepted(cauda[0], "2026-11-23T10:00:00Z");
        client.overridden(cauda[1], "finding-not-present", "2026-11-23T10:01:00Z");
        client.overridden(cauda[2], "finding-not-present", "2026-11-23T10:02:00Z");
        client.overridden(cauda[3], "already-addressed", "2026-11-23T10:03:00Z");
        client.overridden(mri[0], "patient-preference", "2026-11-23T10:04:00Z");

        var analytics = FeedbackClient.JSON.readTree(get("Bearer guideline-owner-key").getBody()).get("rules");

        assertThat(analytics).hasSize(2);
        var caudaEquina = analytics.get(1);
        assertThat(caudaEquina.get("ruleId").asText()).isEqualTo("LBP-RF-01");
        assertThat(caudaEquina.get("issued").asLong()).isEqualTo(4);
        assertThat(caudaEquina.get("accepted").asLong()).isEqualTo(1);
        assertThat(caudaEquina.get("overridden").asLong()).isEqualTo(3);
        assertThat(caudaEquina.get("overrideRate").asDouble()).isEqualTo(0.75);
        assertThat(caudaEquina.get("topOverrideReasons").toString())
                .isEqualTo("[{\"code\":\"finding-not-present\",\"count\":2},{\"code\":\"already-addressed\",\"count\":1}]");
        var mriCard = analytics.get(0);
        assertThat(mriCard.get("ruleId").asText()).isEqualTo("LBP-IMG-01");
        assertThat(mriCard.get("issued").asLong()).isEqualTo(2);
        assertThat(mriCard.get("overrideRate").asDouble()).isEqualTo(1.0);
    }

    @Test
    void analyticsNeedTheApiKey() {
        assertThat(get(null).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(get("Bearer wrong-key").getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    private org.springframework.http.ResponseEntity<String> get(String authorization) {
        var headers = new HttpHeaders();
        if (authorization != null) {
            headers.set(HttpHeaders.AUTHORIZATION, authorization);
        }
        return rest.exchange("/analytics/rules?from=2026-11-01T00:00:00Z&to=2026-11-24T00:00:00Z", HttpMethod.GET,
                new HttpEntity<>(headers), String.class);
    }
}
