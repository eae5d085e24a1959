package org.lbpcdshooks.benchmark;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;

/**
 * A realistic ~50-resource chart for benchmarks: 54-year-old with 7 weeks of sciatica, an old resolved episode,
 * observations over time (NRS series, MRC grades, screening answers, STarT Back), medication history, referrals and
 * a past procedure. Dates are relative to the real today, because the benchmarked service uses the system clock.
 */
final class BenchmarkPatient {

    static final String ID = "benchmark-patient";
    private static final String FINDING = "http://lbp-cds-hooks.org/fhir/CodeSystem/lbp-finding";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LocalDate today = LocalDate.now(ZoneId.of("Europe/Amsterdam"));
    private final List<Resource> resources = new ArrayList<>();
    private int sequence;

    static ObjectNode patientView(FhirContext fhir) throws Exception {
        return new BenchmarkPatient().build().request(fhir, "patient-view", null);
    }

    static ObjectNode orderSelect(FhirContext fhir) throws Exception {
        var mri = new ServiceRequest()
                .setStatus(ServiceRequest.ServiceRequestStatus.DRAFT)
                .setIntent(ServiceRequest.ServiceRequestIntent.ORDER)
                .setCode(concept("http://loinc.org", "24968-0", "MR Lumbar spine"))
                .setSubject(new Reference("Patient/" + ID));
        mri.setId("mri-draft");
        return new BenchmarkPatient().build().request(fhir, "order-select", mri);
    }

    /** The same request without prefetch, for the fetch path: the resources are served by a fake EHR instead. */
    static List<Resource> chart() {
        return new BenchmarkPatient().build().resources;
    }

    private BenchmarkPatient build() {
        var patient = new Patient().setGender(Enumerations.AdministrativeGender.MALE)
                .setBirthDate(date(today.minusYears(54).minusDays(40)));
        patient.setId(ID);
        resources.add(patient);
        condition("http://hl7.org/fhir/sid/icpc-2", "L86", "Back syndrome with radiating pain", 49, "active");
        condition("http://hl7.org/fhir/sid/icpc-2", "L03", "Low back symptom/complaint", 52, "active");
        condition("http://hl7.org/fhir/sid/icd-10", "M54.5", "Low back pain", 700, "resolved");
        condition("http://hl7.org/fhir/sid/icd-10", "I10", "Essential hypertension", 3000, "active");
        condition("http://hl7.org/fhir/sid/icd-10", "E11", "Type 2 diabetes mellitus", 2000, "active");
        for (int week = 0; week < 7; week++) {
            observation("http://loinc.org", "72514-3", new IntegerType(7 - week / 3), week * 7);
        }
        for (var finding : List.of("saddle-anaesthesia", "urinary-retention", "urinary-incontinence-new",
                "fecal-incontinence", "fever", "weight-loss-unexplained", "night-pain", "recent-trauma",
                "progressive-weakness", "flag-yellow", "flag-blue", "sick-leave")) {
            observation(FINDING, finding, new BooleanType(false), 30);
            observation(FINDING, finding, new BooleanType(finding.equals("sick-leave")), 2);
        }
        observation(FINDING, "red-flag-screen", new CodeableConcept(new Coding("http://snomed.info/sct", "2667000", "Absent")), 21);
        for (int visit = 0; visit < 3; visit++) {
            var mrc = new Observation().setStatus(Observation.ObservationStatus.FINAL)
                    .setCode(concept(FINDING, "mrc-grade", "MRC muscle strength grade"))
                    .setSubject(new Reference("Patient/" + ID))
                    .setEffective(new DateTimeType(date(today.minusDays(visit * 10L))))
                    .setValue(new IntegerType(5));
            mrc.setBodySite(concept(FINDING, "muscle-ehl", "Extensor hallucis longus (L5)"));
            add(mrc);
        }
        observation(FINDING, "startback-total", new IntegerType(5), 14);
        observation(FINDING, "startback-psychosocial", new IntegerType(2), 14);
        medication("M01AE01", "ibuprofen", 45, MedicationRequest.MedicationRequestStatus.ACTIVE);
        medication("N02BE01", "paracetamol", 49, MedicationRequest.MedicationRequestStatus.ACTIVE);
        medication("C09AA02", "enalapril", 1500, MedicationRequest.MedicationRequestStatus.ACTIVE);
        medication("A10BA02", "metformin", 1800, MedicationRequest.MedicationRequestStatus.ACTIVE);
        medication("N02AX02", "tramadol", 300, MedicationRequest.MedicationRequestStatus.STOPPED);
        referral("308447003", "Refer to physiotherapist", 35);
        referral("183521007", "Referral to neurology service", 400);
        var procedure = new Procedure().setStatus(Procedure.ProcedureStatus.COMPLETED)
                .setCode(concept("http://snomed.info/sct", "80146002", "Appendectomy"))
                .setSubject(new Reference("Patient/" + ID))
                .setPerformed(new DateTimeType(date(today.minusYears(20))));
        add(procedure);
        return this;
    }

