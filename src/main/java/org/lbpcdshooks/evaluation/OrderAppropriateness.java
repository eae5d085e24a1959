package org.lbpcdshooks.evaluation;

import java.util.List;

/**
 * How the guideline rates one in-focus imaging order: {@code appropriate}, {@code not-appropriate} or
 * {@code no-criteria-apply}, with the catalogue rules or criteria behind the rating.
 */
public record OrderAppropriateness(String orderReference, String rating, List<String> basis) {

    public OrderAppropriateness {
        basis = List.copyOf(basis);
    }
}
