package org.lbpcdshooks.cards;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.ActivityDefinition;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.PlanDefinition.PlanDefinitionActionComponent;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.lbpcdshooks.evaluation.EvaluationException;
import org.lbpcdshooks.evaluation.FiredSuggestion;
import org.lbpcdshooks.knowledge.CodeDisplays;
import org.lbpcdshooks.knowledge.KnowledgeRepository;
import org.opencds.cqf.cql.engine.runtime.Code;

/**
 * Turns a fired suggestion action into CDS Hooks suggestions. {@code create} instantiates the action's
 * ActivityDefinition as a draft order; {@code remove} and {@code update} act on the draft orders the CQL named, one
 * suggestion per order (rules.md §0.5 P1); a suggestion with parts (replace) combines them per draft order: the
 * delete of that draft and the order(s) created in its place, which keep the draft's priority unless the part states
 * one (rules.md §0.8 REPLACE). Labels are filled with the card's facts plus {@code {old}} (the display of the draft
 * acted on) and {@code {display}} (the created order(s), else that draft).
 */
final class SuggestionBuilder {

    private static final String REFERRAL_CATEGORY = "3457005";
    private static final String CARD_PHRASES = "http://lbp-cds-hooks.org/fhir/CodeSystem/lbp-card-phrase";

    private final KnowledgeRepository knowledge;
    private final ResourceJson resourceJson;
    private final Placeholders placeholders;
    private final CodeDisplays displays;
    private final CardIds ids;
    private final boolean urgentReferralsByPhone;

    /**
     * @param urgentReferralsByPhone the Dutch guidelines discuss spoed and semi-spoed referrals by phone (rules.md
     *     §0.7 REFER), so such a referral's note says so
     */
    SuggestionBuilder(
            KnowledgeRepository knowledge,
            ResourceJson resourceJson,
            CodeDisplays displays,
            CardIds ids,
            boolean urgentReferralsByPhone) {
        this.knowledge = knowledge;
        this.resourceJson = resourceJson;
        this.placeholders = new Placeholders(displays);
        this.displays = displays;
        this.ids = ids;
        this.urgentReferralsByPhone = urgentReferralsByPhone;
    }

    List<Suggestion> build(FiredSuggestion fired, Map<String, Object> facts, String summary, RenderContext context) {
        if (fired.parts().isEmpty() && fired.action().hasAction()) {
            return List.of(); // a suggestion made of parts, none of whose conditions held
        }
        var parts = fired.parts().isEmpty() ? List.of(fired) : fired.parts();
        var targets = targetsOf(parts);
        var suggestions = new ArrayList<Suggestion>();
        for (var target : targets.isEmpty() ? Collections.<String>singletonList(null) : targets) {
            var draft = target == null ? null : draftOrder(target, context);
            var actions = new ArrayList<SuggestionAction>();
            var createdDisplays = new ArrayList<String>();
            for (var part : parts) {
                var type = typeOf(part.action());
                switch (type) {
                    case "create" -> {
                        var resource = instantiate(part, facts, summary, context, draft);
                        createdDisplays.add(displayOf(resource));
                        actions.add(new SuggestionAction("create", null, resourceJson.of(resource), null));
                    }
                    case "remove" -> actions.add(new SuggestionAction("delete", null, null, target));
                    case "update" -> actions.add(new SuggestionAction("update", null, resourceJson.of(updated(draft, part)), null));
                    default -> throw new EvaluationException("Unsupported suggestion action type " + type);
                }
            }
            var labelFacts = new java.util.HashMap<String, Object>(facts);
            labelFacts.put("display", createdDisplays.isEmpty()
                    ? (draft == null ? null : displayOf(draft))
                    : createdDisplays.size() == 1 ? createdDisplays.get(0) : List.copyOf(createdDisplays));
            labelFacts.put("old", draft == null ? null : displayOf(draft));
            var label = placeholders.fill(LocalizedText.of(fired.action().getTitleElement(), context.language()),
                    labelFacts, context.language());
            var described = actions.stream()
                    .map(action -> new SuggestionAction(action.type(), label, action.resource(), action.resourceId()))
                    .toList();
            suggestions.add(new Suggestion(label, ids.next(),
                    "yes".equals(fired.action().getPrecheckBehavior() == null
                            ? null : fired.action().getPrecheckBehavior().toCode()),
                    described));
        }
        return suggestions;
    }

    private static String typeOf(PlanDefinitionActionComponent action) {
        return action.getType().getCodingFirstRep().getCode();
    }

    /** The draft orders the suggestion acts on: the references in its {@code resource} dynamic values. */
    private static List<String> targetsOf(List<FiredSuggestion> parts) {
        var targets = new ArrayList<String>();
        for (var part : parts) {
            var value = part.dynamicValues().get("resource");
            if (value instanceof Iterable<?> references) {
                references.forEach(reference -> targets.add(String.valueOf(reference)));
            } else if (value != null) {
                targets.add(String.valueOf(value));
            }
        }
        return targets.stream().distinct().toList();
    }

    private static Resource draftOrder(String reference, RenderContext context) {
        var draft = context.draftOrders().get(reference);
        if (draft == null) {
            throw new EvaluationException("Suggestion names " + reference + ", which is not a draft order of the request");
        }
        return draft;
    }

