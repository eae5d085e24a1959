package org.lbpcdshooks.evaluation;

import java.util.function.Function;
import org.opencds.cqf.cql.engine.execution.CqlEngine;
import org.opencds.cqf.cql.engine.retrieve.RetrieveProvider;
import org.opencds.cqf.cql.engine.runtime.Code;
import org.opencds.cqf.cql.engine.runtime.Interval;

/**
 * A CQL engine that serves one session at a time and is then kept for the next. What the engine learns about the
 * (shared, immutable) ELM stays: which function definition each call site calls, resolved by signature on first call
 * and otherwise once per call site and request. What it knows of a patient goes: the defines it evaluated, the
 * patient data it retrieves from, the patient id and the request's parameters are dropped when a session starts and
 * when it ends.
 */
final class PooledEngine implements RetrieveProvider {

    private final CqlEngine engine;
    private PatientDataRetrieveProvider patientData;

    /** @param newEngine builds an engine whose FHIR retrieves go to the given provider */
    PooledEngine(Function<RetrieveProvider, CqlEngine> newEngine) {
        this.engine = newEngine.apply(this);
    }

    CqlEngine startSession(PatientDataRetrieveProvider data) {
        forgetPatient();
        patientData = data;
        return engine;
    }

    /**
     * Ends the session: drops the patient's data and results. An engine that failed mid-evaluation, or whose call
     * stack is not empty, is not reused (reports false).
     */
    boolean endSession(boolean completed) {
        forgetPatient();
        return completed && engine.getState().getStack().isEmpty();
    }

    private void forgetPatient() {
        patientData = null;
        engine.getCache().getExpressions().clear();
        // The patient id and the request's parameters (draft order references) are set anew by every evaluation;
        // cleared so an idle engine holds nothing of the last request.
        engine.getState().getContextValues().clear();
        engine.getState().getParameters().clear();
    }

    @Override
    public Iterable<Object> retrieve(
            String context,
            String contextPath,
            Object contextValue,
            String dataType,
            String templateId,
            String codePath,
            Iterable<Code> codes,
            String valueSet,
            String datePath,
            String dateLowPath,
            String dateHighPath,
            Interval dateRange) {
        if (patientData == null) {
            throw new IllegalStateException("A pooled CQL engine was used outside a session");
        }
        return patientData.retrieve(context, contextPath, contextValue, dataType, templateId, codePath, codes,
                valueSet, datePath, dateLowPath, dateHighPath, dateRange);
    }
}
