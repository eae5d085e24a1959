package org.lbpcdshooks.knowledge;

/** Canonical URLs of the project's own vocabulary and extensions. */
public final class KnowledgeVocabulary {

    public static final String BASE = "http://lbp-cds-hooks.org/fhir";
    public static final String RULE_SYSTEM = BASE + "/CodeSystem/lbp-rule";
    public static final String PREFETCH_EXTENSION = BASE + "/StructureDefinition/cds-hooks-prefetch";
    public static final String APPROPRIATENESS_EXTENSION = BASE + "/StructureDefinition/system-action-appropriateness";
    public static final String CARD_VARIANT_EXTENSION = BASE + "/StructureDefinition/card-variant";
    public static final String TRANSLATION_EXTENSION = "http://hl7.org/fhir/StructureDefinition/translation";
    public static final String CQL_IDENTIFIER = "text/cql-identifier";

    private KnowledgeVocabulary() {}
}
