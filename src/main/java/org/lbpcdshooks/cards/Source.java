package org.lbpcdshooks.cards;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Where the card's advice comes from; {@code topic} is the rule's lbp-rule coding. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Source(String label, String url, Coding topic) {}
