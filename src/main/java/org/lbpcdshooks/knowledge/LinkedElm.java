package org.lbpcdshooks.knowledge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Links the service's ELM libraries (the topics, their common library, FHIRHelpers) into one library at load time,
 * the way a linker joins object files: every definition is renamed {@code name @Library} and every reference made
 * local to the linked library. Why: the CQL engine resolves a reference into another library anew at each
 * evaluation (a library lookup through the {@code LibraryManager}, an error message built in advance, allocation),
 * and re-validates every included library at each evaluation; a hook call makes thousands of such references (~9%
 * of the service's CPU). The sources stay one library per topic; results are the same define by define (the CQL
 * tests run on the linked library).
 *
 * <p>Parameters keep their names: the engine already treats a parameter value as global to all libraries, so two
 * libraries declaring the same parameter must declare it alike (checked here).
 */
final class LinkedElm {

    static final String LIBRARY_ID = "LbpLinked";

    /** Definitions referenced by name: renamed per library. Parameters are shared (see above). */
    private static final List<String> NAMED_SECTIONS = List.of("codeSystems", "valueSets", "codes", "concepts", "statements");
    private static final Set<String> RENAMED_REFERENCES =
            Set.of("ExpressionRef", "FunctionRef", "ValueSetRef", "CodeSystemRef", "CodeRef", "ConceptRef");
    private static final Map<String, String> UNTYPED_REFERENCES = Map.of(
            "InValueSet", "valueset", "AnyInValueSet", "valueset",
            "InCodeSystem", "codesystem", "AnyInCodeSystem", "codesystem",
            "Code", "system");
    /**
     * What the translator writes for tools and the engine never reads while evaluating: source narratives, element
     * ids and the static result types (read only by the engine's optional type checking, which is off). Dropped from
     * the linked library because the engine hashes a function call's whole ELM tree, these included, to find its
     * definition in a cache at every call, and the tree is smaller to hold and to load without them. Locators stay:
     * they say where a failing expression was written.
     */
    private static final List<String> COMPILE_TIME_ONLY =
            List.of("annotation", "localId", "resultTypeName", "resultTypeSpecifier");

    private LinkedElm() {}

    /**
     * The library after the name: the engine finds a definition by binary search on names, and a shared leading
     * library name would make every comparison walk it first.
     */
    static String linkedName(String library, String name) {
        return name + " @" + library;
    }

    /**
     * One ELM JSON document ({@code {"library": ...}}) holding every definition of {@code libraries}, which are
     * rewritten in place (they are read for this; copying them cost startup time).
     */
    static ObjectNode link(List<JsonNode> libraries, String version) {
        var json = JsonNodeFactory.instance;
        var linked = json.objectNode();
        linked.putObject("identifier").put("id", LIBRARY_ID).put("version", version);
        linked.set("schemaIdentifier", libraries.get(0).path("library").path("schemaIdentifier").deepCopy());
        var usings = new LinkedHashMap<String, JsonNode>();
        var contexts = new LinkedHashMap<String, JsonNode>();
        var parameters = new LinkedHashMap<String, JsonNode>();
        var sections = new LinkedHashMap<String, ArrayNode>();
        NAMED_SECTIONS.forEach(section -> sections.put(section, json.arrayNode()));

        for (var document : libraries) {
            var library = document.path("library");
            var id = library.path("identifier").path("id").asText();
            var aliases = new HashMap<String, String>();
            for (var include : library.path("includes").path("def")) {
                aliases.put(include.path("localIdentifier").asText(), include.path("path").asText());
            }
            var references = new References(id, aliases);
            library.path("usings").path("def").forEach(using -> usings.putIfAbsent(using.path("localIdentifier").asText(), using));
            library.path("contexts").path("def").forEach(context -> contexts.putIfAbsent(context.path("name").asText(), context));
            for (var section : NAMED_SECTIONS) {
                for (var def : library.path(section).path("def")) {
                    var renamed = (ObjectNode) def;
                    renamed.put("name", linkedName(id, def.path("name").asText()));
                    references.rewrite(renamed);
                    removeEverywhere(renamed, COMPILE_TIME_ONLY);
                    sections.get(section).add(renamed);
                }
            }
            for (var def : library.path("parameters").path("def")) {
                var parameter = (ObjectNode) def;
                references.rewrite(parameter);
                var name = parameter.path("name").asText();
                var earlier = parameters.putIfAbsent(name, parameter);
                if (earlier != null && !sameDeclaration(earlier, parameter)) {
                    throw new KnowledgeException("Parameter \"" + name + "\" is declared differently in " + id
                            + " than in an earlier library; the service sets one value for all libraries");
                }
            }
        }
        // After comparing the declarations in full.
        parameters.values().forEach(parameter -> removeEverywhere(parameter, COMPILE_TIME_ONLY));
        putDefs(linked, "usings", usings.values());
        putDefs(linked, "parameters", parameters.values());
        sections.forEach((section, defs) -> {
            if (!defs.isEmpty()) {
                linked.putObject(section).set("def", defs);
            }
        });
        putDefs(linked, "contexts", contexts.values());
        var document = json.objectNode();
        document.set("library", linked);
        return document;
    }

