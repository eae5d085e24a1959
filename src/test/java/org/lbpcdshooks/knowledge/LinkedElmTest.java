package org.lbpcdshooks.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The linked library is closed: no reference leaves it, and every reference names a definition of the right kind in
 * it. (That each define keeps its value is shown by the CQL tests, which run on the linked library.)
 */
class LinkedElmTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Where each kind of reference must find its definition. */
    private static final Map<String, String> SECTION_OF = Map.of(
            "ExpressionRef", "statements", "FunctionRef", "statements", "ValueSetRef", "valueSets",
            "CodeSystemRef", "codeSystems", "CodeRef", "codes", "ConceptRef", "concepts", "ParameterRef", "parameters");

    @Test
    void everyReferenceOfTheBuildsElmResolvesInsideTheLinkedLibrary() throws IOException {
        var linked = LinkedElm.link(buildElm(), "1").path("library");
        var names = new HashMap<String, Set<String>>();
        linked.properties().forEach(section -> {
            var defined = new HashSet<String>();
            section.getValue().path("def").forEach(def -> defined.add(def.path("name").asText()));
            names.put(section.getKey(), defined);
        });
        var references = new ArrayList<String[]>();
        collect(linked, references);

        assertThat(linked.has("includes")).isFalse();
        assertThat(references).hasSizeGreaterThan(500).allSatisfy(reference -> {
            assertThat(reference[2]).as("libraryName of %s %s", reference[0], reference[1]).isNull();
            assertThat(names.getOrDefault(SECTION_OF.get(reference[0]), Set.of()))
                    .as("%s %s", reference[0], reference[1]).contains(reference[1]);
        });
        assertThat(names.get("statements")).contains(
                "Saddle Anaesthesia Status @LowBackPainCommon", "ToConcept @FHIRHelpers", "Patient @LowBackPainImaging");
        assertThat(names.get("parameters")).contains("Jurisdiction", "Disabled Rules");
    }

    @Test
    void aParameterDeclaredDifferentlyInTwoLibrariesIsRefused() throws IOException {
        var first = JSON.readTree("""
                {"library": {"identifier": {"id": "A"}, "parameters": {"def": [
                  {"name": "Window", "default": {"type": "Literal", "value": "42"}}]}}}""");
        var second = JSON.readTree("""
                {"library": {"identifier": {"id": "B"}, "parameters": {"def": [
                  {"name": "Window", "default": {"type": "Literal", "value": "7"}}]}}}""");

        assertThatThrownBy(() -> LinkedElm.link(List.of(first, second), "1"))
                .isInstanceOf(KnowledgeException.class).hasMessageContaining("Window");
    }

    @Test
    void definitionsKeepWhereTheyWereWrittenButNotWhatOnlyToolsRead() throws IOException {
        var linked = LinkedElm.link(buildElm(), "1").path("library");
        var fields = new HashSet<String>();
        for (var section : List.of("parameters", "valueSets", "codes", "statements")) {
            linked.path(section).path("def").forEach(def -> fieldNames(def, fields));
        }

        assertThat(fields).contains("locator", "signature", "operandTypeSpecifier")
                .doesNotContain("annotation", "localId", "resultTypeName", "resultTypeSpecifier");
    }

    private static void fieldNames(JsonNode node, Set<String> names) {
        node.properties().forEach(field -> names.add(field.getKey()));
        node.forEach(child -> fieldNames(child, names));
    }

    /** Typed references anywhere, and the untyped ones the ELM writes in definitions and membership tests. */
    private static void collect(JsonNode node, List<String[]> references) {
        if (node.isArray()) {
            node.forEach(child -> collect(child, references));
        } else if (node.isObject()) {
            var type = node.path("type").asText("");
            if (SECTION_OF.containsKey(type)) {
                references.add(reference(type, node));
            }
            if (type.equals("InValueSet") || type.equals("AnyInValueSet")) {
                references.add(reference("ValueSetRef", node.path("valueset")));
            }
            if (type.isEmpty() && node.path("codeSystem").isObject()) {
                references.add(reference("CodeSystemRef", node.path("codeSystem")));
            }
            node.properties().forEach(field -> {
                if (!field.getKey().equals("annotation")) {
                    collect(field.getValue(), references);
                }
            });
        }
    }

    private static String[] reference(String kind, JsonNode node) {
        return new String[] {kind, node.path("name").asText(), node.path("libraryName").isMissingNode()
                ? null : node.path("libraryName").asText()};
    }

    private static List<JsonNode> buildElm() throws IOException {
        var libraries = new ArrayList<JsonNode>();
        for (var file : new PathMatchingResourcePatternResolver().getResources("classpath*:elm/*.json")) {
            try (var in = file.getInputStream()) {
                libraries.add(JSON.readTree(in));
            }
        }
        assertThat(libraries).hasSizeGreaterThan(8);
        return libraries;
    }
}
