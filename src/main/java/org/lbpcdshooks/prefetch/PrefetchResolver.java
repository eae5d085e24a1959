package org.lbpcdshooks.prefetch;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IJsonLikeParser;
import ca.uhn.fhir.parser.json.jackson.JacksonStructure;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import io.micrometer.core.instrument.MeterRegistry;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;
import org.lbpcdshooks.config.LbpProperties;
import org.lbpcdshooks.knowledge.CdsServiceDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Builds one patient's data for a hook call. Per prefetch key: a value that is a resource or Bundle is used; a JSON
 * null means the EHR has no such data; a missing key or an OperationOutcome (the EHR's prefetch failed) is read from
 * {@code fhirServer}, with a bounded number of parallel reads. A key that can be had neither way stops the call
 * with 412: advice on half a record could miss a red flag.
 */
@Component
public class PrefetchResolver implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(PrefetchResolver.class);

    private final FhirContext fhirContext;
    private final FhirServerClient client;
    private final ExecutorService fetchPool;
    private final long deadlineNanos;
    private final MeterRegistry meters;

    public PrefetchResolver(
            FhirContext fhirContext, FhirServerClient client, LbpProperties properties, MeterRegistry meters) {
        this.meters = meters;
        this.fhirContext = fhirContext;
        this.client = client;
        this.deadlineNanos = properties.fhirClient().deadline().toNanos();
        this.fetchPool = Executors.newFixedThreadPool(properties.fhirClient().parallelFetches(), runnable -> {
            var thread = new Thread(runnable, "fhir-fetch");
            thread.setDaemon(true);
            return thread;
        });
    }

    public PatientData resolve(CdsServiceDefinition service, HookContext context) {
        var resources = new ArrayList<Resource>();
        var toFetch = new LinkedHashMap<String, String>();
        for (var template : service.prefetch().entrySet()) {
            var key = template.getKey();
            if (!context.prefetch().containsKey(key)) {
                toFetch.put(key, template.getValue());
                continue;
            }
            var value = context.prefetch().get(key);
            if (value == null || value.isNull()) {
                continue;
            }
            var parsed = parse(value, "prefetch." + key);
            if (parsed instanceof OperationOutcome) {
                toFetch.put(key, template.getValue());
            } else {
                resources.addAll(resourcesOf(parsed));
            }
        }
        resources.addAll(fetch(toFetch, context));
        var draftOrders = new LinkedHashMap<String, Resource>();
        var draftOrderJson = new LinkedHashMap<String, ObjectNode>();
        draftOrdersOf(context.draftOrders(), draftOrders, draftOrderJson);
        return new PatientData(bundleOf(resources, draftOrders), draftOrders, draftOrderJson);
    }

    private List<Resource> fetch(Map<String, String> templates, HookContext context) {
        if (templates.isEmpty()) {
            return List.of();
        }
        if (context.fhirServer() == null) {
            throw new DataUnavailableException("Prefetch lacks " + String.join(", ", templates.keySet())
                    + " and the request names no fhirServer to read it from");
        }
        var reads = new LinkedHashMap<String, CompletableFuture<List<Resource>>>();
        templates.forEach((key, template) -> {
            var query = template.replace("{{context.patientId}}", context.patientId());
            reads.put(key, CompletableFuture.supplyAsync(
                    () -> client.read(context.fhirServer(), query, context.accessToken()), fetchPool));
        });
        var resources = new ArrayList<Resource>();
        var deadline = System.nanoTime() + deadlineNanos;
        for (var read : reads.entrySet()) {
            try {
                var remaining = Math.max(deadline - System.nanoTime(), 0);
                resources.addAll(read.getValue().get(remaining, TimeUnit.NANOSECONDS));
            } catch (TimeoutException e) {
                log.warn("FHIR server read for prefetch key {} missed the deadline", read.getKey());
                meters.counter("lbp.fhir.fetch.errors", "reason", "deadline").increment();
                reads.values().forEach(pending -> pending.cancel(true));
                throw new DataUnavailableException(
                        "The FHIR server did not return " + read.getKey() + " within the deadline");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                reads.values().forEach(pending -> pending.cancel(true));
                throw new DataUnavailableException("Reading " + read.getKey() + " was interrupted");
            } catch (ExecutionException | CompletionException e) {
                var reason = e.getCause() instanceof FhirServerException failure ? failure.getMessage() : "failed";
                log.warn("FHIR server read for prefetch key {} failed: {}", read.getKey(), reason);
                meters.counter("lbp.fhir.fetch.errors", "reason", reason.startsWith("HTTP") ? reason : "failure").increment();
                reads.values().forEach(pending -> pending.cancel(true));
                throw new DataUnavailableException(
                        "Could not read " + read.getKey() + " from the FHIR server (" + reason + ")");
            }
        }
        return resources;
    }

    /** Each draft order by reference, parsed and as the EHR sent it. */
    private void draftOrdersOf(JsonNode draftOrders, Map<String, Resource> parsedOrders, Map<String, ObjectNode> sent) {
        if (draftOrders == null || draftOrders.isNull()) {
            return;
        }
        var parsed = parse(draftOrders, "context.draftOrders");
        if (!(parsed instanceof Bundle bundle)) {
            throw new InvalidPrefetchException("context.draftOrders must be a FHIR Bundle");
        }
        var json = new LinkedHashMap<String, ObjectNode>();
        for (var entry : draftOrders.path("entry")) {
            if (entry.path("resource") instanceof ObjectNode resource) {
                json.put(resource.path("resourceType").asText() + "/" + resource.path("id").asText(), resource);
            }
        }
        for (var resource : resourcesOf(bundle)) {
            if (!resource.hasIdElement() || resource.getIdElement().getIdPart() == null) {
                throw new InvalidPrefetchException("every draft order needs an id");
            }
            var reference = referenceOf(resource);
            parsedOrders.put(reference, resource);
            var asSent = json.get(reference);
            if (asSent == null) {
                throw new InvalidPrefetchException("draft order " + reference + ": its id must be a plain FHIR id");
            }
            sent.put(reference, asSent);
        }
    }

    private Resource parse(JsonNode json, String where) {
        if (!json.isObject()) {
            throw new InvalidPrefetchException(where + " must be a FHIR resource (a JSON object)");
        }
        try {
            // Parsed from the request's JSON tree as it is: no second round of writing and reading the text.
            var structure = new JacksonStructure();
            structure.setNativeObject((ObjectNode) json);
            return (Resource) ((IJsonLikeParser) fhirContext.newJsonParser()).parseResource(structure);
        } catch (DataFormatException | ClassCastException e) {
            throw new InvalidPrefetchException(where + " is not a valid FHIR R4 resource");
        }
    }

    private static List<Resource> resourcesOf(Resource resource) {
        if (resource instanceof Bundle bundle) {
            return bundle.getEntry().stream()
                    .map(Bundle.BundleEntryComponent::getResource)
                    .filter(entry -> entry != null)
                    .toList();
        }
        return List.of(resource);
    }

    /** One entry per Type/id; a draft order replaces a stored version of the same resource. */
    private static Bundle bundleOf(List<Resource> resources, Map<String, Resource> draftOrders) {
        var unique = new LinkedHashMap<String, Resource>();
        int anonymous = 0;
        for (var resource : resources) {
            var key = resource.getIdElement().getIdPart() == null ? "#" + anonymous++ : referenceOf(resource);
            unique.putIfAbsent(key, resource);
        }
        unique.putAll(draftOrders);
        var bundle = new Bundle().setType(Bundle.BundleType.COLLECTION);
        unique.values().forEach(resource -> bundle.addEntry().setResource(resource));
        return bundle;
    }

    private static String referenceOf(Resource resource) {
        return resource.fhirType() + "/" + resource.getIdElement().getIdPart();
    }

    @Override
    public void destroy() {
        fetchPool.shutdownNow();
    }
}
