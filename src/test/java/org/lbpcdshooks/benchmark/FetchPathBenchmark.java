package org.lbpcdshooks.benchmark;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.lbpcdshooks.LbpCdsHooksApplication;
import org.lbpcdshooks.hooks.CdsResponse;
import org.lbpcdshooks.hooks.HookService;
import org.lbpcdshooks.knowledge.CdsServiceDefinition;
import org.lbpcdshooks.knowledge.RuleCatalog;
import org.lbpcdshooks.prefetch.HookContext;
import org.lbpcdshooks.prefetch.PatientData;
import org.lbpcdshooks.prefetch.PrefetchResolver;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The fetch path: no prefetch, every key read from a fake EHR FHIR server (WireMock on 127.0.0.1) that answers
 * each query after a fixed delay. The service reads the seven keys in parallel, so the call should take the EHR's
 * delay plus the in-process evaluation. The fetch path alone (gathering and parsing, no evaluation) minus the delay is
 * the fetch-path overhead; the whole call shows what a clinician waits for.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
// The JVM options of bin/lbp-cds-hooks, the way the service runs in production.
@Fork(value = 1, jvmArgs = {"-XX:+UseParallelGC", "-XX:ParallelGCThreads=2", "-XX:-UseAdaptiveSizePolicy", "-Xms256m",
        "-Xmx256m", "-Xmn96m", "-XX:SurvivorRatio=3", "-XX:TargetSurvivorRatio=90", "-XX:MaxTenuringThreshold=3"})
public class FetchPathBenchmark {

    @Param({"20"})
    public int ehrDelayMillis;

    private WireMockServer ehr;
    private ConfigurableApplicationContext context;
    private HookService hooks;
    private ObjectNode request;
    private PrefetchResolver prefetch;
    private CdsServiceDefinition patientView;
    private HookContext fetchEverything;

    @Setup(Level.Trial)
    public void start() throws Exception {
        ehr = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").containerThreads(32));
        ehr.start();
        var fhir = FhirContext.forR4Cached();
        List<Resource> chart = BenchmarkPatient.chart();
        serve("/fhir/Patient/" + BenchmarkPatient.ID, fhir.newJsonParser().encodeResourceToString(chart.get(0)));
        for (var type : List.of("Condition", "Observation", "MedicationRequest", "ServiceRequest", "Procedure", "AllergyIntolerance")) {
            var bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET);
            chart.stream().filter(resource -> resource.fhirType().equals(type))
                    .forEach(resource -> bundle.addEntry().setResource(resource));
            serve("/fhir/" + type + "?patient=" + BenchmarkPatient.ID, fhir.newJsonParser().encodeResourceToString(bundle));
        }
        context = new SpringApplicationBuilder(LbpCdsHooksApplication.class)
                .web(WebApplicationType.NONE)
                .run("--spring.profiles.active=demo",
                        "--spring.datasource.url=jdbc:h2:mem:fetch-benchmark;DB_CLOSE_DELAY=-1",
                        "--logging.level.root=WARN");
        hooks = context.getBean(HookService.class);
        request = new ObjectMapper().createObjectNode()
                .put("hook", "patient-view")
                .put("hookInstance", "0b0c0d0e-0000-4000-8000-fetchpath000")
                .put("fhirServer", "http://127.0.0.1:" + ehr.port() + "/fhir");
        request.putObject("context").put("userId", "Practitioner/gp").put("patientId", BenchmarkPatient.ID);
        request.putObject("fhirAuthorization").put("access_token", "benchmark-token").put("token_type", "Bearer");
        prefetch = context.getBean(PrefetchResolver.class);
        patientView = context.getBean(RuleCatalog.class).service("lbp-patient-view").orElseThrow();
        fetchEverything = new HookContext(BenchmarkPatient.ID, Map.of(), request.get("fhirServer").asText(),
                "benchmark-token", null);
    }

    private void serve(String url, String body) {
        ehr.stubFor(get(urlEqualTo(url)).willReturn(aResponse()
                .withHeader("Content-Type", "application/fhir+json")
                .withFixedDelay(ehrDelayMillis)
                .withBody(body)));
    }

    @TearDown(Level.Trial)
    public void stop() {
        context.close();
        ehr.stop();
    }

    /** The fetch path alone: every prefetch key read from the EHR in parallel and parsed, no evaluation. */
    @Benchmark
    public PatientData fetchEverythingOnly() {
        return prefetch.resolve(patientView, fetchEverything);
    }

    @Benchmark
    public CdsResponse patientViewFetchingEverything() {
        return hooks.call("lbp-patient-view", request, "en", null);
    }
}
