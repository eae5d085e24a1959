package org.lbpcdshooks.hooks;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import org.lbpcdshooks.cards.Card;
import org.lbpcdshooks.cards.SuggestionAction;

/**
 * The body of a hook response: {@code cards} always (possibly empty); {@code systemActions} when there are any,
 * mirrored in {@code extension.systemActions} for clients (such as the public sandbox) that show extensions only.
 */
public record CdsResponse(
        List<Card> cards,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<SuggestionAction> systemActions,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Object> extension) {

    public static CdsResponse of(List<Card> cards, List<SuggestionAction> systemActions) {
        return new CdsResponse(
                cards, systemActions, systemActions.isEmpty() ? Map.of() : Map.of("systemActions", systemActions));
    }
}
