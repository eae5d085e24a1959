package org.lbpcdshooks.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lbpcdshooks.FixedClockConfiguration;
import org.lbpcdshooks.LbpCdsHooksApplication;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/** Feedback on issued cards is validated against what was issued and stored exactly once. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        classes = {LbpCdsHooksApplication.class, FixedClockConfiguration.class})
class FeedbackEndpointTest {

    @Autowired
    TestRestTemplate rest;

    @Autowired
    JdbcTemplate jdbc;

    FeedbackClient client;

    @BeforeEach
    void client() {
        client = new FeedbackClient(rest);
    }

    @Test
    void acceptedFeedbackIsStoredOnceEvenWhenSentTwice() throws Exception {
        var card = client.caudaEquinaCard();

        assertThat(client.accepted(card, "2026-11-23T10:05:00+01:00").getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(client.accepted(card, "2026-11-23T10:05:00+01:00").getStatusCode()).isEqualTo(HttpStatus.OK);

        assertThat(storedFor(card.get("uuid").asText())).isEqualTo(1);
    }

    @Test
    void anOverrideWithAReasonTheCardOfferedIsStoredWithoutTheComment() throws Exception {
        var card = client.caudaEquinaCard();

        var response = client.overridden(card, "finding-not-present", "2026-11-23T10:06:00Z");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(jdbc.queryForObject("SELECT reason_code FROM card_feedback WHERE card_uuid = ?", String.class,
                card.get("uuid").asText())).isEqualTo("finding-not-present");
        assertThat(jdbc.queryForList("SELECT * FROM card_feedback").toString()).doesNotContain("Jansen");
    }

    @Test
    void anOverrideWithoutReasonIsAccepted() throws Exception {
        var card = client.caudaEquinaCard();

        assertThat(client.overridden(card, null, "2026-11-23T10:07:00Z").getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void anOverrideReasonTheCardDidNotOfferIsRefused() throws Exception {
        var card = client.caudaEquinaCard();

        var response = client.overridden(card, "benefit-outweighs-risk", "2026-11-23T10:08:00Z");

        assertError(response, HttpStatus.UNPROCESSABLE_ENTITY, "unknown-card");
        assertThat(storedFor(card.get("uuid").asText())).isZero();
    }

    @Test
    void anUnknownCardIsRefused() throws Exception {
        var unknown = FeedbackClient.JSON.createObjectNode().put("uuid", "5b3f0b9e-0000-4000-8000-000000000000");
        unknown.putArray("suggestions").addObject().put("uuid", "x");

        assertError(client.accepted(unknown, "2026-11-23T10:09:00Z"), HttpStatus.UNPROCESSABLE_ENTITY, "unknown-card");
    }

    @Test
    void aSuggestionOfAnotherCardIsRefused() throws Exception {
        var card = client.caudaEquinaCard();
        var other = client.caudaEquinaCard();
        var entry = FeedbackClient.JSON.createObjectNode()
                .put("card", card.get("uuid").asText()).put("outcome", "accepted").put("outcomeTimestamp", "2026-11-23T10:10:00Z");
        entry.putArray("acceptedSuggestions").addObject().put("id", other.at("/suggestions/0/uuid").asText());

        assertError(client.feedback("lbp-order-select", entry), HttpStatus.UNPROCESSABLE_ENTITY, "unknown-card");
    }

    @Test
    void feedbackSentToAnotherServiceIsRefused() throws Exception {
        var card = client.caudaEquinaCard();
        var entry = FeedbackClient.JSON.createObjectNode()
                .put("card", card.get("uuid").asText()).put("outcome", "overridden").put("outcomeTimestamp", "2026-11-23T10:11:00Z");

        assertError(client.feedback("lbp-patient-view", entry), HttpStatus.UNPROCESSABLE_ENTITY, "unknown-card");
    }

    @Test
    void malformedFeedbackIsABadRequest() throws Exception {
        var card = client.caudaEquinaCard();
        var noTimestamp = FeedbackClient.JSON.createObjectNode().put("card", card.get("uuid").asText()).put("outcome", "overridden");
        var badOutcome = noTimestamp.deepCopy().put("outcome", "ignored").put("outcomeTimestamp", "2026-11-23T10:12:00Z");
        var acceptedWithoutSuggestions = noTimestamp.deepCopy().put("outcome", "accepted").put("outcomeTimestamp", "2026-11-23T10:12:00Z");

        assertError(client.post("/cds-services/lbp-order-select/feedback", "{not json"), HttpStatus.BAD_REQUEST, "invalid-feedback");
        assertError(client.post("/cds-services/lbp-order-select/feedback", "{}"), HttpStatus.BAD_REQUEST, "invalid-feedback");
        assertError(client.post("/cds-services/lbp-order-select/feedback", "{\"feedback\":{}}"), HttpStatus.BAD_REQUEST, "invalid-feedback");
        assertError(client.feedback("lbp-order-select", noTimestamp), HttpStatus.BAD_REQUEST, "invalid-feedback");
        assertError(client.feedback("lbp-order-select", badOutcome), HttpStatus.BAD_REQUEST, "invalid-feedback");
        assertError(client.feedback("lbp-order-select", acceptedWithoutSuggestions), HttpStatus.BAD_REQUEST, "invalid-feedback");
        assertThat(storedFor(card.get("uuid").asText())).isZero();
    }

    @Test
    void feedbackForAnUnknownServiceIsNotFound() throws Exception {
        var card = client.caudaEquinaCard();

        var response = client.feedback("lbp-knee", FeedbackClient.JSON.createObjectNode().put("card", card.get("uuid").asText()));

        assertError(response, HttpStatus.NOT_FOUND, "not-found");
    }

    private int storedFor(String cardUuid) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM card_feedback WHERE card_uuid = ?", Integer.class, cardUuid);
    }

    private static void assertError(ResponseEntity<String> response, HttpStatus status, String code) {
        assertThat(response.getStatusCode()).isEqualTo(status);
        assertThat(response.getBody()).contains("\"code\":\"" + code + "\"").doesNotContain("Exception", "at org.");
    }
}
