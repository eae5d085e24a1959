package org.lbpcdshooks.cards;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Suggestion(String label, String uuid, boolean isRecommended, List<SuggestionAction> actions) {}