    private ObjectNode request(FhirContext fhir, String hook, ServiceRequest draft) throws Exception {
        var request = JSON.createObjectNode();
        request.put("hook", hook).put("hookInstance", "7d1f1b3e-5e1c-4e5a-9f00-benchmark000");
        var context = request.putObject("context").put("userId", "Practitioner/gp").put("patientId", ID);
        if (draft != null) {
            var drafts = new Bundle().setType(Bundle.BundleType.COLLECTION);
            drafts.addEntry().setResource(draft);
            context.set("draftOrders", JSON.readTree(fhir.newJsonParser().encodeResourceToString(drafts)));
            context.putArray("selections").add("ServiceRequest/" + draft.getIdElement().getIdPart());
        }
        var prefetch = request.putObject("prefetch");
        prefetch.set("patient", JSON.readTree(fhir.newJsonParser().encodeResourceToString(resources.get(0))));
        var keys = List.of("Condition:conditions", "Observation:observations", "MedicationRequest:medicationRequests",
                "ServiceRequest:serviceRequests", "Procedure:procedures", "AllergyIntolerance:allergyIntolerances");
        for (var key : keys) {
            var type = key.split(":")[0];
            var bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET);
            resources.stream().filter(resource -> resource.fhirType().equals(type))
                    .forEach(resource -> bundle.addEntry().setResource(resource));
            prefetch.set(key.split(":")[1], JSON.readTree(fhir.newJsonParser().encodeResourceToString(bundle)));
        }
        return request;
    }

    private void condition(String system, String code, String display, int daysAgo, String clinicalStatus) {
        var condition = new Condition()
                .setClinicalStatus(concept("http://terminology.hl7.org/CodeSystem/condition-clinical", clinicalStatus, null))
                .setVerificationStatus(concept("http://terminology.hl7.org/CodeSystem/condition-ver-status", "confirmed", null))
                .setCode(concept(system, code, display))
                .setSubject(new Reference("Patient/" + ID))
                .setOnset(new DateTimeType(date(today.minusDays(daysAgo))));
        if (!"active".equals(clinicalStatus)) {
            condition.setAbatement(new DateTimeType(date(today.minusDays(daysAgo - 60L))));
        }
        add(condition);
    }

    private void observation(String system, String code, org.hl7.fhir.r4.model.Type value, int daysAgo) {
        add(new Observation().setStatus(Observation.ObservationStatus.FINAL)
                .setCode(concept(system, code, code))
                .setSubject(new Reference("Patient/" + ID))
                .setEffective(new DateTimeType(date(today.minusDays(daysAgo))))
                .setValue(value));
    }

    private void medication(String atc, String display, int daysAgo, MedicationRequest.MedicationRequestStatus status) {
        add(new MedicationRequest().setStatus(status).setIntent(MedicationRequest.MedicationRequestIntent.ORDER)
                .setMedication(concept("http://www.whocc.no/atc", atc, display))
                .setSubject(new Reference("Patient/" + ID))
                .setAuthoredOn(date(today.minusDays(daysAgo))));
    }

    private void referral(String snomed, String display, int daysAgo) {
        add(new ServiceRequest().setStatus(ServiceRequest.ServiceRequestStatus.ACTIVE)
                .setIntent(ServiceRequest.ServiceRequestIntent.ORDER)
                .setCode(concept("http://snomed.info/sct", snomed, display))
                .setSubject(new Reference("Patient/" + ID))
                .setAuthoredOn(date(today.minusDays(daysAgo))));
    }

    private void add(Resource resource) {
        resource.setId(resource.fhirType().toLowerCase() + "-" + (++sequence));
        resources.add(resource);
    }

    private static CodeableConcept concept(String system, String code, String display) {
        return new CodeableConcept(new Coding(system, code, display));
    }

    private static Date date(LocalDate day) {
        return Date.from(day.atStartOfDay(ZoneId.of("Europe/Amsterdam")).toInstant());
    }
}
