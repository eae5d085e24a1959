package org.lbpcdshooks.evaluation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Resource;
import org.opencds.cqf.cql.engine.model.ModelResolver;
import org.opencds.cqf.cql.engine.retrieve.RetrieveProvider;
import org.opencds.cqf.cql.engine.runtime.Code;
import org.opencds.cqf.cql.engine.runtime.Interval;
import org.opencds.cqf.cql.engine.terminology.TerminologyProvider;
import org.opencds.cqf.cql.engine.terminology.ValueSetInfo;

/**
 * Serves CQL retrieves from the one patient's request bundle, indexed by resource type once per request. The bundle
 * holds a single patient's data, so the patient context needs no further filtering. A retrieve by value set or codes
 * ({@code [Observation: "Fever Finding"]}) is filtered here, in Java, once per request and value set: far cheaper
 * than a CQL where-clause that converts every resource's code for every finding.
 */
final class PatientDataRetrieveProvider implements RetrieveProvider {

    private final Map<String, List<Object>> byType = new HashMap<>();
    private final Map<String, List<Object>> filtered = new HashMap<>();
    private final ModelResolver modelResolver;
    private final TerminologyProvider terminology;

    PatientDataRetrieveProvider(Bundle patientData, ModelResolver modelResolver, TerminologyProvider terminology) {
        this.modelResolver = modelResolver;
        this.terminology = terminology;
        for (var entry : patientData.getEntry()) {
            Resource resource = entry.getResource();
            if (resource != null) {
                byType.computeIfAbsent(resource.fhirType(), type -> new ArrayList<>()).add(resource);
            }
        }
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
        if (dateRange != null) {
            throw new EvaluationException("Retrieves with a date range are not supported; filter in a where clause");
        }
        var all = byType.getOrDefault(dataType, List.of());
        if (codes == null && valueSet == null) {
            return all;
        }
        var key = dataType + "|" + codePath + "|" + valueSet + "|" + codesKey(codes);
        return filtered.computeIfAbsent(key, ignored -> {
            var matching = new ArrayList<Object>();
            for (var resource : all) {
                if (matches(modelResolver.resolvePath(resource, codePath), codes, valueSet)) {
                    matching.add(resource);
                }
            }
            return matching;
        });
    }

    private boolean matches(Object value, Iterable<Code> codes, String valueSet) {
        if (!(value instanceof CodeableConcept concept)) {
            return false;
        }
        var info = valueSet == null ? null : new ValueSetInfo().withId(valueSet);
        for (var coding : concept.getCoding()) {
            var code = new Code().withSystem(coding.getSystem()).withCode(coding.getCode());
            if (info != null && terminology.in(code, info)) {
                return true;
            }
            if (codes != null) {
                for (var wanted : codes) {
                    if (wanted.getCode().equals(coding.getCode())
                            && (wanted.getSystem() == null || wanted.getSystem().equals(coding.getSystem()))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static String codesKey(Iterable<Code> codes) {
        if (codes == null) {
            return "";
        }
        var key = new StringBuilder();
        codes.forEach(code -> key.append(code.getSystem()).append('#').append(code.getCode()).append(','));
        return key.toString();
    }
}
