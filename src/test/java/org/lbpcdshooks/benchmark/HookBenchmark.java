package org.lbpcdshooks.benchmark;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IJsonLikeParser;
import ca.uhn.fhir.parser.json.jackson.JacksonStructure;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.TimeUnit;
import org.lbpcdshooks.LbpCdsHooksApplication;
import org.lbpcdshooks.hooks.CdsResponse;
import org.lbpcdshooks.hooks.HookService;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * In-process hook latency on a ~50-resource patient with the full rule set: the whole call without HTTP (prefetch
 * parsing, CQL evaluation of every topic, card rendering). The floor is parsing the same prefetch JSON alone.
 * Sample-time mode reports p50 / p99 per benchmark.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
// The JVM options of bin/lbp-cds-hooks, the way the service runs in production.
@Fork(value = 1, jvmArgs = {"-XX:+UseParallelGC", "-XX:ParallelGCThreads=2", "-XX:-UseAdaptiveSizePolicy", "-Xms256m",
        "-Xmx256m", "-Xmn96m", "-XX:SurvivorRatio=3", "-XX:TargetSurvivorRatio=90", "-XX:MaxTenuringThreshold=3"})
public class HookBenchmark {

    private ConfigurableApplicationContext context;
    private HookService hooks;
    private FhirContext fhir;
    private ObjectNode patientView;
    private ObjectNode orderSelect;

    @Setup(Level.Trial)
    public void startService() throws Exception {
        context = new SpringApplicationBuilder(LbpCdsHooksApplication.class)
                .web(WebApplicationType.NONE)
                .run("--spring.profiles.active=demo",
                        "--spring.datasource.url=jdbc:h2:mem:benchmark;DB_CLOSE_DELAY=-1",
                        "--logging.level.root=WARN");
        hooks = context.getBean(HookService.class);
        fhir = context.getBean(FhirContext.class);
        patientView = BenchmarkPatient.patientView(fhir);
        orderSelect = BenchmarkPatient.orderSelect(fhir);
    }

    @TearDown(Level.Trial)
    public void stopService() {
        context.close();
    }

    @Benchmark
    public CdsResponse patientView() {
        return hooks.call("lbp-patient-view", patientView, "en", null);
    }

    @Benchmark
    public CdsResponse orderSelect() {
        return hooks.call("lbp-order-select", orderSelect, "en", null);
    }

    /** The floor: turning the request's prefetch JSON into FHIR resources, which every call must do. */
    @Benchmark
    public void parsePrefetchOnly(Blackhole blackhole) {
        var parser = (IJsonLikeParser) fhir.newJsonParser();
        patientView.get("prefetch").forEach(value -> {
            var structure = new JacksonStructure();
            structure.setNativeObject((ObjectNode) value);
            blackhole.consume(parser.parseResource(structure));
        });
    }
}
