package org.lbpcdshooks.cards;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;

/** The tree built from HAPI's encoder is the JSON HAPI writes as text, read back with its decimals exact. */
class ResourceJsonTest {

    private static final ObjectMapper EXACT = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final FhirContext FHIR = FhirContext.forR4();

    private final ResourceJson resourceJson = new ResourceJson();

    @Test
    void aReferralWithCodesExtensionsAndReferencesIsTheJsonHapiWrites() throws Exception {
        var referral = new ServiceRequest();
        referral.setId("ref-1");
        referral.setStatus(ServiceRequest.ServiceRequestStatus.DRAFT);
        referral.setIntent(ServiceRequest.ServiceRequestIntent.PROPOSAL);
        referral.getCode().addCoding(new Coding("http://snomed.info/sct", "183567006", "Referral to neurology service"));
        referral.setSubject(new Reference("Patient/p1"));
        var appropriateness = new Extension("http://lbp-cds-hooks.org/fhir/StructureDefinition/imaging-appropriateness");
        appropriateness.addExtension("basis", new StringType("LBP-IMG-01"));
        appropriateness.addExtension("urgent", new BooleanType(true));
        referral.addExtension(appropriateness);

        assertSameAsHapiText(referral);
    }

    @Test
    void decimalsKeepTheirPrecisionAndPrimitiveExtensionsTheirPlaceInArrays() throws Exception {
        var prescription = new MedicationRequest();
        prescription.setStatus(MedicationRequest.MedicationRequestStatus.DRAFT);
        prescription.addDosageInstruction().addDoseAndRate()
                .setDose(new Quantity().setValue(new BigDecimal("0.50")).setUnit("g"));
        var patient = new Patient();
        var name = patient.addName().addGiven("Jan");
        name.addGivenElement().setValue("Piet").addExtension("http://example.org/roepnaam", new BooleanType(true));

        assertSameAsHapiText(prescription);
        assertSameAsHapiText(patient);
        assertThat(resourceJson.of(prescription).at("/dosageInstruction/0/doseAndRate/0/doseQuantity/value").decimalValue())
                .isEqualTo(new BigDecimal("0.50"));
    }

    private void assertSameAsHapiText(IBaseResource resource) throws Exception {
        JsonNode fromText = EXACT.readTree(FHIR.newJsonParser().encodeResourceToString(resource));
        assertThat(resourceJson.of(resource)).isEqualTo(fromText);
    }
}
