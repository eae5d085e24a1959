package org.lbpcdshooks.evaluation;

import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.lbpcdshooks.knowledge.CqlLibraries;
import org.opencds.cqf.cql.engine.execution.CqlEngine;
import org.opencds.cqf.cql.engine.execution.EvaluationExpressionRef;
import org.opencds.cqf.cql.engine.execution.EvaluationParams;

/**
 * One patient's CQL evaluation, possibly in steps: each {@link #evaluate} call reuses the engine, so a define that an
 * earlier step evaluated comes from the engine's per-request cache. Lives for one request, on one thread; closing it
 * hands the engine back for reuse unless an evaluation failed.
 */
public final class CqlSession implements AutoCloseable {

    /** Receives the engine back when the session ends, told whether every evaluation completed. */
    @FunctionalInterface
    interface Release {
        void release(boolean completed);
    }

    private final CqlEngine engine;
    private final Release release;
    private final CqlLibraries libraries;
    private final Map<String, Object> parameters;
    private final String patientId;
    private final ZonedDateTime evaluationTime;
    private boolean completed = true;
    private boolean closed;

    CqlSession(
            CqlEngine engine,
            Release release,
            CqlLibraries libraries,
            Map<String, Object> parameters,
            String patientId,
            ZonedDateTime evaluationTime) {
        this.engine = engine;
        this.release = release;
        this.libraries = libraries;
        this.parameters = parameters;
        this.patientId = patientId;
        this.evaluationTime = evaluationTime;
    }

    /** Define values by library and name; a library that throws fails the whole evaluation. */
    public Map<String, Map<String, Object>> evaluate(Map<String, Set<String>> definesByLibrary) {
        if (closed) {
            throw new IllegalStateException("CQL session already closed");
        }
        var values = new HashMap<String, Map<String, Object>>();
        // Every library's defines live in the one linked library, under linked names.
        var linkedNames = new ArrayList<EvaluationExpressionRef>();
        definesByLibrary.forEach((library, names) -> {
            names.forEach(name -> linkedNames.add(new EvaluationExpressionRef(libraries.linkedName(library, name))));
            values.put(library, new HashMap<>());
        });
        if (linkedNames.isEmpty()) {
            return values;
        }
        var params = new EvaluationParams.Builder();
        params.library(libraries.linkedIdentifier(), new EvaluationParams.LibraryParams(linkedNames));
        params.setContextParameter(new kotlin.Pair<>("Patient", patientId));
        params.setParameters(parameters);
        params.setEvaluationDateTime(evaluationTime);

        completed = false; // until the engine returns: an exception may leave it mid-evaluation
        var results = engine.evaluate(params.build());
        completed = !results.hasExceptions();
        if (results.hasExceptions()) {
            var failure = results.getExceptions().entrySet().iterator().next();
            throw new EvaluationException(
                    "CQL library " + failure.getKey().getId() + " failed to evaluate", failure.getValue());
        }
        var linked = results.getResultFor(libraries.linkedIdentifier()).getExpressionResults();
        definesByLibrary.forEach((library, names) -> names.forEach(name -> {
            var result = linked.get(libraries.linkedName(library, name));
            if (result != null) {
                values.get(library).put(name, result.getValue());
            }
        }));
        return values;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            release.release(completed);
        }
    }
}
