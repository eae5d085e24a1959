package org.lbpcdshooks.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * A clinical vignette from vignettes.md as test data: {@code src/test/resources/vignettes/<situation>/request.json}
 * (the whole CDS Hooks request with prefetch) and {@code expected.json} (service, configuration, and the card
 * fields a clinician would check; {@code "cards": []} means no card may appear).
 */
record Vignette(String name, String requestJson, JsonNode expected) {

    static final Path ROOT = Path.of("src/test/resources/vignettes");
    private static final ObjectMapper JSON = new ObjectMapper();

    static Vignette named(String name) {
        try {
            var folder = ROOT.resolve(name);
            return new Vignette(
                    name,
                    Files.readString(folder.resolve("request.json")),
                    JSON.readTree(folder.resolve("expected.json").toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Vignette> all() {
        try (var folders = Files.list(ROOT)) {
            return folders.filter(Files::isDirectory)
                    .map(folder -> named(folder.getFileName().toString()))
                    .sorted(java.util.Comparator.comparing(Vignette::name))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The vignettes written for one deployment configuration. */
    static Stream<String> configuredFor(String jurisdiction, String setting) {
        return all().stream()
                .filter(vignette -> vignette.jurisdiction().equals(jurisdiction) && vignette.setting().equals(setting))
                .map(Vignette::name);
    }

    String serviceId() {
        return expected.get("service").asText();
    }

    String jurisdiction() {
        return expected.get("jurisdiction").asText();
    }

    String setting() {
        return expected.get("setting").asText();
    }

    String acceptLanguage() {
        return expected.has("acceptLanguage") ? expected.get("acceptLanguage").asText() : null;
    }

    List<String> mustNotFire() {
        return JSON.convertValue(expected.get("mustNotFire"), JSON.getTypeFactory().constructCollectionType(List.class, String.class));
    }

    String expectedCardsJson() {
        return "{\"cards\":" + expected.get("cards").toString() + "}";
    }

    @Override
    public String toString() {
        return name;
    }
}
