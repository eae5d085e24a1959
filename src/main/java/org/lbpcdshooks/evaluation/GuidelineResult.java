package org.lbpcdshooks.evaluation;

import java.util.List;

/** The outcome of one evaluation: the rules that fired, and the appropriateness of each in-focus imaging order. */
public record GuidelineResult(List<FiredRule> firedRules, List<OrderAppropriateness> appropriateness) {

    public GuidelineResult {
        firedRules = List.copyOf(firedRules);
        appropriateness = List.copyOf(appropriateness);
    }
}
