package org.lbpcdshooks.cards;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.PlanDefinition.PlanDefinitionActionComponent;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.junit.jupiter.api.Test;
import org.lbpcdshooks.evaluation.FiredSuggestion;
import org.lbpcdshooks.knowledge.CodeDisplays;
import org.lbpcdshooks.knowledge.KnowledgeRepository;
import org.opencds.cqf.cql.engine.runtime.Code;

/**
 * REPLACE suggestions (rules.md §0.8): one suggestion per in-focus draft, each with the delete of that draft and the
 * order(s) created in its place, labelled with {old} and {display}.
 */
class SuggestionBuilderTest {

    private static final String BASE = "http://lbp-cds-hooks.org/fhir";
    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final KnowledgeRepository KNOWLEDGE = KnowledgeRepository.fromClasspath(FHIR, "fhir-resources");
    private static final ResourceJson RESOURCE_JSON = new ResourceJson();

    private final SuggestionBuilder builder = new SuggestionBuilder(
            KNOWLEDGE, RESOURCE_JSON, new CodeDisplays(KNOWLEDGE), new CardIds(), true);

    @Test
    void replaceGivesEachDraftOneDeleteAndItsReplacements() {
        var replace = composite("Replace {old} by {display}", "Vervang {old} door {display}");
        var fired = new FiredSuggestion(replace, Map.of(), List.of(
                new FiredSuggestion(remove(), Map.of("resource", List.of("ServiceRequest/ct1", "ServiceRequest/ct2")), List.of()),
                new FiredSuggestion(create("order-mri-cervical", "asap"), Map.of(), List.of()),
                new FiredSuggestion(create("order-mri-thoracic", null), Map.of(), List.of())));

        var suggestions = builder.build(fired, Map.of(), "summary", context(Language.EN));

        assertThat(suggestions).hasSize(2);
        var first = suggestions.get(0);
        assertThat(first.label()).isEqualTo("Replace CT Cervical spine by MR Cervical spine, MR Thoracic spine");
        assertThat(first.isRecommended()).isTrue();
        assertThat(first.actions()).extracting(SuggestionAction::type).containsExactly("delete", "create", "create");
        assertThat(first.actions().get(0).resourceId()).isEqualTo("ServiceRequest/ct1");
        assertThat(code(first.actions().get(1).resource())).isEqualTo("24935-9");
        assertThat(code(first.actions().get(2).resource())).isEqualTo("24980-5");
        assertThat(suggestions.get(1).actions().get(0).resourceId()).isEqualTo("ServiceRequest/ct2");
    }

    @Test
    void replacementKeepsTheDraftsPriorityAndReasonUnlessStated() {
        var replace = composite("Replace {old} by {display}", "Vervang {old} door {display}");
        var fired = new FiredSuggestion(replace, Map.of(), List.of(
                new FiredSuggestion(remove(), Map.of("resource", List.of("ServiceRequest/ct1")), List.of()),
                new FiredSuggestion(create("order-mri-cervical", "asap"), Map.of(), List.of()),
                new FiredSuggestion(create("order-mri-thoracic", null), Map.of(), List.of())));

        var actions = builder.build(fired, Map.of(), "summary", context(Language.NL)).get(0).actions();

        assertThat(actions.get(1).resource().path("priority").asText()).isEqualTo("asap");
        assertThat(actions.get(2).resource().path("priority").asText()).isEqualTo("urgent");
        assertThat(actions.get(2).resource().path("reasonCode").get(0).path("coding").get(0).path("code").asText())
                .isEqualTo("M54.5");
        assertThat(actions.get(2).resource().path("status").asText()).isEqualTo("draft");
    }

    @Test
    void reasonCodesOfTheFactsWinOverTheDraftsReason() {
        var replace = composite("Replace {old} by {display}", "Vervang {old} door {display}");
        var fired = new FiredSuggestion(replace, Map.of(), List.of(
                new FiredSuggestion(remove(), Map.of("resource", List.of("ServiceRequest/ct1")), List.of()),
                new FiredSuggestion(create("order-mri-cervical", null), Map.of(), List.of())));
        var facts = Map.<String, Object>of("reasonCodes",
                List.of(new Code().withSystem(BASE + "/CodeSystem/lbp-finding").withCode("myelopathy-signs")));

        var created = builder.build(fired, facts, "summary", context(Language.EN)).get(0).actions().get(1).resource();

        assertThat(created.path("reasonCode")).hasSize(1);
        assertThat(created.path("reasonCode").get(0).path("coding").get(0).path("code").asText()).isEqualTo("myelopathy-signs");
    }

    @Test
    void labelsUseTheCardFactsInTheCardLanguage() {
        var composite = composite("Remove {old} order and refer to Neurology ({priorityText})",
                "{old}-aanvraag verwijderen en verwijzen naar Neurologie ({priorityText})");
        var referral = create("referral-neurology", null);
        var fired = new FiredSuggestion(composite, Map.of(), List.of(
                new FiredSuggestion(remove(), Map.of("resource", List.of("ServiceRequest/ct1")), List.of()),
                new FiredSuggestion(referral, Map.of("priority", "urgent"), List.of())));
        var facts = Map.<String, Object>of("priorityText",
                new Code().withSystem(BASE + "/CodeSystem/lbp-imaging-phrase").withCode("priority-urgent"));

        var suggestion = builder.build(fired, facts, "summary", context(Language.NL)).get(0);

        assertThat(suggestion.label())
                .isEqualTo("CT Cervical spine-aanvraag verwijderen en verwijzen naar Neurologie (combinatieafspraak (herniastraat))");
        assertThat(suggestion.actions().get(1).resource().path("priority").asText()).isEqualTo("urgent");
    }