    /** The draft with the suggestion's priority and, when it names an ActivityDefinition, that definition's code. */
    private Resource updated(Resource draft, FiredSuggestion part) {
        var copy = draft.copy();
        var priority = priorityOf(part);
        var definition = part.action().hasDefinitionCanonicalType()
                ? knowledge.require(ActivityDefinition.class, part.action().getDefinitionCanonicalType().getValue())
                : null;
        if (copy instanceof ServiceRequest request) {
            if (priority != null) {
                request.setPriority(ServiceRequest.ServiceRequestPriority.fromCode(priority));
            }
            if (definition != null) {
                request.setCode(definition.getCode().copy());
            }
        } else if (copy instanceof MedicationRequest request && priority != null) {
            request.setPriority(MedicationRequest.MedicationRequestPriority.fromCode(priority));
        }
        return copy;
    }

    /** A {@code priority} dynamic value (e.g. a referral's urgency computed in CQL) wins over the static one. */
    private static String priorityOf(FiredSuggestion part) {
        var dynamic = part.dynamicValues().get("priority");
        if (dynamic != null) {
            return dynamic.toString();
        }
        return part.action().hasPriority() ? part.action().getPriority().toCode() : null;
    }

    /**
     * The part's ActivityDefinition as a draft order. In place of a draft (replace) it takes the draft's priority
     * unless the part states one, and the draft's reasons when the facts name none.
     */
    private Resource instantiate(
            FiredSuggestion part, Map<String, Object> facts, String summary, RenderContext context, Resource replaced) {
        var action = part.action();
        var priority = priorityOf(part);
        var replacedRequest = replaced instanceof ServiceRequest request ? request : null;
        if (priority == null && replacedRequest != null && replacedRequest.hasPriority()) {
            priority = replacedRequest.getPriority().toCode();
        }
        var definition = knowledge.require(ActivityDefinition.class, action.getDefinitionCanonicalType().getValue());
        var subject = new Reference("Patient/" + context.patientId());
        var reasons = reasonCodes(facts.get("reasonCodes"));
        if (reasons.isEmpty() && replacedRequest != null) {
            replacedRequest.getReasonCode().forEach(reason -> reasons.add(reason.copy()));
        }
        var authoredOn = Date.from(context.now());
        if ("MedicationRequest".equals(definition.getKind().toCode())) {
            var request = new MedicationRequest()
                    .setStatus(MedicationRequest.MedicationRequestStatus.DRAFT)
                    .setIntent(MedicationRequest.MedicationRequestIntent.PROPOSAL)
                    .setMedication(definition.getProductCodeableConcept().copy())
                    .setSubject(subject)
                    .setAuthoredOn(authoredOn)
                    .setReasonCode(reasons);
            // The guideline's dosage (e.g. omeprazole 20 mg once daily alongside an NSAID) travels with the order.
            definition.getDosage().forEach(dosage -> request.addDosageInstruction(dosage.copy()));
            request.addNote(new Annotation().setText(summary));
            return request;
        }
        var request = new ServiceRequest()
                .setStatus(ServiceRequest.ServiceRequestStatus.DRAFT)
                .setIntent(ServiceRequest.ServiceRequestIntent.PROPOSAL)
                .setCode(definition.getCode().copy())
                .setSubject(subject)
                .setAuthoredOn(authoredOn)
                .setReasonCode(reasons);
        if (priority != null) {
            request.setPriority(ServiceRequest.ServiceRequestPriority.fromCode(priority));
        }
        definition.getTopic().forEach(topic -> request.addCategory(topic.copy()));
        definition.getParticipant().stream()
                .filter(participant -> participant.hasRole())
                .findFirst()
                .ifPresent(participant -> request.setPerformerType(participant.getRole().copy()));
        request.addNote(new Annotation().setText(noteFor(request, summary, context)));
        return request;
    }

    private String noteFor(ServiceRequest request, String summary, RenderContext context) {
        var urgent = request.getPriority() == ServiceRequest.ServiceRequestPriority.STAT
                || request.getPriority() == ServiceRequest.ServiceRequestPriority.ASAP;
        var referral = request.getCategory().stream()
                .anyMatch(category -> category.hasCoding("http://snomed.info/sct", REFERRAL_CATEGORY));
        if (!urgentReferralsByPhone || !urgent || !referral) {
            return summary;
        }
        return summary + " (" + displays.display(CARD_PHRASES, "referral-by-phone", context.language().code()) + ")";
    }

    private static List<CodeableConcept> reasonCodes(Object value) {
        var reasons = new ArrayList<CodeableConcept>();
        if (value instanceof Iterable<?> codes) {
            for (var item : codes) {
                if (item instanceof Code code) {
                    reasons.add(new CodeableConcept().addCoding(new org.hl7.fhir.r4.model.Coding(
                            code.getSystem(), code.getCode(), code.getDisplay())));
                }
            }
        }
        return reasons;
    }

    private static String displayOf(Resource resource) {
        CodeableConcept code = null;
        if (resource instanceof ServiceRequest request) {
            code = request.getCode();
        } else if (resource instanceof MedicationRequest request && request.hasMedicationCodeableConcept()) {
            code = request.getMedicationCodeableConcept();
        }
        if (code == null) {
            return null;
        }
        if (code.hasText()) {
            return code.getText();
        }
        return code.getCoding().stream()
                .filter(org.hl7.fhir.r4.model.Coding::hasDisplay)
                .map(org.hl7.fhir.r4.model.Coding::getDisplay)
                .findFirst()
                .orElse(code.getCodingFirstRep().getCode());
    }
}
