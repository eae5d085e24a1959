package org.lbpcdshooks.knowledge;

import java.util.List;

/** A guideline topic: one PlanDefinition, the CQL library its expressions name, and its rules in catalogue order. */
public record Topic(String planDefinitionUrl, String libraryName, List<Rule> rules) {}
