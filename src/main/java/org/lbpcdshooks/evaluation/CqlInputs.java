package org.lbpcdshooks.evaluation;

import java.time.ZonedDateTime;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;

/**
 * The inputs of one CQL evaluation: the patient's data and the parameters the libraries declare in
 * LowBackPainCommon (configuration, hook context, evaluation time).
 */
public record CqlInputs(
        String patientId,
        Bundle patientData,
        String hook,
        String jurisdiction,
        String careSetting,
        List<String> draftOrderReferences,
        List<String> inFocusOrderReferences,
        ZonedDateTime evaluationTime) {

    public CqlInputs {
        draftOrderReferences = List.copyOf(draftOrderReferences);
        inFocusOrderReferences = List.copyOf(inFocusOrderReferences);
    }
}
