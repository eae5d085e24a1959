package org.lbpcdshooks.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.Bundle;
import org.lbpcdshooks.FixedClockConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * CQL engines are kept between sessions: a later session must see its own patient's data only, also when the EHR
 * sends the same patient id with other data (the chart changed between two hook calls), and an earlier session's
 * results must not come back from the engine's define cache.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, classes = {
    org.lbpcdshooks.LbpCdsHooksApplication.class, FixedClockConfiguration.class})
class EngineReuseTest {

    private static final String LIBRARY = "LowBackPainRedFlags";
    private static final String DEFINE = "Has Suspected Cauda Equina Syndrome";

    @Autowired
    CqlRunner runner;

    @Autowired
    FhirContext fhirContext;

    @Test
    void aReusedEngineForgetsThePreviousPatientsDataAndResults() throws IOException {
        var withDiagnosis = bundle("cql/LowBackPainRedFlags/cauda-equina-condition-within-window/bundle.json");
        var withoutDiagnosis = withDiagnosis.copy();
        withoutDiagnosis.getEntry().removeIf(entry -> entry.getResource().getIdElement().getIdPart().equals("ces"));

        assertThat(suspected(withDiagnosis)).isTrue();
        assertThat(suspected(withoutDiagnosis)).as("same patient id, diagnosis removed").isFalse();
        assertThat(suspected(withDiagnosis)).isTrue();
    }

    @Test
    void sessionsOpenAtTheSameTimeEachSeeTheirOwnPatient() throws IOException {
        var withDiagnosis = bundle("cql/LowBackPainRedFlags/cauda-equina-condition-within-window/bundle.json");
        var withoutDiagnosis = withDiagnosis.copy();
        withoutDiagnosis.getEntry().removeIf(entry -> entry.getResource().getIdElement().getIdPart().equals("ces"));

        try (var first = runner.open(inputs(withDiagnosis)); var second = runner.open(inputs(withoutDiagnosis))) {
            assertThat(first.evaluate(Map.of(LIBRARY, Set.of(DEFINE))).get(LIBRARY).get(DEFINE)).isEqualTo(true);
            assertThat(second.evaluate(Map.of(LIBRARY, Set.of(DEFINE))).get(LIBRARY).get(DEFINE)).isEqualTo(false);
        }
    }

    private boolean suspected(Bundle bundle) {
        return (Boolean) runner.evaluate(Map.of(LIBRARY, Set.of(DEFINE)), inputs(bundle)).get(LIBRARY).get(DEFINE);
    }

    private static CqlInputs inputs(Bundle bundle) {
        return new CqlInputs("ces-condition", bundle, "patient-view", "NL", "primary", List.of(), List.of(),
                ZonedDateTime.ofInstant(FixedClockConfiguration.TODAY, ZoneOffset.UTC));
    }

    private Bundle bundle(String path) throws IOException {
        return fhirContext.newJsonParser()
                .parseResource(Bundle.class, Files.readString(Path.of("src/test/resources").resolve(path)));
    }
}
