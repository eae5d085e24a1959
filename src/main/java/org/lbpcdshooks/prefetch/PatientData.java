package org.lbpcdshooks.prefetch;

import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;

/**
 * Everything known about the patient for one request: prefetched and fetched resources plus the draft orders, one
 * entry per {@code Type/id}. Lives only for the request.
 */
public record PatientData(Bundle bundle, Map<String, Resource> draftOrders) {

    public PatientData {
        draftOrders = Map.copyOf(draftOrders);
    }

    public List<String> draftOrderReferences() {
        return List.copyOf(draftOrders.keySet());
    }
}
