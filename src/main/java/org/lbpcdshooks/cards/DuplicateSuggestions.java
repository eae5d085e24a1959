package org.lbpcdshooks.cards;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * rules.md §0.5 P5: when several cards suggest creating the same order (same code, or a referral to the same
 * specialty), only one keeps it: a suggestion that replaces an in-focus draft first, then the highest priority,
 * then the card that comes first (indicator, group, rule number). The other cards keep their text and their other
 * suggestions, so the response never asks for the same order twice.
 */
final class DuplicateSuggestions {

    private static final String SPECIALTY_SYSTEM = "http://lbp-cds-hooks.org/fhir/CodeSystem/lbp-specialty";
    private static final List<String> PRIORITIES = List.of("routine", "urgent", "asap", "stat");

    private DuplicateSuggestions() {}

    /** Cards in response order, with the losing duplicate suggestions removed. */
    static List<Card> removeFrom(List<Card> cards) {
        var winners = new HashMap<String, Candidate>();
        for (int cardIndex = 0; cardIndex < cards.size(); cardIndex++) {
            for (var suggestion : cards.get(cardIndex).suggestions()) {
                var replaces = suggestion.actions().stream().anyMatch(action -> !action.type().equals("create"));
                for (var action : suggestion.actions()) {
                    var key = orderKey(action);
                    if (key != null) {
                        var candidate = new Candidate(cardIndex, suggestion.uuid(), replaces, rank(action.resource()));
                        winners.merge(key, candidate, (current, challenger) -> challenger.beats(current) ? challenger : current);
                    }
                }
            }
        }
        var result = new ArrayList<Card>();
        for (int cardIndex = 0; cardIndex < cards.size(); cardIndex++) {
            var card = cards.get(cardIndex);
            var kept = new ArrayList<Suggestion>();
            for (var suggestion : card.suggestions()) {
                if (!lostEveryOrder(suggestion, winners)) {
                    kept.add(suggestion);
                }
            }
            result.add(kept.size() == card.suggestions().size() ? card : withSuggestions(card, kept));
        }
        return result;
    }

    /** A suggestion goes when every order it creates is won by another suggestion. */
    private static boolean lostEveryOrder(Suggestion suggestion, Map<String, Candidate> winners) {
        Set<String> keys = new HashSet<>();
        for (var action : suggestion.actions()) {
            var key = orderKey(action);
            if (key != null) {
                keys.add(key);
            }
        }
        if (keys.isEmpty() || suggestion.actions().stream().anyMatch(action -> !action.type().equals("create"))) {
            return false;
        }
        return keys.stream().allMatch(key -> !winners.get(key).suggestionUuid().equals(suggestion.uuid()));
    }

    private static Card withSuggestions(Card card, List<Suggestion> suggestions) {
        return new Card(card.uuid(), card.summary(), card.detail(), card.indicator(), card.source(), suggestions,
                suggestions.isEmpty() ? null : card.selectionBehavior(), card.overrideReasons());
    }

    /** What an order is "the same" by: the referral specialty, else the first code of the order or medication. */
    private static String orderKey(SuggestionAction action) {
        if (!action.type().equals("create") || action.resource() == null) {
            return null;
        }
        var codings = action.resource().has("code")
                ? action.resource().path("code").path("coding")
                : action.resource().path("medicationCodeableConcept").path("coding");
        for (JsonNode coding : codings) {
            if (SPECIALTY_SYSTEM.equals(coding.path("system").asText())) {
                return "specialty|" + coding.path("code").asText();
            }
        }
        return codings.size() == 0 ? null : codings.get(0).path("system").asText() + "|" + codings.get(0).path("code").asText();
    }

    private static int rank(JsonNode resource) {
        return PRIORITIES.indexOf(resource.path("priority").asText("routine"));
    }

    private record Candidate(int cardIndex, String suggestionUuid, boolean replacesDraft, int priority) {
        boolean beats(Candidate other) {
            if (replacesDraft != other.replacesDraft) {
                return replacesDraft;
            }
            if (priority != other.priority) {
                return priority > other.priority;
            }
            return cardIndex < other.cardIndex;
        }
    }
}
