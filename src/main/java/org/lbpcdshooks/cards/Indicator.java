package org.lbpcdshooks.cards;

import com.fasterxml.jackson.annotation.JsonValue;

/** Card urgency, ordered from most to least urgent (rules.md §0.5 P7). */
public enum Indicator {
    CRITICAL,
    WARNING,
    INFO;

    /**
     * PlanDefinition action priority to card indicator: stat is critical, asap and urgent warn, routine informs.
     */
    public static Indicator fromPriority(String priority) {
        return switch (priority) {
            case "stat" -> CRITICAL;
            case "asap", "urgent" -> WARNING;
            case "routine" -> INFO;
            default -> throw new IllegalArgumentException("Unknown action priority " + priority);
        };
    }

    @JsonValue
    public String json() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
