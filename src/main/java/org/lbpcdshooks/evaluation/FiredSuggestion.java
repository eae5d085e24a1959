package org.lbpcdshooks.evaluation;

import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.PlanDefinition.PlanDefinitionActionComponent;

/**
 * A suggestion (child action of a rule) whose conditions held. Its own dynamic values (e.g. {@code resource}: the
 * draft orders it acts on) and, for a composite suggestion such as "replace", its fired sub-actions.
 */
public record FiredSuggestion(
        PlanDefinitionActionComponent action, Map<String, Object> dynamicValues, List<FiredSuggestion> parts) {

    public FiredSuggestion {
        dynamicValues = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(dynamicValues));
        parts = List.copyOf(parts);
    }
}
