package org.lbpcdshooks.knowledge;

import static kotlinx.io.CoreKt.buffered;
import static kotlinx.io.JvmCoreKt.asSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import kotlinx.io.Source;
import org.cqframework.cql.cql2elm.CqlCompilerException;
import org.cqframework.cql.cql2elm.LibraryManager;
import org.cqframework.cql.cql2elm.LibrarySourceProvider;
import org.cqframework.cql.cql2elm.ModelManager;
import org.cqframework.cql.cql2elm.model.CompiledLibrary;
import org.cqframework.cql.cql2elm.quick.FhirLibrarySourceProvider;
import org.hl7.elm.r1.ExpressionDef;
import org.hl7.elm.r1.FunctionDef;
import org.hl7.elm.r1.VersionedIdentifier;
import org.opencds.cqf.fhir.cql.EvaluationSettings;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Compiles every CQL library under {@code cql/} once, at startup, into the shared library cache of the
 * {@link EvaluationSettings}. Requests then find every library compiled, so no request ever translates CQL.
 */
public final class CqlLibraries {

    private static final Pattern LIBRARY_HEADER =
            Pattern.compile("^\\s*library\\s+\"?([A-Za-z0-9_]+)\"?\\s+version\\s+'([^']+)'", Pattern.MULTILINE);

    private final Map<String, VersionedIdentifier> identifiers;
    private final Map<String, Set<String>> defines;

    private CqlLibraries(Map<String, VersionedIdentifier> identifiers, Map<String, Set<String>> defines) {
        this.identifiers = Map.copyOf(identifiers);
        this.defines = Map.copyOf(defines);
    }

    public static CqlLibraries compile(EvaluationSettings settings, String location) {
        var sources = readSources(location);
        var modelManager = new ModelManager(settings.getModelCache());
        var libraryManager = new LibraryManager(
                modelManager, settings.getCqlOptions().getCqlCompilerOptions(), settings.getLibraryCache());
        libraryManager.getLibrarySourceLoader().registerProvider(new FhirLibrarySourceProvider());
        libraryManager.getLibrarySourceLoader().registerProvider(new InMemorySourceProvider(sources));

        var identifiers = new LinkedHashMap<String, VersionedIdentifier>();
        var defines = new LinkedHashMap<String, Set<String>>();
        for (var entry : sources.entrySet()) {
            var identifier = identifierOf(entry.getKey(), entry.getValue());
            var errors = new ArrayList<CqlCompilerException>();
            CompiledLibrary compiled = libraryManager.resolveLibrary(identifier, errors);
            var fatal = errors.stream()
                    .filter(e -> e.getSeverity() == CqlCompilerException.ErrorSeverity.Error)
                    .toList();
            if (!fatal.isEmpty()) {
                throw new KnowledgeException("CQL library " + entry.getKey() + " does not compile: " + describe(fatal));
            }
            identifiers.put(identifier.getId(), identifier);
            defines.put(identifier.getId(), definesOf(compiled));
        }
        return new CqlLibraries(identifiers, defines);
    }

    public VersionedIdentifier identifier(String libraryName) {
        var identifier = identifiers.get(libraryName);
        if (identifier == null) {
            throw new KnowledgeException("No CQL library named " + libraryName);
        }
        return identifier;
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

    private static Set<String> definesOf(CompiledLibrary compiled) {
        var names = new TreeSet<String>();
        if (compiled.getLibrary().getStatements() != null) {
            for (ExpressionDef def : compiled.getLibrary().getStatements().getDef()) {
                if (!(def instanceof FunctionDef)) {
                    names.add(def.getName());
                }
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
        var resolver = new PathMatchingResourcePatternResolver();
        var sources = new java.util.TreeMap<String, String>();
        try {
            for (Resource file : resolver.getResources("classpath*:" + location + "/*.cql")) {
                try (InputStream in = file.getInputStream()) {
                    sources.put(file.getFilename(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new KnowledgeException("Cannot read CQL under " + location, e);
        }
        if (sources.isEmpty()) {
            throw new KnowledgeException("No CQL libraries found under " + location);
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
