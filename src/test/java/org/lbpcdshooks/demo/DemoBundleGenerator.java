package org.lbpcdshooks.demo;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Writes the demo patients of {@code src/main/resources/demo/} from the test vignettes: one FHIR transaction Bundle
 * per patient ({@code bundles/<patient id>.json}, PUT entries, so it loads into any FHIR server as it is) with the
 * vignette's prefetch resources, and {@code patients.json} with what the demo page shows and needs (title, story,
 * the configuration the vignette was written for, the hook, the draft orders and selections).
 *
 * <p>Resource ids other than the Patient's get a short prefix derived from the patient id: the vignettes reuse ids
 * such as {@code red-flag-screen-negative}, which would overwrite each other on one FHIR server. A Condition entered in
 * error loses its clinicalStatus (FHIR invariant con-5), so that every Bundle is valid R4. Dates stay relative
 * to 2026-11-23; the service shifts them to its own today when it serves them.
 *
 * <p>Run from the repository root after changing vignettes:
 * <pre>
 * mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) org.lbpcdshooks.demo.DemoBundleGenerator
 * </pre>
 */
public final class DemoBundleGenerator {

    private static final Path VIGNETTES = Path.of("src/test/resources/vignettes");
    private static final Path OUTPUT = Path.of("src/main/resources/demo");
    private static final List<String> PREFETCH_KEYS = List.of(
            "patient", "conditions", "observations", "medicationRequests", "serviceRequests", "procedures",
            "allergyIntolerances");
    private static final Pattern HEADING = Pattern.compile("^## (V-\\d+) — (.+)$", Pattern.MULTILINE);
    private static final Pattern JURISDICTION_SUFFIX = Pattern.compile("\\s*\\((NL|BE)[^)]*\\)$");
    private static final ObjectMapper JSON = new ObjectMapper();

    private DemoBundleGenerator() {}

    public static void main(String[] args) throws IOException {
        var guidelineDir = Path.of(System.getProperty("lbp.guideline.dir", "../shared/guideline"));
        var titles = titles(Files.readString(guidelineDir.resolve("vignettes.md")));
        Files.createDirectories(OUTPUT.resolve("bundles"));

        var index = JSON.createObjectNode();
        index.put("bundleToday", "2026-11-23");
        index.put("note", "Generated from src/test/resources/vignettes by DemoBundleGenerator (src/test/java); "
                + "dates are relative to bundleToday and are shifted to the service's today when served.");
        var patients = new java.util.ArrayList<ObjectNode>();
        List<Path> folders;
        try (var list = Files.list(VIGNETTES)) {
            folders = list.filter(Files::isDirectory).sorted().toList();
        }
        for (var folder : folders) {
            var request = JSON.readTree(folder.resolve("request.json").toFile());
            var expected = JSON.readTree(folder.resolve("expected.json").toFile());
            var patientId = request.at("/prefetch/patient/id").asText();
            var prefix = prefix(patientId);
            var renamed = new HashMap<String, String>();

            var bundle = JSON.createObjectNode();
            bundle.put("resourceType", "Bundle");
            bundle.put("type", "transaction");
            var entries = bundle.putArray("entry");
            for (var key : PREFETCH_KEYS) {
                var value = request.path("prefetch").path(key);
                if (value.isObject() && "Bundle".equals(value.path("resourceType").asText())) {
                    value.path("entry").forEach(entry -> add(entries, entry.get("resource"), prefix, renamed));
                } else if (value.isObject()) {
                    add(entries, value, prefix, renamed);
                }
            }
            entries.forEach(entry -> rewriteReferences(entry.get("resource"), renamed));

            var vignette = expected.get("vignette").asText();
            var patient = JSON.createObjectNode();
            patients.add(patient);
            patient.put("id", patientId);
            patient.put("vignette", vignette);
            patient.put("title", titles.getOrDefault(vignette, humanized(folder.getFileName().toString())));
            patient.put("story", expected.get("story").asText());
            patient.put("jurisdiction", expected.get("jurisdiction").asText());
            patient.put("setting", expected.get("setting").asText());
            patient.put("hook", request.get("hook").asText());
            var drafts = patient.putArray("draftOrders");
            request.at("/context/draftOrders/entry").forEach(entry -> drafts.add(entry.get("resource")));
            var selections = patient.putArray("selections");
            request.at("/context/selections").forEach(selections::add);
            patient.put("source", VIGNETTES.resolve(folder.getFileName()).toString());

            write(OUTPUT.resolve("bundles").resolve(patientId + ".json"), bundle);
        }
        // The numbered development vignettes first (V-01 ... V-30), then the per-rule cases by label.
        patients.sort(java.util.Comparator
                .comparing((ObjectNode patient) -> !patient.get("vignette").asText().matches("V-\\d+"))
                .thenComparing(patient -> patient.get("vignette").asText()));
        index.putArray("patients").addAll(patients);
        write(OUTPUT.resolve("patients.json"), index);
        System.out.println("wrote " + patients.size() + " demo patients to " + OUTPUT);
    }

