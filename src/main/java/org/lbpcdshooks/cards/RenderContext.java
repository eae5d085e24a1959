package org.lbpcdshooks.cards;

import java.time.Instant;
import java.util.Map;
import org.hl7.fhir.r4.model.Resource;

/** What rendering needs from the request: language, patient, the draft orders by reference, and the time. */
public record RenderContext(Language language, String patientId, Map<String, Resource> draftOrders, Instant now) {

    public RenderContext {
        draftOrders = Map.copyOf(draftOrders);
    }
}
