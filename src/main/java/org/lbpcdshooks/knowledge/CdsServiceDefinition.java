package org.lbpcdshooks.knowledge;

import java.util.List;
import java.util.Map;

/**
 * One CDS service as its PlanDefinition declares it: the hook it answers, the prefetch templates it asks for, and
 * the guideline topics (in card order: RF, IMG, INT, MED, PHY, PSY) whose rules it evaluates.
 */
public record CdsServiceDefinition(
        String id,
        String hook,
        String title,
        String description,
        Map<String, String> prefetch,
        List<Topic> topics,
        java.util.Optional<DefineReference> appropriateness) {

    /** A CQL define by library name, e.g. the appropriateness of each in-focus imaging order. */
    public record DefineReference(String libraryName, String define) {}
}
