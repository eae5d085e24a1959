package org.lbpcdshooks.feedback;

import java.time.Instant;
import java.util.List;

/** What is remembered of a card the service issued: enough to validate and analyse feedback, no patient data. */
public record IssuedCard(
        String cardUuid,
        String serviceId,
        String ruleId,
        String indicator,
        Instant issuedAt,
        List<String> suggestionUuids,
        List<OverrideReason> overrideReasons) {

    public IssuedCard {
        suggestionUuids = List.copyOf(suggestionUuids);
        overrideReasons = List.copyOf(overrideReasons);
    }

    public record OverrideReason(String system, String code) {}
}
