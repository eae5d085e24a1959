package org.lbpcdshooks.cards;

import static org.lbpcdshooks.knowledge.KnowledgeVocabulary.TRANSLATION_EXTENSION;

import org.hl7.fhir.r4.model.PrimitiveType;

/** Reads a FHIR string in a language: the element itself is English, other languages are translation extensions. */
final class LocalizedText {

    private LocalizedText() {}

    static String of(PrimitiveType<?> element, Language language) {
        if (element == null || element.isEmpty()) {
            return null;
        }
        if (language != Language.EN) {
            for (var translation : element.getExtensionsByUrl(TRANSLATION_EXTENSION)) {
                var lang = translation.getExtensionByUrl("lang");
                var content = translation.getExtensionByUrl("content");
                if (lang != null && content != null && language.code().equals(lang.getValue().primitiveValue())) {
                    return content.getValue().primitiveValue();
                }
            }
        }
        return element.getValueAsString();
    }
}
