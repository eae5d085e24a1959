package org.lbpcdshooks.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Bundle;
import org.lbpcdshooks.FixedClockConfiguration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.opencds.cqf.cql.engine.runtime.Code;
import org.opencds.cqf.cql.engine.runtime.Date;
import org.opencds.cqf.cql.engine.runtime.DateTime;
import org.opencds.cqf.cql.engine.runtime.Tuple;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * CQL level: each folder {@code src/test/resources/cql/<Library>/<case>/} holds one patient ({@code bundle.json})
 * and {@code case.json} with the hook context, configuration and the expected value of each define it checks.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, classes = {
    org.lbpcdshooks.LbpCdsHooksApplication.class, FixedClockConfiguration.class})
class CqlDefinesTest {

    private static final Path CASES = Path.of("src/test/resources/cql");

    @Autowired
    CqlRunner runner;

    @Autowired
    FhirContext fhirContext;

    @Autowired
    ObjectMapper objectMapper;

    static Stream<String> cases() throws IOException {
        try (var files = Files.walk(CASES)) {
            return files.filter(path -> path.endsWith("case.json"))
                    .map(path -> CASES.relativize(path.getParent()).toString())
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void definesHaveTheExpectedValues(String caseName) throws IOException {
        var folder = CASES.resolve(caseName);
        var library = folder.getParent().getFileName().toString();
        var spec = objectMapper.readTree(folder.resolve("case.json").toFile());
        var bundle = fhirContext.newJsonParser().parseResource(Bundle.class, Files.readString(folder.resolve("bundle.json")));
        var patientId = bundle.getEntry().stream()
                .filter(entry -> entry.getResource().fhirType().equals("Patient"))
                .map(entry -> entry.getResource().getIdElement().getIdPart())
                .findFirst()
                .orElseThrow();
        @SuppressWarnings("unchecked")
        Map<String, Object> expected = objectMapper.convertValue(spec.get("expected"), LinkedHashMap.class);
        var inputs = new CqlInputs(
                patientId,
                bundle,
                spec.get("hook").asText(),
                spec.get("jurisdiction").asText(),
                spec.get("setting").asText(),
                strings(spec.get("draftOrders")),
                strings(spec.get("inFocus")),
                ZonedDateTime.ofInstant(FixedClockConfiguration.TODAY, ZoneOffset.UTC));

        var values = runner.evaluate(Map.of(library, Set.copyOf(expected.keySet())), inputs).get(library);

        var actual = new LinkedHashMap<String, Object>();
        expected.keySet().forEach(name -> actual.put(name, simplify(values.get(name))));
        assertThat(actual).as(spec.get("description").asText()).isEqualTo(expected);
    }

    private static List<String> strings(com.fasterxml.jackson.databind.JsonNode array) {
        var values = new ArrayList<String>();
        array.forEach(item -> values.add(item.asText()));
        return values;
    }

    /** CQL runtime values as the JSON types of case.json: codes by their code, dates as ISO text. */
    private static Object simplify(Object value) {
        if (value instanceof Iterable<?> items) {
            var list = new ArrayList<Object>();
            items.forEach(item -> list.add(simplify(item)));
            return list;
        }
        if (value instanceof Code code) {
            return code.getCode();
        }
        if (value instanceof Date date) {
            return date.getDate().toString();
        }
        if (value instanceof DateTime dateTime) {
            return dateTime.getDateTime().toLocalDate().toString();
        }
        if (value instanceof Tuple tuple) {
            var map = new LinkedHashMap<String, Object>();
            tuple.getElements().forEach((key, element) -> map.put(key, simplify(element)));
            return map;
        }
        return value;
    }
}
