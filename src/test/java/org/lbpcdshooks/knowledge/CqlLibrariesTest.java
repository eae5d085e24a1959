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

    @Test
    void theElmPrecompiledAtBuildTimeHasEveryLibraryAndDefineOfTheCql() {
        var compiled = CqlLibraries.compile(EvaluationSettings.getDefault(), "cql");

        var settings = EvaluationSettings.getDefault();
        var loaded = CqlLibraries.load(settings, "cql", "elm");

        assertThat(loaded.names()).isEqualTo(compiled.names());
        compiled.names().forEach(name -> assertThat(loaded.defines(name)).as(name).isEqualTo(compiled.defines(name)));
        // What the engine runs: one library linking them all, FHIRHelpers included.
        var linked = settings.getLibraryCache().get(loaded.linkedIdentifier()).getLibrary();
        assertThat(linked.getStatements().getDef())
                .anySatisfy(def -> assertThat(def.getName()).isEqualTo("ToConcept @FHIRHelpers"))
                .anySatisfy(def -> assertThat(def.getName()).isEqualTo("Has Suspected Cauda Equina Syndrome @LowBackPainRedFlags"));
        assertThat(linked.getIncludes()).isNull();
    }
}