    private static void putDefs(ObjectNode library, String section, Collection<JsonNode> defs) {
        if (!defs.isEmpty()) {
            library.putObject(section).putArray("def").addAll(defs);
        }
    }

    /** The same type and default; where and how it was written (locators, source annotations) may differ. */
    private static boolean sameDeclaration(JsonNode a, JsonNode b) {
        return withoutSource(a).equals(withoutSource(b));
    }

    private static JsonNode withoutSource(JsonNode node) {
        var copy = node.deepCopy();
        removeEverywhere(copy, List.of("localId", "locator", "annotation"));
        return copy;
    }

    /** Removes the fields from the node and from every node inside it. */
    private static void removeEverywhere(JsonNode node, List<String> fields) {
        if (node instanceof ObjectNode object) {
            object.remove(fields);
            object.forEach(child -> removeEverywhere(child, fields));
        } else if (node instanceof ArrayNode array) {
            array.forEach(child -> removeEverywhere(child, fields));
        }
    }

    /** Rewrites the references inside one library's definitions to names of the linked library. */
    private record References(String library, Map<String, String> aliases) {

        void rewrite(JsonNode node) {
            if (node instanceof ArrayNode array) {
                array.forEach(this::rewrite);
                return;
            }
            if (!(node instanceof ObjectNode object)) {
                return;
            }
            var type = object.path("type").asText("");
            if (RENAMED_REFERENCES.contains(type)) {
                rename(object);
            } else if ("ParameterRef".equals(type)) {
                object.remove("libraryName");
            }
            // References the ELM writes without a type: a value set or code system operand, a code's system, and in
            // the definitions (which carry no type) a code's or value set's code systems and a concept's codes.
            var untyped = UNTYPED_REFERENCES.get(type);
            if (untyped != null) {
                untypedReferences(object.path(untyped));
            } else if (type.isEmpty()) {
                untypedReferences(object.path("codeSystem"));
                untypedReferences(object.path("code"));
            }
            object.properties().forEach(field -> {
                if (!"annotation".equals(field.getKey())) {
                    rewrite(field.getValue());
                }
            });
        }

        private void untypedReferences(JsonNode field) {
            if (field instanceof ObjectNode reference && !reference.has("type")) {
                rename(reference);
            } else if (field instanceof ArrayNode references) {
                references.forEach(this::untypedReferences);
            }
        }

        private void rename(ObjectNode reference) {
            var target = library;
            if (reference.hasNonNull("libraryName")) {
                target = aliases.get(reference.path("libraryName").asText());
                if (target == null) {
                    throw new KnowledgeException("ELM of " + library + " refers to library "
                            + reference.path("libraryName").asText() + ", which it does not include");
                }
                reference.remove("libraryName");
            }
            reference.put("name", linkedName(target, reference.path("name").asText()));
        }
    }
}
