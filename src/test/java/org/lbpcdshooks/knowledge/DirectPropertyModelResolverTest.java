package org.lbpcdshooks.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.util.List;
import org.hl7.fhir.r4.model.Age;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.opencds.cqf.cql.engine.fhir.model.R4FhirModelResolver;

/** The cached property access must answer exactly what the engine's stock resolver answers, for every path shape. */
class DirectPropertyModelResolverTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final R4FhirModelResolver STOCK = new R4FhirModelResolver(FHIR);
    private static final DirectPropertyModelResolver DIRECT = new DirectPropertyModelResolver(FHIR);

    static List<Arguments> accesses() {
        var quantityObservation = new Observation()
                .setStatus(Observation.ObservationStatus.FINAL)
                .setCode(new CodeableConcept(new org.hl7.fhir.r4.model.Coding("http://loinc.org", "72514-3", null)))
                .setValue(new Quantity(7))
                .setEffective(new DateTimeType("2026-11-20"));
        quantityObservation.setId("nrs-1");
        var conceptObservation = new Observation().setValue(new CodeableConcept().setText("present"));
        var unsetStatus = new Observation();
        var ageOnset = new Condition().setOnset(new Age().setValue(42));
        var referencedMedication = new MedicationRequest().setMedication(new Reference("Medication/1"));
        var patient = new Patient().setBirthDateElement(new org.hl7.fhir.r4.model.DateType("1980-02-01"));
        var paths = List.of("value", "valueQuantity", "valueCodeableConcept", "effective", "effectiveDateTime",
                "effectivePeriod", "status", "code", "id", "Observation", "component", "interpretation", "onset",
                "onsetAge", "onsetDateTime", "medication", "medicationCodeableConcept", "birthDate", "noSuchElement");
        var resources = List.of(quantityObservation, conceptObservation, unsetStatus, ageOnset, referencedMedication, patient);
        return resources.stream()
                .flatMap(resource -> paths.stream().map(path -> Arguments.of(resource, path)))
                .toList();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("accesses")
    void answersAsTheStockResolver(Object resource, String path) {
        Object expected;
        try {
            expected = STOCK.resolvePath(resource, path);
        } catch (RuntimeException stockFailure) {
            expected = null;
        }
        // Twice: the second access is served from the per-class cache.
        assertThat(DIRECT.resolvePath(resource, path)).isEqualTo(expected);
        assertThat(DIRECT.resolvePath(resource, path)).isEqualTo(expected);
    }
}
