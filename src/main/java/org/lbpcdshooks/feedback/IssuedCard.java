package org.lbpcdshooks.feedback;

import java.time.Instant;
import java.util.ArrayList;
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

    // A card's lists live in its own row (one insert per card, no child tables to write under load): suggestion uuids
    // comma-separated; override reasons one per line as "system code" (a URI has no space; a FHIR code may).

    static String suggestionColumn(List<String> suggestionUuids) {
        return String.join(",", suggestionUuids);
    }

    static List<String> suggestionsFrom(String column) {
        return column == null || column.isEmpty() ? List.of() : List.of(column.split(","));
    }

    static String reasonColumn(List<OverrideReason> reasons) {
        var column = new StringBuilder();
        for (var reason : reasons) {
            column.append(column.isEmpty() ? "" : "\n").append(reason.system()).append(' ').append(reason.code());
        }
        return column.toString();
    }

    static List<OverrideReason> reasonsFrom(String column) {
        var reasons = new ArrayList<OverrideReason>();
        if (column != null && !column.isEmpty()) {
            for (var line : column.split("\n")) {
                var space = line.indexOf(' ');
                reasons.add(new OverrideReason(line.substring(0, space), line.substring(space + 1)));
            }
        }
        return reasons;
    }
}
