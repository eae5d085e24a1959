package org.lbpcdshooks.feedback;

import java.util.List;

/** How one rule's cards fared with clinicians in a time window: what guideline owners look at. */
public record RuleAnalytics(
        String ruleId,
        long issued,
        long accepted,
        long overridden,
        Double overrideRate,
        List<ReasonCount> topOverrideReasons) {

    public record ReasonCount(String code, long count) {}
}
