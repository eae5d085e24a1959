package org.lbpcdshooks.cards;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;
import org.hl7.fhir.r4.model.Resource;

/**
 * What rendering needs from the request: language, patient, the draft orders by reference (parsed, and as the EHR
 * sent them), and the time.
 */
public record RenderContext(
        Language language,
        String patientId,
        Map<String, Resource> draftOrders,
        Map<String, ObjectNode> draftOrderJson,
        Instant now) {

    public RenderContext {
        draftOrders = Map.copyOf(draftOrders);
        draftOrderJson = Map.copyOf(draftOrderJson);
    }
}
