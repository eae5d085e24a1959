package org.lbpcdshooks.knowledge;

import static org.lbpcdshooks.knowledge.KnowledgeVocabulary.CQL_IDENTIFIER;
import static org.lbpcdshooks.knowledge.KnowledgeVocabulary.PREFETCH_EXTENSION;
import static org.lbpcdshooks.knowledge.KnowledgeVocabulary.RULE_SYSTEM;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.Expression;
import org.hl7.fhir.r4.model.PlanDefinition;
import org.hl7.fhir.r4.model.PlanDefinition.PlanDefinitionActionComponent;
import org.hl7.fhir.r4.model.TriggerDefinition;

/**
 * The services and rules declared by the PlanDefinitions, checked against the compiled CQL at startup: every
 * expression must name an existing define, every rule id must be unique and carry its card texts. A broken
 * knowledge base stops the service instead of silently skipping a rule.
 */
public final class RuleCatalog {

    private final Map<String, CdsServiceDefinition> services;
    private final Map<String, Rule> rules;

    private RuleCatalog(Map<String, CdsServiceDefinition> services, Map<String, Rule> rules) {
        this.services = Map.copyOf(services);
        this.rules = java.util.Collections.unmodifiableMap(rules);
    }

    public static RuleCatalog build(KnowledgeRepository knowledge, CqlLibraries libraries) {
        var topics = new LinkedHashMap<String, Topic>();
        var rules = new LinkedHashMap<String, Rule>();
        var services = new LinkedHashMap<String, CdsServiceDefinition>();
        for (var planDefinition : knowledge.planDefinitions()) {
            if (isService(planDefinition)) {
                continue;
            }
            var topic = topicOf(planDefinition, libraries);
            for (var rule : topic.rules()) {
                if (rules.put(rule.id(), rule) != null) {
                    throw new KnowledgeException("Rule " + rule.id() + " appears in more than one action");
                }
            }
            topics.put(planDefinition.getUrl(), topic);
        }
        for (var planDefinition : knowledge.planDefinitions()) {
            if (isService(planDefinition)) {
                var service = serviceOf(planDefinition, topics, libraries);
                services.put(service.id(), service);
            }
        }
        if (services.isEmpty()) {
            throw new KnowledgeException("No CDS service PlanDefinition (an action with a named-event trigger) found");
        }
        return new RuleCatalog(services, rules);
    }

    public List<CdsServiceDefinition> services() {
        return services.values().stream()
                .sorted(java.util.Comparator.comparing(CdsServiceDefinition::id))
                .toList();
    }

    public Optional<CdsServiceDefinition> service(String id) {
        return Optional.ofNullable(services.get(id));
    }

    public Optional<Rule> rule(String id) {
        return Optional.ofNullable(rules.get(id));
    }

    public Set<String> ruleIds() {
        return rules.keySet();
    }

    /** A service PlanDefinition triggers on a hook and points at topic PlanDefinitions. */
    private static boolean isService(PlanDefinition planDefinition) {
        return planDefinition.getAction().stream()
                .anyMatch(action -> action.hasTrigger() && action.getAction().stream()
                        .anyMatch(child -> child.hasDefinitionCanonicalType()
                                && child.getDefinitionCanonicalType().getValue().contains("/PlanDefinition/")));
    }

    private static CdsServiceDefinition serviceOf(
            PlanDefinition planDefinition, Map<String, Topic> topics, CqlLibraries libraries) {
        var action = planDefinition.getActionFirstRep();
        var hooks = hooksOf(action);
        if (hooks.size() != 1) {
            throw new KnowledgeException(planDefinition.getUrl() + " must trigger on exactly one hook");
        }
        var serviceTopics = new ArrayList<Topic>();
        for (var child : action.getAction()) {
            var canonical = child.getDefinitionCanonicalType().getValue();
            var url = canonical.contains("|") ? canonical.substring(0, canonical.indexOf('|')) : canonical;
            var topic = topics.get(url);
            if (topic == null) {
                throw new KnowledgeException(planDefinition.getUrl() + " refers to unknown topic " + canonical);
            }
            serviceTopics.add(topic);
        }
        var prefetch = new LinkedHashMap<String, String>();
        for (var extension : planDefinition.getExtensionsByUrl(PREFETCH_EXTENSION)) {
            prefetch.put(
                    extension.getExtensionString("key"), extension.getExtensionString("query"));
        }
        return new CdsServiceDefinition(
                planDefinition.getIdElement().getIdPart(),
                hooks.iterator().next(),
                planDefinition.getTitle(),
                planDefinition.getDescription(),
                java.util.Collections.unmodifiableMap(prefetch),
                List.copyOf(serviceTopics),
                appropriatenessOf(planDefinition, libraries));
    }

