package org.lbpcdshooks.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The fictional demo patients of {@code classpath:demo/}: {@code patients.json} (title, story, configuration, hook,
 * draft orders) and one FHIR transaction Bundle per patient under {@code bundles/}. Their dates are written relative
 * to {@code bundleToday}; {@link #shifted} moves every date by the same number of days, so durations, windows and
 * ages stay what the vignette says on any day the demo is used.
 */
@Component
class DemoPatients {

    private static final Pattern DATE = Pattern.compile("^(\\d{4}-\\d{2}-\\d{2})(T.*)?$");

    private final LocalDate bundleToday;
    private final Map<String, ObjectNode> patients = new LinkedHashMap<>();
    private final Map<String, JsonNode> bundles = new LinkedHashMap<>();

    DemoPatients(ObjectMapper objectMapper) {
        try {
            var index = objectMapper.readTree(new ClassPathResource("demo/patients.json").getInputStream());
            bundleToday = LocalDate.parse(index.get("bundleToday").asText());
            for (var patient : index.get("patients")) {
                var id = patient.get("id").asText();
                patients.put(id, (ObjectNode) patient);
                bundles.put(id, objectMapper.readTree(
                        new ClassPathResource("demo/bundles/" + id + ".json").getInputStream()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the demo patients under classpath:demo/ cannot be read", e);
        }
    }

    LocalDate bundleToday() {
        return bundleToday;
    }

    /** Title, story, configuration, hook, draft orders and selections of every patient, in catalogue order. */
    ArrayNode index(LocalDate today) {
        var list = new ObjectMapper().createArrayNode();
        patients.values().forEach(patient -> list.add(shifted(patient, today)));
        return list;
    }

    /** The patient's transaction Bundle, dated as if {@code bundleToday} were {@code today}. */
    Optional<JsonNode> bundle(String id, LocalDate today) {
        return Optional.ofNullable(bundles.get(id)).map(bundle -> shifted(bundle, today));
    }

    private JsonNode shifted(JsonNode json, LocalDate today) {
        var days = ChronoUnit.DAYS.between(bundleToday, today);
        var copy = json.deepCopy();
        return days == 0 ? copy : shift(copy, days);
    }

    private static JsonNode shift(JsonNode node, long days) {
        if (node.isObject()) {
            var object = (ObjectNode) node;
            var names = new java.util.ArrayList<String>();
            object.fieldNames().forEachRemaining(names::add);
            names.forEach(name -> object.set(name, shift(object.get(name), days)));
        } else if (node.isArray()) {
            var array = (ArrayNode) node;
            for (int i = 0; i < array.size(); i++) {
                array.set(i, shift(array.get(i), days));
            }
        } else if (node.isTextual()) {
            var matcher = DATE.matcher(node.asText());
            if (matcher.matches()) {
                var time = matcher.group(2) == null ? "" : matcher.group(2);
                return TextNode.valueOf(LocalDate.parse(matcher.group(1)).plusDays(days) + time);
            }
        }
        return node;
    }
}
