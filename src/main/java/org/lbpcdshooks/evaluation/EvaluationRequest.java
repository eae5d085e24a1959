package org.lbpcdshooks.evaluation;

import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.lbpcdshooks.knowledge.CdsServiceDefinition;

/**
 * What one hook call asks the guideline: the service, the patient's data (one de-duplicated bundle including the
 * draft orders), which drafts exist and which are in focus (selected on order-select, all on order-sign).
 */
public record EvaluationRequest(
        CdsServiceDefinition service,
        String patientId,
        Bundle patientData,
        List<String> draftOrderReferences,
        List<String> inFocusOrderReferences) {

    public EvaluationRequest {
        draftOrderReferences = List.copyOf(draftOrderReferences);
        inFocusOrderReferences = List.copyOf(inFocusOrderReferences);
    }
}
