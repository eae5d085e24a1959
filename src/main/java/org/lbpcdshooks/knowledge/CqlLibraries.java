package org.lbpcdshooks.knowledge;

import static kotlinx.io.CoreKt.buffered;
import static kotlinx.io.JvmCoreKt.asSource;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import kotlinx.io.Source;
import org.cqframework.cql.cql2elm.CqlCompilerException;
import org.cqframework.cql.cql2elm.CqlTranslator;
import org.cqframework.cql.cql2elm.LibraryManager;
import org.cqframework.cql.cql2elm.LibrarySourceProvider;
import org.cqframework.cql.cql2elm.ModelManager;
import org.cqframework.cql.cql2elm.model.CompiledLibrary;
import org.cqframework.cql.cql2elm.quick.FhirLibrarySourceProvider;
import org.cqframework.cql.elm.serializing.ElmJsonLibraryReader;
import org.hl7.elm.r1.ExpressionDef;
import org.hl7.elm.r1.VersionedIdentifier;
import org.opencds.cqf.fhir.cql.EvaluationSettings;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Compiles every CQL library under {@code cql/} once, at startup, into the shared library cache of the
 * {@link EvaluationSettings}. Requests then find every library compiled, so no request ever translates CQL. The engine
 * evaluates them linked into one library ({@link LinkedElm}); {@link #linkedName} names a define there.
 */
public final class CqlLibraries {

    private static final ObjectMapper ELM_JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final String LINKED_VERSION = "1";
    private static final String LINKED_DIRECTORY = "linked";
    private static final Pattern LIBRARY_HEADER =
            Pattern.compile("^\\s*library\\s+\"?([A-Za-z0-9_]+)\"?\\s+version\\s+'([^']+)'", Pattern.MULTILINE);

    private final Map<String, VersionedIdentifier> identifiers;
    private final Map<String, Set<String>> defines;
    private final VersionedIdentifier linked;
    private final Map<String, Map<String, String>> linkedNames;

    private CqlLibraries(
            Map<String, VersionedIdentifier> identifiers, Map<String, Set<String>> defines, VersionedIdentifier linked) {
        this.identifiers = Map.copyOf(identifiers);
        this.defines = Map.copyOf(defines);
        this.linked = linked;
        var names = new HashMap<String, Map<String, String>>();
        defines.forEach((library, defined) -> {
            var byName = new HashMap<String, String>();
            defined.forEach(name -> byName.put(name, LinkedElm.linkedName(library, name)));
            names.put(library, Map.copyOf(byName));
        });
        this.linkedNames = Map.copyOf(names);
    }

    /**
     * The libraries as ELM precompiled at build time ({@code elm/*.json}, written by {@link ElmCompiler}, and their
     * linked form in {@code elm/linked/}), loaded straight into the cache; without ELM on the class path (e.g. run
     * from an IDE) the CQL is compiled and linked instead.
     */
    public static CqlLibraries load(EvaluationSettings settings, String cqlLocation, String elmLocation) {
        var elm = readResources(elmLocation, "*.json");
        if (elm.isEmpty()) {
            return compile(settings, cqlLocation);
        }
        var identifiers = new LinkedHashMap<String, VersionedIdentifier>();
        var defines = new LinkedHashMap<String, Set<String>>();
        var cqlNames = readSources(cqlLocation).keySet();
        for (var json : elm.values()) {
            var tree = readElm(json);
            var identifier = tree.path("library").path("identifier");
            var id = identifier.path("id").asText();
            if (cqlNames.contains(id + ".cql")) {
                identifiers.put(id, new VersionedIdentifier().withId(id).withVersion(identifier.path("version").asText()));
                defines.put(id, definesOf(tree));
            }
        }
        var linked = readResources(elmLocation + "/" + LINKED_DIRECTORY, "*.json");
        if (identifiers.size() != cqlNames.size() || linked.size() != 1) {
            throw new KnowledgeException("ELM is missing for some CQL libraries (" + cqlNames + ") or their linked form; "
                    + "rebuild with mvn package");
        }
        return new CqlLibraries(
                identifiers, defines, register(settings, linked.values().iterator().next()).getIdentifier());
    }

    /** Links the libraries into one ({@link LinkedElm}) and puts it into the shared cache: what the engine runs. */
    private static VersionedIdentifier registerLinked(EvaluationSettings settings, List<JsonNode> libraries) {
        return register(settings, LinkedElm.link(libraries, LINKED_VERSION).toString()).getIdentifier();
    }

    /** Puts one library, given as ELM JSON, into the shared cache. */
    private static CompiledLibrary register(EvaluationSettings settings, String json) {
        var library = new ElmJsonLibraryReader().read(json);
        // The engine binary-searches definitions by name; the translator sorts them, ELM JSON keeps source order.
        if (library.getStatements() != null) {
            library.getStatements().getDef().sort(Comparator.comparing(ExpressionDef::getName));
        }
        var compiled = new CompiledLibrary();
        compiled.setLibrary(library);
        compiled.setIdentifier(library.getIdentifier());
        settings.getLibraryCache().put(library.getIdentifier(), compiled);
        return compiled;
    }

    /** The ELM JSON the service evaluates: the translator's, with short-circuiting and/or ({@link ShortCircuitElm}). */
    private static JsonNode evaluableElm(CompiledLibrary compiled) {
        return ShortCircuitElm.rewrite(readElm(CqlTranslator.convertToJson(compiled.getLibrary())));
    }

    private static JsonNode readElm(String json) {
        try {
            return ELM_JSON.readTree(json);
        } catch (IOException e) {
            throw new KnowledgeException("ELM that cannot be read as JSON", e);
        }
    }

    /** Build step: translates every CQL file of {@code cqlDirectory} and writes each library (and FHIRHelpers) as ELM JSON. */
    public static void writeElm(java.nio.file.Path cqlDirectory, java.nio.file.Path elmDirectory) throws IOException {
        var sources = new java.util.TreeMap<String, String>();
        try (var files = java.nio.file.Files.list(cqlDirectory)) {
            for (var file : files.filter(path -> path.toString().endsWith(".cql")).toList()) {
                sources.put(file.getFileName().toString(), java.nio.file.Files.readString(file));
            }
        }
        var settings = EvaluationSettings.getDefault();
        var libraryManager = compileAll(settings, sources, new LinkedHashMap<>());
        java.nio.file.Files.createDirectories(elmDirectory);
        var trees = new ArrayList<JsonNode>();
        for (var compiled : libraryManager.getCompiledLibraries().values()) {
            var identifier = compiled.getIdentifier();
            var elm = evaluableElm(compiled);
            java.nio.file.Files.writeString(
                    elmDirectory.resolve(identifier.getId() + "-" + identifier.getVersion() + ".json"), elm.toString());
            trees.add(elm);
        }
        // Linked at build time too: linking at startup cost ~0.1 s of the first card.
        var linkedDirectory = java.nio.file.Files.createDirectories(elmDirectory.resolve(LINKED_DIRECTORY));
        java.nio.file.Files.writeString(linkedDirectory.resolve(LinkedElm.LIBRARY_ID + "-" + LINKED_VERSION + ".json"),
                LinkedElm.link(trees, LINKED_VERSION).toString());
    }

    public static CqlLibraries compile(EvaluationSettings settings, String location) {
        var sources = readSources(location);
        var identifiers = new LinkedHashMap<String, VersionedIdentifier>();
        var defines = new LinkedHashMap<String, Set<String>>();
        var libraryManager = compileAll(settings, sources, identifiers);
        // The same ELM as the build writes, so that a run without it (from an IDE) evaluates exactly the same.
        var trees = new ArrayList<JsonNode>();
        for (var compiled : List.copyOf(libraryManager.getCompiledLibraries().values())) {
            var elm = evaluableElm(compiled);
            if (identifiers.containsKey(compiled.getIdentifier().getId())) {
                defines.put(compiled.getIdentifier().getId(), definesOf(elm)); // before linking renames them
            }
            trees.add(elm);
        }
        return new CqlLibraries(identifiers, defines, registerLinked(settings, trees));
    }

    private static LibraryManager compileAll(
            EvaluationSettings settings,
            Map<String, String> sources,
            Map<String, VersionedIdentifier> identifiers) {
        var modelManager = new ModelManager(settings.getModelCache());
        var libraryManager = new LibraryManager(
                modelManager, settings.getCqlOptions().getCqlCompilerOptions(), settings.getLibraryCache());
        libraryManager.getLibrarySourceLoader().registerProvider(new FhirLibrarySourceProvider());
        libraryManager.getLibrarySourceLoader().registerProvider(new InMemorySourceProvider(sources));

        for (var entry : sources.entrySet()) {
            var identifier = identifierOf(entry.getKey(), entry.getValue());
            var errors = new ArrayList<CqlCompilerException>();
            libraryManager.resolveLibrary(identifier, errors);
            var fatal = errors.stream()
                    .filter(e -> e.getSeverity() == CqlCompilerException.ErrorSeverity.Error)
                    .toList();
            if (!fatal.isEmpty()) {
                throw new KnowledgeException("CQL library " + entry.getKey() + " does not compile: " + describe(fatal));
            }
            identifiers.put(identifier.getId(), identifier);
        }
        return libraryManager;
    }

    public VersionedIdentifier identifier(String libraryName) {
        var identifier = identifiers.get(libraryName);
        if (identifier == null) {
            throw new KnowledgeException("No CQL library named " + libraryName);
        }
        return identifier;
    }

    /** The one library the engine evaluates: every library linked ({@link LinkedElm}). */
    public VersionedIdentifier linkedIdentifier() {
        return linked;
    }

    /** The name of a library's define in the linked library. */
    public String linkedName(String libraryName, String define) {
        var name = linkedNames.getOrDefault(libraryName, Map.of()).get(define);
        if (name == null) {
            throw new KnowledgeException("No define \"" + define + "\" in CQL library " + libraryName);
        }
        return name;
    }

    public boolean has(String libraryName) {
        return identifiers.containsKey(libraryName);
    }

    public Set<String> defines(String libraryName) {
        return defines.getOrDefault(libraryName, Set.of());
    }

    public Set<String> names() {
        return identifiers.keySet();
    }

    private static Set<String> definesOf(JsonNode elm) {
        var names = new TreeSet<String>();
        for (var def : elm.path("library").path("statements").path("def")) {
            if (!"FunctionDef".equals(def.path("type").asText())) {
                names.add(def.path("name").asText());
            }
        }
        return names;
    }

    private static String describe(List<CqlCompilerException> errors) {
        var text = new StringBuilder();
        for (var error : errors) {
            var locator = error.getLocator();
            text.append("\n  ")
                    .append(locator == null ? "" : "line " + locator.getStartLine() + ": ")
                    .append(error.getMessage());
        }
        return text.toString();
    }

    private static VersionedIdentifier identifierOf(String fileName, String cql) {
        var header = LIBRARY_HEADER.matcher(cql);
        if (!header.find()) {
            throw new KnowledgeException(fileName + " has no 'library Name version' header");
        }
        return new VersionedIdentifier().withId(header.group(1)).withVersion(header.group(2));
    }

    private static Map<String, String> readSources(String location) {
        var sources = readResources(location, "*.cql");
        if (sources.isEmpty()) {
            throw new KnowledgeException("No CQL libraries found under " + location);
        }
        return sources;
    }

    private static Map<String, String> readResources(String location, String pattern) {
        var resolver = new PathMatchingResourcePatternResolver();
        var sources = new java.util.TreeMap<String, String>();
        try {
            for (Resource file : resolver.getResources("classpath*:" + location + "/" + pattern)) {
                try (InputStream in = file.getInputStream()) {
                    sources.put(file.getFilename(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new KnowledgeException("Cannot read " + pattern + " under " + location, e);
        }
        return sources;
    }

    /** Serves the library sources read at startup to the translator, by library name. */
    private record InMemorySourceProvider(Map<String, String> sourcesByFile) implements LibrarySourceProvider {
        @Override
        public Source getLibrarySource(VersionedIdentifier identifier) {
            var cql = sourcesByFile.get(identifier.getId() + ".cql");
            if (cql == null) {
                return null;
            }
            return buffered(asSource(new java.io.ByteArrayInputStream(cql.getBytes(StandardCharsets.UTF_8))));
        }
    }
}
