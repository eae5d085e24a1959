package org.lbpcdshooks.benchmark;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.concurrent.TimeUnit;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.lbpcdshooks.config.LbpProperties;
import org.lbpcdshooks.evaluation.CqlRunner;
import org.lbpcdshooks.evaluation.EvaluationRequest;
import org.lbpcdshooks.evaluation.GuidelineEvaluator;
import org.lbpcdshooks.evaluation.GuidelineResult;
import org.lbpcdshooks.knowledge.CodeDisplays;
import org.lbpcdshooks.knowledge.CqlLibraries;
import org.lbpcdshooks.knowledge.KnowledgeRepository;
import org.lbpcdshooks.knowledge.RuleCatalog;
import org.lbpcdshooks.knowledge.ValueSetTerminology;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.opencds.cqf.fhir.cql.EvaluationSettings;
import org.opencds.cqf.fhir.utility.model.FhirModelResolverCache;
import org.springframework.boot.context.properties.bind.Binder;

/**
 * The naive way, for the ratio: every call builds a fresh CQL/clinical-reasoning setup (reads the knowledge,
 * translates the CQL, builds the terminology) and then evaluates the same patient-view request.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 10)
@Measurement(iterations = 3, time = 10)
@Fork(value = 1, jvmArgs = {"-Xms512m", "-Xmx1g"})
public class NaiveSetupBenchmark {

    private FhirContext fhir;
    private Bundle patientData;
    private LbpProperties properties;

    @Setup
    public void prepare() throws Exception {
        fhir = FhirContext.forR4Cached();
        patientData = new Bundle().setType(Bundle.BundleType.COLLECTION);
        for (Resource resource : BenchmarkPatient.chart()) {
            patientData.addEntry().setResource(resource);
        }
        properties = Binder.get(new org.springframework.core.env.StandardEnvironment())
                .bindOrCreate("lbp", LbpProperties.class);
        ObjectNode unused = BenchmarkPatient.patientView(fhir);
        assert unused != null;
    }

    @Benchmark
    public GuidelineResult freshSetupPerCall() {
        var settings = EvaluationSettings.getDefault();
        var knowledge = KnowledgeRepository.fromClasspath(fhir, "fhir-resources");
        var libraries = CqlLibraries.compile(settings, "cql");
        var terminology = new ValueSetTerminology(knowledge, new CodeDisplays(knowledge));
        var catalog = RuleCatalog.build(knowledge, libraries);
        var runner = new CqlRunner(settings, libraries, terminology,
                new org.opencds.cqf.cql.engine.model.CachingModelResolverDecorator(new org.lbpcdshooks.knowledge.DirectPropertyModelResolver(fhir)), properties);
        var evaluator = new GuidelineEvaluator(runner, properties, Clock.systemUTC());
        var service = catalog.service("lbp-patient-view").orElseThrow();
        return evaluator.evaluate(new EvaluationRequest(
                service, BenchmarkPatient.ID, patientData, new ArrayList<>(), new ArrayList<>()));
    }

}