    /** The optional define that rates each in-focus imaging order (for systemActions). */
    private static Optional<CdsServiceDefinition.DefineReference> appropriatenessOf(
            PlanDefinition planDefinition, CqlLibraries libraries) {
        var extension = planDefinition.getExtensionByUrl(KnowledgeVocabulary.APPROPRIATENESS_EXTENSION);
        if (extension == null) {
            return Optional.empty();
        }
        var expression = (Expression) extension.getValue();
        var reference = expression.getReference();
        var path = reference.contains("|") ? reference.substring(0, reference.indexOf('|')) : reference;
        var library = path.substring(path.lastIndexOf('/') + 1);
        if (!CQL_IDENTIFIER.equals(expression.getLanguage()) || !libraries.defines(library).contains(expression.getExpression())) {
            throw new KnowledgeException(planDefinition.getUrl() + ": appropriateness expression '"
                    + expression.getExpression() + "' is not a define of " + library);
        }
        return Optional.of(new CdsServiceDefinition.DefineReference(library, expression.getExpression()));
    }

    private static Topic topicOf(PlanDefinition planDefinition, CqlLibraries libraries) {
        if (planDefinition.getLibrary().size() != 1) {
            throw new KnowledgeException(planDefinition.getUrl() + " must name exactly one library");
        }
        var canonical = planDefinition.getLibrary().get(0).getValue();
        var path = canonical.contains("|") ? canonical.substring(0, canonical.indexOf('|')) : canonical;
        var libraryName = path.substring(path.lastIndexOf('/') + 1);
        if (!libraries.has(libraryName)) {
            throw new KnowledgeException(planDefinition.getUrl() + " names library " + canonical + ", which is not in cql/");
        }
        var rules = new ArrayList<Rule>();
        for (var action : planDefinition.getAction()) {
            rules.add(ruleOf(planDefinition, action, libraryName, libraries.defines(libraryName)));
        }
        return new Topic(planDefinition.getUrl(), libraryName, List.copyOf(rules));
    }

    private static Rule ruleOf(
            PlanDefinition planDefinition, PlanDefinitionActionComponent action, String library, Set<String> defines) {
        var where = planDefinition.getUrl() + " action " + action.getId();
        var coding = action.getCodeFirstRep().getCodingFirstRep();
        if (!RULE_SYSTEM.equals(coding.getSystem()) || !coding.getCode().equals(action.getId())) {
            throw new KnowledgeException(where + ": id must equal its " + RULE_SYSTEM + " code");
        }
        if (!action.hasTitle() || !action.hasDescription()) {
            throw new KnowledgeException(where + ": a rule needs a title (card summary) and description (detail)");
        }
        var hooks = hooksOf(action);
        if (hooks.isEmpty()) {
            throw new KnowledgeException(where + ": a rule needs named-event triggers for the hooks it answers");
        }
        checkExpressions(action, defines, where, library);
        return new Rule(action.getId(), library, Set.copyOf(hooks), action);
    }

    private static void checkExpressions(
            PlanDefinitionActionComponent action, Set<String> defines, String where, String library) {
        var expressions = new ArrayList<Expression>();
        action.getCondition().forEach(condition -> expressions.add(condition.getExpression()));
        action.getDynamicValue().forEach(dynamicValue -> expressions.add(dynamicValue.getExpression()));
        for (var expression : expressions) {
            if (!CQL_IDENTIFIER.equals(expression.getLanguage())) {
                throw new KnowledgeException(where + ": expressions must be " + CQL_IDENTIFIER);
            }
            if (!defines.contains(expression.getExpression())) {
                throw new KnowledgeException(
                        where + ": '" + expression.getExpression() + "' is not a define of " + library);
            }
        }
        for (var child : action.getAction()) {
            checkExpressions(child, defines, where, library);
        }
    }

    private static Set<String> hooksOf(PlanDefinitionActionComponent action) {
        var hooks = new LinkedHashSet<String>();
        for (TriggerDefinition trigger : action.getTrigger()) {
            if (trigger.getType() == TriggerDefinition.TriggerType.NAMEDEVENT && trigger.hasName()) {
                hooks.add(trigger.getName());
            }
        }
        return hooks;
    }

}
