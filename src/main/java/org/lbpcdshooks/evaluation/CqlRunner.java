package org.lbpcdshooks.evaluation;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.LinkedBlockingDeque;
import org.cqframework.cql.cql2elm.LibraryManager;
import org.cqframework.cql.cql2elm.ModelManager;
import org.lbpcdshooks.config.LbpProperties;
import org.lbpcdshooks.knowledge.CqlLibraries;
import org.lbpcdshooks.knowledge.ValueSetTerminology;
import org.opencds.cqf.cql.engine.data.CompositeDataProvider;
import org.opencds.cqf.cql.engine.data.DataProvider;
import org.opencds.cqf.cql.engine.execution.CqlEngine;
import org.opencds.cqf.cql.engine.execution.Environment;
import org.opencds.cqf.cql.engine.model.ModelResolver;
import org.opencds.cqf.cql.engine.retrieve.RetrieveProvider;
import org.opencds.cqf.fhir.cql.EvaluationSettings;
import org.opencds.cqf.fhir.utility.Constants;
import org.springframework.stereotype.Component;

/**
 * Evaluates named CQL defines for one patient with one engine: the libraries come compiled from the shared cache,
 * the data from the request bundle, value sets from the knowledge base. Used per request by
 * {@link GuidelineEvaluator}, and directly by the CQL-level tests.
 */
@Component
public class CqlRunner {

    /** More than the concurrent evaluations the hook services admit; engines beyond it are left to the collector. */
    private static final int MAX_IDLE_ENGINES = 64;
    /** CQL's System model (Code, Concept, Quantity...), whose provider the engine otherwise brings itself. */
    private static final String SYSTEM_MODEL_URI = "urn:hl7-org:elm-types:r1";

    private final EvaluationSettings settings;
    private final LibraryManager libraryManager;
    private final CqlLibraries libraries;
    private final ValueSetTerminology terminology;
    private final ModelResolver modelResolver;
    private final LbpProperties properties;
    /**
     * Engines between sessions. An engine resolves each function call site of the ELM to its definition on first
     * call (by signature, ~5% of a hook call when done afresh per request); a kept engine has done so already.
     * Last in, first out: the engine used most recently is the one still in the CPU's caches, and after a burst only
     * as many engines as calls run at once keep circulating, not every engine the burst created.
     */
    private final BlockingDeque<PooledEngine> idleEngines = new LinkedBlockingDeque<>(MAX_IDLE_ENGINES);

    public CqlRunner(
            EvaluationSettings settings,
            CqlLibraries libraries,
            ValueSetTerminology terminology,
            ModelResolver modelResolver,
            LbpProperties properties) {
        this.settings = settings;
        // Shared by all requests: every library is compiled into the shared cache at startup, so resolving one is a
        // read-only cache hit; building a ModelManager per request scanned the class path for model providers.
        this.libraryManager = new LibraryManager(
                new ModelManager(settings.getModelCache()),
                settings.getCqlOptions().getCqlCompilerOptions(),
                settings.getLibraryCache());
        this.libraries = libraries;
        this.terminology = terminology;
        this.modelResolver = modelResolver;
        this.properties = properties;
    }

    /** Define values by library and name; a library that throws fails the whole evaluation. */
    public Map<String, Map<String, Object>> evaluate(Map<String, Set<String>> definesByLibrary, CqlInputs inputs) {
        try (var session = open(inputs)) {
            return session.evaluate(definesByLibrary);
        }
    }

    /**
     * A session for one patient's data: its steps share the engine and so the defines already evaluated. Close it
     * when done; its engine then serves a later session (without this patient's data or results).
     */
    public CqlSession open(CqlInputs inputs) {
        var pooled = idleEngines.pollFirst();
        if (pooled == null) {
            pooled = new PooledEngine(this::newEngine);
        }
        var returnTo = pooled;
        return new CqlSession(
                pooled.startSession(new PatientDataRetrieveProvider(inputs.patientData(), modelResolver, terminology)),
                completed -> {
                    if (returnTo.endSession(completed)) {
                        idleEngines.offerFirst(returnTo); // dropped when the pool is full
                    }
                },
                libraries,
                parameters(inputs),
                inputs.patientId(),
                inputs.evaluationTime().withZoneSameInstant(properties.timeZone()));
    }

    private CqlEngine newEngine(RetrieveProvider retrieves) {
        Map<String, DataProvider> dataProviders = new HashMap<>();
        dataProviders.put(Constants.FHIR_MODEL_URI, new CompositeDataProvider(modelResolver, retrieves));
        dataProviders.put(SYSTEM_MODEL_URI, new SystemModelDataProvider());
        var environment = new Environment(libraryManager, dataProviders, terminology);
        return new CqlEngine(environment, settings.getCqlOptions().getCqlEngineOptions().getOptions());
    }

    private Map<String, Object> parameters(CqlInputs inputs) {
        var window = properties.window();
        var parameters = new HashMap<String, Object>();
        parameters.put("Jurisdiction", inputs.jurisdiction());
        parameters.put("Care Setting", inputs.careSetting());
        parameters.put("Hook", inputs.hook());
        parameters.put("Draft Order References", inputs.draftOrderReferences());
        parameters.put("In Focus Order References", inputs.inFocusOrderReferences());
        parameters.put("Finding Window Days", window.findingDays());
        parameters.put("Episode Lead Days", window.episodeLeadDays());
        parameters.put("NRS Window Days", window.nrsDays());
        parameters.put("MRC Window Days", window.mrcDays());
        parameters.put("Trauma Window Days", window.traumaDays());
        parameters.put("Questionnaire Window Days", window.questionnaireDays());
        parameters.put("Disabled Rules", properties.disabledRules());
        return parameters;
    }
}
