package org.lbpcdshooks.cards;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A suggestion's action: {@code create}/{@code update} carry the whole FHIR resource, {@code delete} carries the
 * relative reference of the draft order it removes.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record SuggestionAction(String type, String description, JsonNode resource, String resourceId) {}
