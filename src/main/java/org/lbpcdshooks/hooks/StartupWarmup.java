package org.lbpcdshooks.hooks;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.lbpcdshooks.cards.CardRenderer;
import org.lbpcdshooks.cards.Language;
import org.lbpcdshooks.cards.RenderContext;
import org.lbpcdshooks.evaluation.EvaluationRequest;
import org.lbpcdshooks.evaluation.GuidelineEvaluator;
import org.lbpcdshooks.knowledge.RuleCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Evaluates every service once on a synthetic patient before the service reports ready, so that class loading and
 * first-call JIT work are not paid by the first clinician. Nothing is recorded: no issued cards, no metrics.
 * Runs once all beans exist but before the web server opens its port, so no request is answered while it runs
 * (an ApplicationRunner would run after the port opened), and so the class-data-sharing training run
 * ({@code -Dspring.context.exit=onRefresh}) also archives the classes of an evaluation.
 */
@Component
class StartupWarmup implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(StartupWarmup.class);
    private static final String PATIENT = "synthetic-warm-up-patient";

    private final RuleCatalog catalog;
    private final GuidelineEvaluator evaluator;
    private final CardRenderer renderer;
    private final Clock clock;

    StartupWarmup(RuleCatalog catalog, GuidelineEvaluator evaluator, CardRenderer renderer, Clock clock) {
        this.catalog = catalog;
        this.evaluator = evaluator;
        this.renderer = renderer;
        this.clock = clock;
    }

    @Override
    public void afterSingletonsInstantiated() {
        var started = System.nanoTime();
        var mri = draftMri();
        for (var service : catalog.services()) {
            var data = syntheticChart();
            data.addEntry().setResource(mri);
            var drafts = service.hook().equals("patient-view") ? List.<String>of() : List.of("ServiceRequest/warm-up-mri");
            var result = evaluator.evaluate(new EvaluationRequest(service, PATIENT, data, drafts, drafts));
            renderer.render(result.firedRules(), new RenderContext(
                    Language.EN, PATIENT, drafts.isEmpty() ? Map.of() : Map.of("ServiceRequest/warm-up-mri", mri),
                    Map.of(), clock.instant()));
        }
        log.info("Warm-up evaluation of {} services took {} ms", catalog.services().size(),
                (System.nanoTime() - started) / 1_000_000);
    }

    private Bundle syntheticChart() {
        var today = LocalDate.now(clock);
        var patient = new Patient().setBirthDate(date(today.minusYears(45)));
        patient.setId(PATIENT);
        var sciatica = new Condition()
                .setClinicalStatus(concept("http://terminology.hl7.org/CodeSystem/condition-clinical", "active"))
                .setCode(concept("http://hl7.org/fhir/sid/icpc-2", "L86"))
                .setSubject(new Reference("Patient/" + PATIENT))
                .setOnset(new DateTimeType(date(today.minusDays(20))));
        sciatica.setId("warm-up-sciatica");
        var pain = new Observation().setStatus(Observation.ObservationStatus.FINAL)
                .setCode(concept("http://loinc.org", "72514-3"))
                .setSubject(new Reference("Patient/" + PATIENT))
                .setEffective(new DateTimeType(date(today)))
                .setValue(new IntegerType(6));
        pain.setId("warm-up-pain");
        var bundle = new Bundle().setType(Bundle.BundleType.COLLECTION);
        for (Resource resource : List.<Resource>of(patient, sciatica, pain)) {
            bundle.addEntry().setResource(resource);
        }
        return bundle;
    }

    private static ServiceRequest draftMri() {
        var mri = new ServiceRequest()
                .setStatus(ServiceRequest.ServiceRequestStatus.DRAFT)
                .setIntent(ServiceRequest.ServiceRequestIntent.ORDER)
                .setCode(concept("http://loinc.org", "24968-0"))
                .setSubject(new Reference("Patient/" + PATIENT));
        mri.setId("warm-up-mri");
        return mri;
    }

    private static CodeableConcept concept(String system, String code) {
        return new CodeableConcept(new Coding(system, code, null));
    }

    private static Date date(LocalDate day) {
        return Date.from(day.atStartOfDay(ZoneOffset.UTC).toInstant());
    }
}
