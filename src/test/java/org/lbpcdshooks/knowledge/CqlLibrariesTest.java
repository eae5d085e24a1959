package org.lbpcdshooks.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.opencds.cqf.fhir.cql.EvaluationSettings;

class CqlLibrariesTest {

    @Test
    void everyLibraryUnderCqlCompilesIntoTheSharedCache() {
        var settings = EvaluationSettings.getDefault();

        var libraries = CqlLibraries.compile(settings, "cql");

        assertThat(libraries.names()).contains("LowBackPainCommon", "LowBackPainRedFlags", "LowBackPainImaging");
        assertThat(libraries.defines("LowBackPainRedFlags")).contains("Has Suspected Cauda Equina Syndrome");
        assertThat(settings.getLibraryCache().keySet())
                .anySatisfy(id -> assertThat(id.getId()).isEqualTo("LowBackPainImaging"));
    }
}