    private static void add(ArrayNode entries, JsonNode original, String prefix, Map<String, String> renamed) {
        var resource = (ObjectNode) original.deepCopy();
        var type = resource.get("resourceType").asText();
        if ("Condition".equals(type) && resource.at("/verificationStatus/coding/0/code").asText().equals("entered-in-error")) {
            resource.remove("clinicalStatus"); // con-5: a FHIR server may refuse it otherwise
        }
        var id = resource.get("id").asText();
        if (!"Patient".equals(type)) {
            var newId = prefix + "-" + id;
            renamed.put(type + "/" + id, type + "/" + newId);
            resource.put("id", newId);
            id = newId;
        }
        var entry = entries.addObject();
        entry.put("fullUrl", "urn:uuid:" + UUID.nameUUIDFromBytes((type + "/" + id).getBytes(StandardCharsets.UTF_8)));
        entry.set("resource", resource);
        entry.putObject("request").put("method", "PUT").put("url", type + "/" + id);
    }

    /** References between the patient's own resources (e.g. a MedicationRequest's reasonReference). */
    private static void rewriteReferences(JsonNode node, Map<String, String> renamed) {
        if (node.isObject()) {
            var object = (ObjectNode) node;
            var reference = object.get("reference");
            if (reference != null && reference.isTextual() && renamed.containsKey(reference.asText())) {
                object.put("reference", renamed.get(reference.asText()));
            }
            object.forEach(child -> rewriteReferences(child, renamed));
        } else if (node.isArray()) {
            node.forEach(child -> rewriteReferences(child, renamed));
        }
    }

    /** Six hex digits of the patient id's SHA-256: short, stable and distinct per patient. */
    private static String prefix(String patientId) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(patientId.getBytes(StandardCharsets.UTF_8));
            return "p" + HexFormat.of().formatHex(digest, 0, 3);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> titles(String vignettesMarkdown) {
        var titles = new HashMap<String, String>();
        var matcher = HEADING.matcher(vignettesMarkdown);
        while (matcher.find()) {
            titles.put(matcher.group(1), JURISDICTION_SUFFIX.matcher(matcher.group(2).trim()).replaceAll(""));
        }
        return titles;
    }

    private static String humanized(String folder) {
        var words = folder.replaceAll("-(order-select|order-sign|patient-view)$", "").replace('-', ' ')
                .replaceAll("\\bmri\\b", "MRI").replaceAll("\\bct\\b", "CT").replaceAll("\\bemg\\b", "EMG")
                .replaceAll("\\bmrc\\b", "MRC").replaceAll("\\bxray\\b", "X-ray").replaceAll("\\bspect\\b", "SPECT")
                .replaceAll("\\bbechterew\\b", "Bechterew");
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    private static void write(Path file, JsonNode json) throws IOException {
        var indenter = new DefaultIndenter("  ", "\n");
        var printer = new DefaultPrettyPrinter(com.fasterxml.jackson.core.util.Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(com.fasterxml.jackson.core.util.Separators.Spacing.AFTER)
                        .withArrayEmptySeparator("")
                        .withObjectEmptySeparator(""))
                .withObjectIndenter(indenter)
                .withArrayIndenter(indenter);
        Files.writeString(file, JSON.writer(printer).writeValueAsString(json) + "\n");
    }
}
