package org.lbpcdshooks.hooks;

import java.util.List;
import org.lbpcdshooks.cards.Card;

/** The body of a hook response; {@code cards} is always present, possibly empty. */
public record CdsResponse(List<Card> cards) {}
