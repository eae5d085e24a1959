package org.lbpcdshooks.evaluation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.opencds.cqf.cql.engine.retrieve.RetrieveProvider;
import org.opencds.cqf.cql.engine.runtime.Code;
import org.opencds.cqf.cql.engine.runtime.Interval;

/**
 * Serves CQL retrieves from the one patient's request bundle, indexed by resource type once per request. The bundle
 * holds a single patient's data, so the patient context needs no further filtering. The CQL filters by code with
 * value-set membership in its where clauses, so retrieves carry no code filter.
 */
final class PatientDataRetrieveProvider implements RetrieveProvider {

    private final Map<String, List<Object>> byType = new HashMap<>();

    PatientDataRetrieveProvider(Bundle patientData) {
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
        if (codes != null || valueSet != null || dateRange != null) {
            throw new EvaluationException("Retrieves with code or date filters are not supported; filter in a where clause");
        }
        return byType.getOrDefault(dataType, List.of());
    }
}
