package org.lbpcdshooks.knowledge;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.ActivityDefinition;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.PlanDefinition;
import org.hl7.fhir.r4.model.ValueSet;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The guideline's FHIR knowledge artefacts (PlanDefinitions, ActivityDefinitions, ValueSets, CodeSystems), read once
 * from {@code fhir-resources/} on the class path and kept in immutable maps keyed by canonical URL. Treat the
 * resources as read-only: they are shared by all requests.
 */
public final class KnowledgeRepository {

    private final Map<String, MetadataResource> byUrl;

    private KnowledgeRepository(Map<String, MetadataResource> byUrl) {
        this.byUrl = Collections.unmodifiableMap(byUrl);
    }

    public static KnowledgeRepository fromClasspath(FhirContext fhirContext, String location) {
        var resolver = new PathMatchingResourcePatternResolver();
        var parser = fhirContext.newJsonParser();
        var byUrl = new LinkedHashMap<String, MetadataResource>();
        try {
            Resource[] files = resolver.getResources("classpath*:" + location + "/**/*.json");
            java.util.Arrays.sort(files, java.util.Comparator.comparing(KnowledgeRepository::pathOf));
            var seenPaths = new java.util.HashSet<String>();
            for (Resource file : files) {
                // The same file can be on the class path twice (e.g. classes directory and jar); read it once.
                var path = pathOf(file);
                if (!seenPaths.add(path.substring(path.lastIndexOf(location + "/")))) {
                    continue;
                }
                try (InputStream in = file.getInputStream()) {
                    var parsed = parser.parseResource(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                    if (!(parsed instanceof MetadataResource resource) || !resource.hasUrl()) {
                        throw new KnowledgeException(pathOf(file) + " is not a canonical resource with a url");
                    }
                    if (byUrl.put(resource.getUrl(), resource) != null) {
                        throw new KnowledgeException("Two knowledge resources share the url " + resource.getUrl());
                    }
                }
            }
        } catch (IOException e) {
            throw new KnowledgeException("Cannot read knowledge resources under " + location, e);
        }
        return new KnowledgeRepository(byUrl);
    }

    private static String pathOf(Resource file) {
        try {
            return file.getURL().toString();
        } catch (IOException e) {
            return String.valueOf(file.getFilename());
        }
    }

    /** Looks up a resource by canonical, ignoring a {@code |version} suffix (one version of each is loaded). */
    public <T extends MetadataResource> Optional<T> find(Class<T> type, String canonical) {
        var url = canonical.contains("|") ? canonical.substring(0, canonical.indexOf('|')) : canonical;
        var resource = byUrl.get(url);
        return type.isInstance(resource) ? Optional.of(type.cast(resource)) : Optional.empty();
    }

    public <T extends MetadataResource> T require(Class<T> type, String canonical) {
        return find(type, canonical)
                .orElseThrow(() ->
                        new KnowledgeException("No " + type.getSimpleName() + " with canonical " + canonical));
    }

    public <T extends MetadataResource> List<T> all(Class<T> type) {
        var result = new ArrayList<T>();
        for (var resource : byUrl.values()) {
            if (type.isInstance(resource)) {
                result.add(type.cast(resource));
            }
        }
        return List.copyOf(result);
    }

    public List<PlanDefinition> planDefinitions() {
        return all(PlanDefinition.class);
    }

    public List<ValueSet> valueSets() {
        return all(ValueSet.class);
    }

    public List<CodeSystem> codeSystems() {
        return all(CodeSystem.class);
    }

    public Optional<ActivityDefinition> activityDefinition(String canonical) {
        return find(ActivityDefinition.class, canonical);
    }
}
