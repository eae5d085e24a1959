package org.lbpcdshooks.cards;

import static org.lbpcdshooks.knowledge.KnowledgeVocabulary.CARD_VARIANT_EXTENSION;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.PlanDefinition.PlanDefinitionActionComponent;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.lbpcdshooks.config.LbpProperties;
import org.lbpcdshooks.evaluation.FiredRule;
import org.lbpcdshooks.knowledge.CodeDisplays;
import org.lbpcdshooks.knowledge.KnowledgeRepository;
import org.opencds.cqf.cql.engine.runtime.Tuple;
import org.springframework.stereotype.Component;

/**
 * Renders fired rules as CDS Hooks cards. Static texts come from the rule's PlanDefinition action (English, with
 * translations; a jurisdiction variant where the catalogue has one), the patient facts from the rule's
 * {@code textEquivalent} dynamic value. Cards are ordered critical, warning, info, keeping the topic and rule order
 * within an indicator, and cut to {@code lbp.max-cards} without ever dropping a critical card (rules.md §0.5 P7).
 */
@Component
public class CardRenderer {

    private static final int MAX_SUMMARY_LENGTH = 139;

    private final CodeDisplays displays;
    private final CardIds ids = new CardIds();
    private final Placeholders placeholders;
    private final SuggestionBuilder suggestions;
    private final int maxCards;

    public CardRenderer(
            KnowledgeRepository knowledge,
            CodeDisplays displays,
            ResourceJson resourceJson,
            LbpProperties properties) {
        this.displays = displays;
        this.placeholders = new Placeholders(displays);
        this.suggestions = new SuggestionBuilder(
                knowledge, resourceJson, displays, ids, "NL".equals(properties.jurisdiction()));
        this.maxCards = properties.maxCards();
    }

    public List<Card> render(List<FiredRule> fired, RenderContext context) {
        var cards = new ArrayList<Card>();
        for (var rule : fired) {
            cards.add(render(rule, context));
        }
        cards.sort(Comparator.comparing(Card::indicator));
        return limit(DuplicateSuggestions.removeFrom(cards));
    }

    private List<Card> limit(List<Card> sorted) {
        var kept = new ArrayList<Card>();
        for (var card : sorted) {
            if (card.indicator() == Indicator.CRITICAL || kept.size() < maxCards) {
                kept.add(card);
            }
        }
        return kept;
    }

    private Card render(FiredRule fired, RenderContext context) {
        var action = fired.rule().action();
        var language = context.language();
        var facts = factsOf(fired.dynamicValues().get("textEquivalent"));
        var variant = variantOf(action, facts.get("variant"));

        var title = variant != null ? variantText(variant, "title", language) : LocalizedText.of(action.getTitleElement(), language);
        var description = variant != null
                ? variantText(variant, "description", language)
                : LocalizedText.of(action.getDescriptionElement(), language);
        var summary = shorten(placeholders.fill(title, facts, language));
        var detail = placeholders.fill(description, facts, language);

        var cardSuggestions = new ArrayList<Suggestion>();
        for (var suggestion : fired.suggestions()) {
            cardSuggestions.addAll(suggestions.build(suggestion, facts, summary, context));
        }
        return new Card(
                ids.next(),
                summary,
                detail,
                indicatorOf(fired, action),
                sourceOf(action),
                cardSuggestions,
                selectionBehaviorOf(action, cardSuggestions),
                overrideReasons(action, language));
    }

    /**
     * The action's selection behaviour; but a card whose rule recommends one suggestion per draft order (P1: remove
     * each of two drafts) lets the user take several: CDS Hooks forbids more than one recommended suggestion under
     * at-most-one.
     */
    private static String selectionBehaviorOf(PlanDefinitionActionComponent action, List<Suggestion> cardSuggestions) {
        if (cardSuggestions.isEmpty() || !action.hasSelectionBehavior()) {
            return null;
        }
        var behavior = action.getSelectionBehavior().toCode();
        var recommended = cardSuggestions.stream().filter(Suggestion::isRecommended).count();
        return "at-most-one".equals(behavior) && recommended > 1 ? "any" : behavior;
    }

    private static Indicator indicatorOf(FiredRule fired, PlanDefinitionActionComponent action) {
        var dynamic = fired.dynamicValues().get("priority");
        return Indicator.fromPriority(dynamic != null ? dynamic.toString() : action.getPriority().toCode());
    }

    private static Source sourceOf(PlanDefinitionActionComponent action) {
        var citation = action.getDocumentation().stream()
                .filter(documentation -> documentation.getType().toCode().equals("citation"))
                .findFirst();
        var coding = action.getCodeFirstRep().getCodingFirstRep();
        return new Source(
                citation.map(c -> c.getDisplay()).orElse("lbp-cds-hooks"),
                citation.filter(c -> c.hasUrl()).map(c -> c.getUrl()).orElse(null),
                new Coding(coding.getSystem(), coding.getCode(), coding.getDisplay()));
    }

    private List<Coding> overrideReasons(PlanDefinitionActionComponent action, Language language) {
        var reasons = new ArrayList<Coding>();
        for (var reason : action.getReason()) {
            var coding = reason.getCodingFirstRep();
            var display = displays.display(coding.getSystem(), coding.getCode(), language.code());
            reasons.add(new Coding(coding.getSystem(), coding.getCode(), display != null ? display : coding.getDisplay()));
        }
        return reasons;
    }

    private static Map<String, Object> factsOf(Object value) {
        if (value instanceof Tuple tuple) {
            return new LinkedHashMap<>(tuple.getElements());
        }
        return Map.of();
    }

    private static Extension variantOf(PlanDefinitionActionComponent action, Object key) {
        if (key == null) {
            return null;
        }
        for (var extension : action.getExtensionsByUrl(CARD_VARIANT_EXTENSION)) {
            var variant = extension.getExtensionByUrl("variant");
            if (variant != null && key.toString().equals(variant.getValue().primitiveValue())) {
                return extension;
            }
        }
        return null;
    }

    private static String variantText(Extension variant, String part, Language language) {
        return LocalizedText.of((PrimitiveType<?>) variant.getExtensionByUrl(part).getValue(), language);
    }

    private static String shorten(String summary) {
        return summary.length() <= MAX_SUMMARY_LENGTH ? summary : summary.substring(0, MAX_SUMMARY_LENGTH - 1) + "…";
    }
}
