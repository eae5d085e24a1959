package org.lbpcdshooks.knowledge;

import java.util.Set;
import org.hl7.fhir.r4.model.PlanDefinition.PlanDefinitionActionComponent;

/**
 * One catalogue rule: the PlanDefinition action whose id is the rule id. The action is shared and read-only; it
 * carries the card texts, indicator, source, override reasons and suggestions.
 */
public record Rule(String id, String libraryName, Set<String> hooks, PlanDefinitionActionComponent action) {

    public boolean appliesTo(String hook) {
        return hooks.contains(hook);
    }
}
