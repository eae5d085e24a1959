package org.lbpcdshooks.feedback;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.lbpcdshooks.knowledge.RuleCatalog;
import org.lbpcdshooks.knowledge.UnknownServiceException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /cds-services/{id}/feedback} (CDS Hooks 2.0 §Feedback). Every entry must name a card this service
 * issued, an outcome, the accepted suggestions of that card, an override reason the card offered, and the outcome
 * time; the whole message is stored (once) or refused.
 */
@RestController
class FeedbackController {

    private final FeedbackStore store;
    private final IssuedCardLog issuedCards;
    private final ObjectMapper objectMapper;
    private final Clock clock;
    private final RuleCatalog catalog;

    FeedbackController(
            FeedbackStore store, IssuedCardLog issuedCards, ObjectMapper objectMapper, Clock clock, RuleCatalog catalog) {
        this.catalog = catalog;
        this.store = store;
        this.issuedCards = issuedCards;
        this.objectMapper = objectMapper;
        this.clock = clock;
    }

    @PostMapping(
            path = "/cds-services/{serviceId}/feedback",
            consumes = {MediaType.APPLICATION_JSON_VALUE, "application/*+json"})
    ResponseEntity<Void> feedback(@PathVariable String serviceId, @RequestBody(required = false) String body) {
        if (catalog.service(serviceId).isEmpty()) {
            throw new UnknownServiceException(serviceId);
        }
        var message = parse(body);
        issuedCards.flush();
        var entries = new ArrayList<Feedback>();
        for (var entry : message.get("feedback")) {
            entries.add(validated(entry, serviceId));
        }
        store.store(entries, clock.instant());
        return ResponseEntity.ok().build();
    }

    private JsonNode parse(String body) {
        JsonNode message;
        try {
            message = body == null || body.isBlank() ? null : objectMapper.readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InvalidFeedbackException("The feedback body is not valid JSON");
        }
        if (message == null || !message.isObject()) {
            throw new InvalidFeedbackException("The feedback body must be a JSON object");
        }
        var feedback = message.get("feedback");
        if (feedback == null || !feedback.isArray() || feedback.isEmpty()) {
            throw new InvalidFeedbackException("feedback must be a non-empty array");
        }
        return message;
    }

    private Feedback validated(JsonNode entry, String serviceId) {
        if (!entry.isObject()) {
            throw new InvalidFeedbackException("each feedback entry must be a JSON object");
        }
        var cardUuid = text(entry, "card");
        var outcome = switch (text(entry, "outcome")) {
            case "accepted" -> Feedback.Outcome.ACCEPTED;
            case "overridden" -> Feedback.Outcome.OVERRIDDEN;
            default -> throw new InvalidFeedbackException("outcome must be accepted or overridden");
        };
        var timestamp = timestamp(text(entry, "outcomeTimestamp"));
        var card = store.issuedCard(cardUuid)
                .filter(issued -> issued.serviceId().equals(serviceId))
                .orElseThrow(() -> new UnknownCardException("card " + cardUuid + " was not issued by this service"));

        var accepted = new ArrayList<String>();
        IssuedCard.OverrideReason reason = null;
        if (outcome == Feedback.Outcome.ACCEPTED) {
            var suggestions = entry.get("acceptedSuggestions");
            if (suggestions == null || !suggestions.isArray() || suggestions.isEmpty()) {
                throw new InvalidFeedbackException("accepted feedback needs acceptedSuggestions");
            }
            for (var suggestion : suggestions) {
                var id = suggestion.path("id").asText("");
                if (!card.suggestionUuids().contains(id)) {
                    throw new UnknownCardException("suggestion " + id + " is not a suggestion of card " + cardUuid);
                }
                accepted.add(id);
            }
        } else {
            reason = overrideReason(entry.get("overrideReason"), card);
        }
        return new Feedback(cardUuid, outcome, timestamp, accepted, reason);
    }

    private static IssuedCard.OverrideReason overrideReason(JsonNode overrideReason, IssuedCard card) {
        if (overrideReason == null || overrideReason.isNull()) {
            return null;
        }
        var coding = overrideReason.get("reason");
        if (coding == null || !coding.isObject()) {
            // Only a free-text comment: allowed by the spec, and the comment is not stored.
            return null;
        }
        var reason = new IssuedCard.OverrideReason(coding.path("system").asText(""), coding.path("code").asText(""));
        if (!card.overrideReasons().contains(reason)) {
            throw new UnknownCardException("override reason " + reason.code() + " is not one the card offered");
        }
        return reason;
    }

    private static Instant timestamp(String value) {
        try {
            return java.time.OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidFeedbackException("outcomeTimestamp must be an ISO 8601 date-time with offset");
        }
    }

    private static String text(JsonNode entry, String field) {
        var value = entry.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new InvalidFeedbackException(field + " is required");
        }
        return value.asText();
    }

}