    @Test
    void dutchSpoedAndSemiSpoedReferralsAreDiscussedByPhone() {
        var referral = composite("Refer to Neurology", "Verwijs naar Neurologie");
        referral.setDefinition(create("referral-neurology", null).getDefinition());

        assertThat(note(builder, referral, "stat", Language.NL)).isEqualTo("summary (telefonisch overleg)");
        assertThat(note(builder, referral, "asap", Language.EN)).isEqualTo("summary (discuss by phone)");
        assertThat(note(builder, referral, "routine", Language.NL)).isEqualTo("summary");
        var belgian = new SuggestionBuilder(KNOWLEDGE, RESOURCE_JSON, new CodeDisplays(KNOWLEDGE), new CardIds(), false);
        assertThat(note(belgian, referral, "stat", Language.NL)).isEqualTo("summary");
        var imaging = composite("Order MRI", "Vraag MRI aan");
        imaging.setDefinition(create("order-mri-lumbar", null).getDefinition());
        assertThat(note(builder, imaging, "stat", Language.NL)).isEqualTo("summary");
    }

    @Test
    void aPrescriptionCarriesTheDosageOfItsActivityDefinition() {
        var prescribe = composite("Prescribe omeprazole", "Schrijf omeprazol voor");
        prescribe.setDefinition(create("prescribe-omeprazole", null).getDefinition());

        var created = builder.build(new FiredSuggestion(prescribe, Map.of(), List.of()), Map.of(), "summary",
                context(Language.EN)).get(0).actions().get(0).resource();

        assertThat(created.path("resourceType").asText()).isEqualTo("MedicationRequest");
        var dosage = created.path("dosageInstruction").get(0);
        assertThat(dosage.path("doseAndRate").get(0).path("doseQuantity").path("value").asInt()).isEqualTo(20);
        assertThat(dosage.path("timing").path("repeat").path("frequency").asInt()).isEqualTo(1);
    }

    private static String note(
            SuggestionBuilder builder, PlanDefinitionActionComponent action, String priority, Language language) {
        var fired = new FiredSuggestion(action, Map.of("priority", priority), List.of());
        var created = builder.build(fired, Map.of(), "summary", context(language)).get(0).actions().get(0).resource();
        return created.path("note").get(0).path("text").asText();
    }

    @Test
    void aSuggestionMadeOfPartsNoneOfWhichAppliesIsNotOffered() {
        var replace = composite("Replace {old} by {display}", "Vervang {old} door {display}");
        replace.addAction(remove());

        assertThat(builder.build(new FiredSuggestion(replace, Map.of(), List.of()), Map.of(), "summary",
                context(Language.EN))).isEmpty();
    }

    private static PlanDefinitionActionComponent composite(String en, String nl) {
        var action = new PlanDefinitionActionComponent();
        action.setTitle(en);
        var translation = action.getTitleElement().addExtension();
        translation.setUrl("http://hl7.org/fhir/StructureDefinition/translation");
        translation.addExtension("lang", new org.hl7.fhir.r4.model.CodeType("nl"));
        translation.addExtension("content", new org.hl7.fhir.r4.model.StringType(nl));
        action.setType(type("create"));
        action.setPrecheckBehavior(org.hl7.fhir.r4.model.PlanDefinition.ActionPrecheckBehavior.YES);
        return action;
    }

    private static PlanDefinitionActionComponent remove() {
        return new PlanDefinitionActionComponent().setType(type("remove"));
    }

    private static PlanDefinitionActionComponent create(String activityDefinition, String priority) {
        var action = new PlanDefinitionActionComponent().setType(type("create"));
        action.setDefinition(new org.hl7.fhir.r4.model.CanonicalType(
                BASE + "/ActivityDefinition/" + activityDefinition + "|0.1.0"));
        if (priority != null) {
            action.setPriority(org.hl7.fhir.r4.model.PlanDefinition.RequestPriority.fromCode(priority));
        }
        return action;
    }

    private static CodeableConcept type(String code) {
        return new CodeableConcept().addCoding(new Coding("http://terminology.hl7.org/CodeSystem/action-type", code, null));
    }

    private static RenderContext context(Language language) {
        Map<String, Resource> drafts = Map.of(
                "ServiceRequest/ct1", draft("ct1"),
                "ServiceRequest/ct2", draft("ct2"));
        return new RenderContext(language, "p1", drafts, Map.of(), Instant.parse("2026-11-23T10:00:00Z"));
    }

    private static ServiceRequest draft(String id) {
        var request = new ServiceRequest()
                .setStatus(ServiceRequest.ServiceRequestStatus.DRAFT)
                .setIntent(ServiceRequest.ServiceRequestIntent.ORDER)
                .setPriority(ServiceRequest.ServiceRequestPriority.URGENT)
                .setCode(new CodeableConcept().addCoding(new Coding("http://loinc.org", "24932-6", "CT Cervical spine")));
        request.addReasonCode().addCoding(new Coding("http://hl7.org/fhir/sid/icd-10", "M54.5", "Low back pain"));
        request.setId(id);
        return request;
    }

    private static String code(JsonNode resource) {
        return resource.path("code").path("coding").get(0).path("code").asText();
    }
}
