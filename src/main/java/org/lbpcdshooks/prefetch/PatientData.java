package org.lbpcdshooks.prefetch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;

/**
 * Everything known about the patient for one request: prefetched and fetched resources plus the draft orders, one
 * entry per {@code Type/id}; the draft orders also as the EHR sent them (JSON), to be handed back changed only where
 * the service changes them. Lives only for the request.
 */
public record PatientData(Bundle bundle, Map<String, Resource> draftOrders, Map<String, ObjectNode> draftOrderJson) {

    public PatientData {
        draftOrders = Map.copyOf(draftOrders);
        draftOrderJson = Map.copyOf(draftOrderJson);
    }

    public List<String> draftOrderReferences() {
        return List.copyOf(draftOrders.keySet());
    }
}
