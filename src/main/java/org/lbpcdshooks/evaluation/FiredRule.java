package org.lbpcdshooks.evaluation;

import java.util.List;
import java.util.Map;
import org.lbpcdshooks.knowledge.Rule;

/**
 * A rule whose applicability conditions held for this patient, with the values of its dynamic expressions (by
 * dynamicValue path, e.g. {@code priority}, {@code textEquivalent}) and the suggestions whose conditions held.
 */
public record FiredRule(Rule rule, Map<String, Object> dynamicValues, List<FiredSuggestion> suggestions) {

    public FiredRule {
        dynamicValues = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(dynamicValues));
        suggestions = List.copyOf(suggestions);
    }
}
