package org.lbpcdshooks.feedback;

import java.time.Instant;
import java.util.List;

/** One validated feedback entry (CDS Hooks 2.0 §Feedback), without the clinician's free-text comment. */
public record Feedback(
        String cardUuid,
        Outcome outcome,
        Instant outcomeTimestamp,
        List<String> acceptedSuggestions,
        IssuedCard.OverrideReason overrideReason) {

    public Feedback {
        acceptedSuggestions = List.copyOf(acceptedSuggestions);
    }

    public enum Outcome {
        ACCEPTED,
        OVERRIDDEN;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
