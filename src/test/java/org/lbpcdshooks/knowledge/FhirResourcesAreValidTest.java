package org.lbpcdshooks.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lbpcdshooks.FhirValidation;

/** Every knowledge artefact in fhir-resources/ passes the offline HAPI FHIR instance validator with 0 errors. */
class FhirResourcesAreValidTest {

    @Test
    void everyKnowledgeResourceIsValidFhirR4() throws IOException {
        var validation = new FhirValidation();
        var errors = new LinkedHashMap<String, List<String>>();
        try (var files = Files.walk(Path.of("fhir-resources"))) {
            for (var file : files.filter(path -> path.toString().endsWith(".json")).sorted().toList()) {
                var found = validation.errors(Files.readString(file));
                if (!found.isEmpty()) {
                    errors.put(file.toString(), found);
                }
            }
        }
        assertThat(errors).isEmpty();
    }
}
