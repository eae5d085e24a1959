package org.lbpcdshooks.knowledge;

import java.util.HashMap;
import java.util.Map;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;

/**
 * Displays of the local code systems in each card language: the English {@code display} and the {@code designation}
 * per language. Card texts name findings, muscles and specialties through these, so each wording lives once.
 */
public final class CodeDisplays {

    private final Map<String, String> displays;

    public CodeDisplays(KnowledgeRepository knowledge) {
        var map = new HashMap<String, String>();
        for (var codeSystem : knowledge.codeSystems()) {
            for (var concept : codeSystem.getConcept()) {
                addConcept(map, codeSystem.getUrl(), concept);
            }
        }
        this.displays = Map.copyOf(map);
    }

    private static void addConcept(Map<String, String> map, String system, ConceptDefinitionComponent concept) {
        if (concept.hasDisplay()) {
            map.put(key(system, concept.getCode(), "en"), concept.getDisplay());
        }
        for (var designation : concept.getDesignation()) {
            if (designation.hasLanguage() && designation.hasValue()) {
                map.put(key(system, concept.getCode(), designation.getLanguage()), designation.getValue());
            }
        }
        for (var child : concept.getConcept()) {
            addConcept(map, system, child);
        }
    }

    /** The display in the language, else the English display, else null. */
    public String display(String system, String code, String language) {
        var localized = displays.get(key(system, code, language));
        return localized != null ? localized : displays.get(key(system, code, "en"));
    }

    private static String key(String system, String code, String language) {
        return system + "|" + code + "|" + language;
    }
}
