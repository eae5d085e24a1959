package org.lbpcdshooks.evaluation;

import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.hl7.fhir.r4.model.PlanDefinition.PlanDefinitionActionComponent;
import org.lbpcdshooks.config.LbpProperties;
import org.lbpcdshooks.knowledge.Rule;
import org.lbpcdshooks.knowledge.Topic;
import org.springframework.stereotype.Component;

/**
 * Runs a service's guideline topics for one patient: one CQL engine per request evaluates the applicability conditions
 * the service's PlanDefinition actions name; each rule action fires when all its conditions are true, and only then
 * are its card values and suggestions evaluated. The compiled libraries, value sets and model caches are shared;
 * nothing of one request outlives it.
 */
@Component
public class GuidelineEvaluator {

    private final CqlRunner runner;
    private final LbpProperties properties;
    private final Clock clock;
    private final Map<String, List<Rule>> activeRules = new ConcurrentHashMap<>();

    public GuidelineEvaluator(CqlRunner runner, LbpProperties properties, Clock clock) {
        this.runner = runner;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Two steps on one engine: first the applicability conditions of every rule the hook runs, then the dynamic values
     * and suggestion conditions of the rules that fired only. Card texts and suggestions of silent rules are never
     * computed; defines shared by both steps are evaluated once.
     */
    public GuidelineResult evaluate(EvaluationRequest request) {
        try (var session = runner.open(inputsOf(request))) {
            return evaluate(request, session);
        }
    }

    private GuidelineResult evaluate(EvaluationRequest request, CqlSession session) {
        var hook = request.service().hook();
        var conditions = new LinkedHashMap<String, Set<String>>();
        for (Topic topic : request.service().topics()) {
            var names = conditions.computeIfAbsent(topic.libraryName(), library -> new LinkedHashSet<>());
            activeRules(topic, hook).forEach(rule -> conditionsOf(rule.action(), names));
        }
        var appropriatenessDefine = request.service().appropriateness();
        appropriatenessDefine.ifPresent(define -> conditions
                .computeIfAbsent(define.libraryName(), library -> new LinkedHashSet<>())
                .add(define.define()));
        var values = session.evaluate(conditions);

        var firing = new ArrayList<Rule>();
        var details = new LinkedHashMap<String, Set<String>>();
        for (Topic topic : request.service().topics()) {
            for (Rule rule : activeRules(topic, hook)) {
                if (conditionsHold(rule.action(), values.get(topic.libraryName()), rule.id())) {
                    firing.add(rule);
                    var names = details.computeIfAbsent(topic.libraryName(), library -> new LinkedHashSet<>());
                    rule.action().getDynamicValue().forEach(value -> names.add(value.getExpression().getExpression()));
                    rule.action().getAction().forEach(child -> collectExpressions(child, names));
                }
            }
        }
        session.evaluate(details).forEach((library, detailValues) ->
                values.computeIfAbsent(library, name -> new HashMap<>()).putAll(detailValues));

        var fired = new ArrayList<FiredRule>();
        for (Rule rule : firing) {
            var ruleValues = values.get(rule.libraryName());
            fired.add(new FiredRule(rule, dynamicValues(rule.action(), ruleValues), suggestions(rule, ruleValues)));
        }
        var appropriateness = appropriatenessDefine
                .map(define -> appropriatenessOf(values.get(define.libraryName()).get(define.define())))
                .orElse(List.of());
        return new GuidelineResult(fired, appropriateness);
    }

    /** The topic's rules for this hook, minus the disabled ones; fixed at startup, so listed once per topic and hook. */
    private List<Rule> activeRules(Topic topic, String hook) {
        var key = topic.planDefinitionUrl() + "|" + hook;
        var rules = activeRules.get(key); // computeIfAbsent alone locks the bin even when present: contended under load
        return rules != null ? rules : activeRules.computeIfAbsent(key, k -> topic.rules().stream()
                .filter(rule -> rule.appliesTo(hook) && !properties.disabledRules().contains(rule.id()))
                .toList());
    }

    private static void conditionsOf(PlanDefinitionActionComponent action, Set<String> names) {
        action.getCondition().forEach(condition -> names.add(condition.getExpression().getExpression()));
    }

    private static List<OrderAppropriateness> appropriatenessOf(Object value) {
        var ratings = new ArrayList<OrderAppropriateness>();
        if (value instanceof Iterable<?> tuples) {
            for (var item : tuples) {
                var elements = ((org.opencds.cqf.cql.engine.runtime.Tuple) item).getElements();
                var basis = new ArrayList<String>();
                if (elements.get("rules") instanceof Iterable<?> rules) {
                    rules.forEach(rule -> basis.add(String.valueOf(rule)));
                }
                ratings.add(new OrderAppropriateness(
                        String.valueOf(elements.get("reference")), String.valueOf(elements.get("rating")), basis));
            }
        }
        return ratings;
    }

    private List<FiredSuggestion> suggestions(Rule rule, Map<String, Object> values) {
        return firedChildren(rule.action(), values, rule.id());
    }

    private List<FiredSuggestion> firedChildren(
            PlanDefinitionActionComponent parent, Map<String, Object> values, String ruleId) {
        var fired = new ArrayList<FiredSuggestion>();
        for (var child : parent.getAction()) {
            if (conditionsHold(child, values, ruleId)) {
                fired.add(new FiredSuggestion(child, dynamicValues(child, values), firedChildren(child, values, ruleId)));
            }
        }
        return fired;
    }

    private static boolean conditionsHold(PlanDefinitionActionComponent action, Map<String, Object> values, String ruleId) {
        for (var condition : action.getCondition()) {
            var name = condition.getExpression().getExpression();
            var value = values.get(name);
            if (value != null && !(value instanceof Boolean)) {
                throw new EvaluationException(ruleId + ": condition '" + name + "' is not a Boolean");
            }
            if (!Boolean.TRUE.equals(value)) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, Object> dynamicValues(PlanDefinitionActionComponent action, Map<String, Object> values) {
        var dynamic = new LinkedHashMap<String, Object>();
        for (var dynamicValue : action.getDynamicValue()) {
            dynamic.put(dynamicValue.getPath(), values.get(dynamicValue.getExpression().getExpression()));
        }
        return dynamic;
    }

    private static void collectExpressions(PlanDefinitionActionComponent action, Set<String> names) {
        action.getCondition().forEach(condition -> names.add(condition.getExpression().getExpression()));
        action.getDynamicValue().forEach(dynamicValue -> names.add(dynamicValue.getExpression().getExpression()));
        action.getAction().forEach(child -> collectExpressions(child, names));
    }

    private CqlInputs inputsOf(EvaluationRequest request) {
        return new CqlInputs(
                request.patientId(),
                request.patientData(),
                request.service().hook(),
                properties.jurisdiction(),
                properties.setting(),
                request.draftOrderReferences(),
                request.inFocusOrderReferences(),
                ZonedDateTime.now(clock));
    }
}
