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

    static List<Arguments> primitives() {
        var status = new Observation().setStatus(Observation.ObservationStatus.AMENDED).getStatusElement();
        List<org.hl7.fhir.r4.model.PrimitiveType<?>> primitives = List.of(
                new DateTimeType("2026-11-20"), new DateTimeType("2026-11"), new DateTimeType("2026"),
                new DateTimeType("2026-11-20T08:30:00+01:00"), new DateTimeType("2026-11-20T08:30:00.123Z"),
                new DateTimeType(), new org.hl7.fhir.r4.model.InstantType("2026-11-20T08:30:00.000+02:00"),
                // the forms read from the text (CommonTemporalForms), around their edges
                new DateTimeType("2026-11-20T08:30:00+05:45"), new DateTimeType("2026-11-20T23:59:59-03:30"),
                new DateTimeType("2026-11-20T00:00:00-00:00"), new DateTimeType("2026-11-20T08:30:00+14:00"),
                new DateTimeType("2026-11-20T08:30:00-12:00"), new DateTimeType("2024-02-29T12:00:00Z"),
                new DateTimeType("1999-12-31T23:59:59.5Z"), new DateTimeType("2026-11-20T08:30:00.12+01:00"),
                new DateTimeType("2026-11-20T08:30:00.123456+01:00"), new DateTimeType("2026-03-29T02:30:00+01:00"),
                new DateTimeType("0001-01-01T00:00:00Z"),
                new DateTimeType("2026-11-20T08:30:00"),
                new org.hl7.fhir.r4.model.InstantType("2026-11-20T08:30:00+02:00"),
                new org.hl7.fhir.r4.model.InstantType("2026-11-20T08:30:00.1Z"),
                new org.hl7.fhir.r4.model.DateType("2024-02-29"), new org.hl7.fhir.r4.model.DateType("1980-02"),
                new org.hl7.fhir.r4.model.DateType("2026-12-31"),
                new org.hl7.fhir.r4.model.DateType("1980-02-01"), new org.hl7.fhir.r4.model.DateType("1980"),
                new org.hl7.fhir.r4.model.TimeType("08:30:00"), new org.hl7.fhir.r4.model.IdType("Observation/nrs-1"),
                new org.hl7.fhir.r4.model.Base64BinaryType("aGVsbG8="), new org.hl7.fhir.r4.model.StringType("text"),
                new org.hl7.fhir.r4.model.StringType(""), new org.hl7.fhir.r4.model.StringType(),
                new org.hl7.fhir.r4.model.CodeType("final"), new org.hl7.fhir.r4.model.BooleanType(true),
                new org.hl7.fhir.r4.model.IntegerType(7), new org.hl7.fhir.r4.model.DecimalType("1.50"),
                new org.hl7.fhir.r4.model.UriType("http://loinc.org"),
                new org.hl7.fhir.r4.model.CanonicalType("http://example.org/ValueSet/x"),
                new org.hl7.fhir.r4.model.MarkdownType("*note*"), status,
                new org.hl7.fhir.r4.model.Enumeration<>(new Observation.ObservationStatusEnumFactory()));
        return primitives.stream()
                .flatMap(primitive -> List.of("value", "extension", "id").stream()
                        .map(path -> Arguments.of(primitive, path)))
                .toList();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("primitives")
    void readsPrimitivesAsTheStockResolver(org.hl7.fhir.r4.model.PrimitiveType<?> primitive, String path) {
        var expected = comparable(STOCK.resolvePath(primitive, path));

        assertThat(comparable(DIRECT.resolvePath(primitive, path))).isEqualTo(expected);
        assertThat(comparable(DIRECT.resolvePath(primitive, path))).isEqualTo(expected);
    }

    /** CQL Date and Time compare by identity; their class and text say whether two are the same value. */
    private static Object comparable(Object value) {
        return value instanceof org.opencds.cqf.cql.engine.runtime.BaseTemporal temporal
                ? temporal.getClass().getSimpleName() + " " + temporal + " " + temporal.getPrecision()
                : value;
    }

    @org.junit.jupiter.api.Test
    void aDateChangedAfterItWasReadIsConvertedAgain() {
        var date = new DateTimeType("2026-11-20");
        DIRECT.resolvePath(date, "value");

        date.setValueAsString("2025-01-02T10:00:00Z");

        assertThat(comparable(DIRECT.resolvePath(date, "value"))).isEqualTo(comparable(STOCK.resolvePath(date, "value")));
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
