package org.lbpcdshooks.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.PlanDefinition.PlanDefinitionActionComponent;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencds.cqf.fhir.cql.EvaluationSettings;

/**
 * Walks the clinical contract (../shared/guideline/rules.md) against the PlanDefinitions: every catalogue rule of the
 * implemented groups has exactly one action, every action is a catalogue rule, and every action carries its texts
 * in English and Dutch and its terminology.md display.
 */
class CatalogueCoverageTest {

    /** Rule groups whose rules must all be implemented (issue by issue, the list grows to all six). */
    private static final Set<String> IMPLEMENTED_GROUPS = Set.of("RF", "IMG", "INT", "MED", "PHY", "PSY");

    private static final Pattern RULE_HEADING = Pattern.compile("^### (LBP-([A-Z]+)-\\d{2}) — ", Pattern.MULTILINE);
    private static final String TRANSLATION = KnowledgeVocabulary.TRANSLATION_EXTENSION;

    static RuleCatalog catalog;
    static KnowledgeRepository knowledge;
    static Set<String> catalogueRules;

    @BeforeAll
    static void load() throws IOException {
        knowledge = KnowledgeRepository.fromClasspath(FhirContext.forR4Cached(), "fhir-resources");
        catalog = RuleCatalog.build(knowledge, CqlLibraries.compile(EvaluationSettings.getDefault(), "cql"));
        var rulesMd = Files.readString(Path.of(System.getProperty("lbp.guideline.dir", "../shared/guideline"), "rules.md"));
        catalogueRules = new TreeSet<>();
        RULE_HEADING.matcher(rulesMd).results().forEach(match -> catalogueRules.add(match.group(1)));
    }

    @Test
    void theCatalogueListsAllSixtyRules() {
        assertThat(catalogueRules).hasSize(60);
    }

    @Test
    void everyRuleOfTheImplementedGroupsHasAnAction() {
        var expected = catalogueRules.stream()
                .filter(rule -> IMPLEMENTED_GROUPS.contains(rule.split("-")[1]))
                .toList();

        assertThat(catalog.ruleIds()).containsAll(expected);
    }

    @Test
    void everyActionIsARuleOfTheCatalogue() {
        assertThat(catalogueRules).containsAll(catalog.ruleIds());
    }

    @Test
    void everyRuleHasItsTextsInEnglishDutchAndFrenchAndItsCatalogueDisplay() {
        var rules = knowledge.require(CodeSystem.class, KnowledgeVocabulary.RULE_SYSTEM);
        for (var id : catalog.ruleIds()) {
            var action = catalog.rule(id).orElseThrow().action();
            var coding = action.getCodeFirstRep().getCodingFirstRep();
            assertThat(coding.getDisplay()).as(id).isEqualTo(rules.getConcept().stream()
                    .filter(concept -> concept.getCode().equals(id)).findFirst().orElseThrow().getDisplay());
            assertTranslated(id + " title", action.getTitleElement());
            assertTranslated(id + " description", action.getDescriptionElement());
            assertThat(action.getTitle().replaceAll("\\{[A-Za-z_]+}", "")).as(id + " summary").hasSizeLessThan(140);
            assertSuggestionLabelsTranslated(id, action);
        }
    }

    private static void assertSuggestionLabelsTranslated(String id, PlanDefinitionActionComponent action) {
        for (var child : action.getAction()) {
            if (child.hasTitle()) {
                assertTranslated(id + " suggestion '" + child.getTitle() + "'", child.getTitleElement());
            }
        }
    }

    /** Every text exists in English (the element), Dutch and French (Belgian users read either). */
    private static void assertTranslated(String what, PrimitiveType<?> element) {
        assertThat(element.getValueAsString()).as(what).isNotBlank();
        for (var language : new String[] {"nl", "fr"}) {
            assertThat(element.getExtensionsByUrl(TRANSLATION))
                    .as(what + " has a translation in " + language)
                    .anySatisfy(translation -> assertThat(
                                    translation.getExtensionByUrl("lang").getValue().primitiveValue())
                            .isEqualTo(language));
        }
    }
}
