package org.lbpcdshooks.evaluation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
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

    /** One resource with the codings at a retrieve's code path, read once per request and code path. */
    private record Coded(Object resource, List<Coding> codings) {}

    private record Filter(String dataType, String codePath, String valueSet, String codes) {}

    private final Map<String, List<Object>> byType = new HashMap<>();
    private final Map<String, List<Coded>> codedByTypeAndPath = new HashMap<>();
    private final Map<Filter, List<Object>> filtered = new HashMap<>();
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
        if (codes == null && valueSet == null) {
            return byType.getOrDefault(dataType, List.of());
        }
        var wanted = codes == null ? List.<Code>of() : listOf(codes);
        var key = new Filter(dataType, codePath, valueSet, wanted.isEmpty() ? "" : codesKey(wanted));
        return filtered.computeIfAbsent(key, filter -> {
            var info = valueSet == null ? null : new ValueSetInfo().withId(valueSet);
            var matching = new ArrayList<Object>();
            for (var coded : coded(dataType, codePath)) {
                if (matches(coded.codings(), wanted, info)) {
                    matching.add(coded.resource());
                }
            }
            return matching;
        });
    }

    private List<Coded> coded(String dataType, String codePath) {
        return codedByTypeAndPath.computeIfAbsent(dataType + "|" + codePath, key -> {
            var coded = new ArrayList<Coded>();
            for (var resource : byType.getOrDefault(dataType, List.of())) {
                if (modelResolver.resolvePath(resource, codePath) instanceof CodeableConcept concept) {
                    coded.add(new Coded(resource, concept.getCoding()));
                }
            }
            return coded;
        });
    }

    private boolean matches(List<Coding> codings, List<Code> wanted, ValueSetInfo valueSet) {
        for (var coding : codings) {
            if (valueSet != null && terminology.in(new Code().withSystem(coding.getSystem()).withCode(coding.getCode()), valueSet)) {
                return true;
            }
            for (var code : wanted) {
                if (code.getCode().equals(coding.getCode())
                        && (code.getSystem() == null || code.getSystem().equals(coding.getSystem()))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static List<Code> listOf(Iterable<Code> codes) {
        var list = new ArrayList<Code>();
        codes.forEach(list::add);
        return list;
    }

    private static String codesKey(List<Code> codes) {
        var key = new StringBuilder();
        codes.forEach(code -> key.append(code.getSystem()).append('#').append(code.getCode()).append(','));
        return key.toString();
    }
}
