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
import org.cqframework.cql.cql2elm.LibraryManager;
import org.cqframework.cql.cql2elm.ModelManager;
import org.hl7.fhir.r4.model.PlanDefinition.PlanDefinitionActionComponent;
import org.lbpcdshooks.config.LbpProperties;
import org.lbpcdshooks.knowledge.CqlLibraries;
import org.lbpcdshooks.knowledge.Rule;
import org.lbpcdshooks.knowledge.Topic;
import org.lbpcdshooks.knowledge.ValueSetTerminology;
import org.opencds.cqf.cql.engine.data.CompositeDataProvider;
import org.opencds.cqf.cql.engine.data.DataProvider;
import org.opencds.cqf.cql.engine.execution.CqlEngine;
import org.opencds.cqf.cql.engine.execution.Environment;
import org.opencds.cqf.cql.engine.execution.EvaluationParams;
import org.opencds.cqf.cql.engine.model.ModelResolver;
import org.opencds.cqf.fhir.cql.EvaluationSettings;
import org.opencds.cqf.fhir.utility.Constants;
import org.springframework.stereotype.Component;

/**
 * Runs a service's guideline topics for one patient: one CQL engine per request evaluates, once, every define the
 * service's PlanDefinition actions name; then each rule action fires when all its applicability conditions are true.
 * The compiled libraries, value sets and model caches are shared; nothing of one request outlives it.
 */
@Component
public class GuidelineEvaluator {

    private final EvaluationSettings settings;
    private final CqlLibraries libraries;
    private final ValueSetTerminology terminology;
    private final ModelResolver modelResolver;
    private final LbpProperties properties;
    private final Clock clock;

    public GuidelineEvaluator(
            EvaluationSettings settings,
            CqlLibraries libraries,
            ValueSetTerminology terminology,
            ModelResolver modelResolver,
            LbpProperties properties,
            Clock clock) {
        this.settings = settings;
        this.libraries = libraries;
        this.terminology = terminology;
        this.modelResolver = modelResolver;
        this.properties = properties;
        this.clock = clock;
    }

    public List<FiredRule> evaluate(EvaluationRequest request) {
        var hook = request.service().hook();
        var results = evaluateDefines(request, expressionsByLibrary(request.service().topics(), hook));
        var fired = new ArrayList<FiredRule>();
        for (Topic topic : request.service().topics()) {
            var values = results.get(topic.libraryName());
            for (Rule rule : topic.rules()) {
                if (rule.appliesTo(hook) && conditionsHold(rule.action(), values, rule.id())) {
                    fired.add(new FiredRule(rule, dynamicValues(rule.action(), values), suggestions(rule, values)));
                }
            }
        }
        return fired;
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

    private static Map<String, Set<String>> expressionsByLibrary(List<Topic> topics, String hook) {
        var byLibrary = new LinkedHashMap<String, Set<String>>();
        for (Topic topic : topics) {
            var names = byLibrary.computeIfAbsent(topic.libraryName(), library -> new LinkedHashSet<>());
            for (Rule rule : topic.rules()) {
                if (rule.appliesTo(hook)) {
                    collectExpressions(rule.action(), names);
                }
            }
        }
        return byLibrary;
    }

    private static void collectExpressions(PlanDefinitionActionComponent action, Set<String> names) {
        action.getCondition().forEach(condition -> names.add(condition.getExpression().getExpression()));
        action.getDynamicValue().forEach(dynamicValue -> names.add(dynamicValue.getExpression().getExpression()));
        action.getAction().forEach(child -> collectExpressions(child, names));
    }

    private Map<String, Map<String, Object>> evaluateDefines(
            EvaluationRequest request, Map<String, Set<String>> expressionsByLibrary) {
        var engine = newEngine(request);
        var params = new EvaluationParams.Builder();
        expressionsByLibrary.forEach((library, names) -> params.library(
                libraries.identifier(library),
                new EvaluationParams.LibraryParams(
                        names.stream().map(org.opencds.cqf.cql.engine.execution.EvaluationExpressionRef::new).toList())));
        params.setContextParameter(new kotlin.Pair<>("Patient", request.patientId()));
        params.setParameters(parameters(request));
        params.setEvaluationDateTime(ZonedDateTime.now(clock).withZoneSameInstant(properties.timeZone()));

        var results = engine.evaluate(params.build());
        if (results.hasExceptions()) {
            var failure = results.getExceptions().entrySet().iterator().next();
            throw new EvaluationException(
                    "CQL library " + failure.getKey().getId() + " failed to evaluate", failure.getValue());
        }
        var values = new HashMap<String, Map<String, Object>>();
        for (var library : expressionsByLibrary.keySet()) {
            var result = results.getResultFor(libraries.identifier(library));
            var defines = new HashMap<String, Object>();
            result.getExpressionResults().forEach((name, expressionResult) -> defines.put(name, expressionResult.getValue()));
            values.put(library, defines);
        }
        return values;
    }

    private CqlEngine newEngine(EvaluationRequest request) {
        var libraryManager = new LibraryManager(
                new ModelManager(settings.getModelCache()),
                settings.getCqlOptions().getCqlCompilerOptions(),
                settings.getLibraryCache());
        Map<String, DataProvider> dataProviders = new HashMap<>();
        dataProviders.put(
                Constants.FHIR_MODEL_URI,
                new CompositeDataProvider(modelResolver, new PatientDataRetrieveProvider(request.patientData())));
        var environment = new Environment(libraryManager, new HashMap<>(dataProviders), terminology);
        return new CqlEngine(environment, settings.getCqlOptions().getCqlEngineOptions().getOptions());
    }

    private Map<String, Object> parameters(EvaluationRequest request) {
        var window = properties.window();
        var parameters = new HashMap<String, Object>();
        parameters.put("Jurisdiction", properties.jurisdiction());
        parameters.put("Care Setting", properties.setting());
        parameters.put("Hook", request.service().hook());
        parameters.put("Draft Order References", request.draftOrderReferences());
        parameters.put("In Focus Order References", request.inFocusOrderReferences());
        parameters.put("Finding Window Days", window.findingDays());
        parameters.put("Episode Lead Days", window.episodeLeadDays());
        parameters.put("NRS Window Days", window.nrsDays());
        parameters.put("MRC Window Days", window.mrcDays());
        parameters.put("Trauma Window Days", window.traumaDays());
        return parameters;
    }
}
