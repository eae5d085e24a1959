package org.lbpcdshooks.prefetch;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * The parts of a hook request that data gathering needs. {@code prefetch} maps each key the client sent to its value
 * (a JSON null means "no data"); a key missing from the map was not prefetched. {@code fhirServer} and
 * {@code accessToken} may be null.
 */
public record HookContext(
        String patientId,
        Map<String, JsonNode> prefetch,
        String fhirServer,
        String accessToken,
        JsonNode draftOrders) {

    public HookContext {
        prefetch = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(prefetch));
    }

    /** The same context with no FHIR server (and so no token to send anywhere). */
    public HookContext withoutFhirServer() {
        return new HookContext(patientId, prefetch, null, null, draftOrders);
    }

    /** The access token is never shown, so this record can be logged or printed safely. */
    @Override
    public String toString() {
        return "HookContext[prefetchKeys=" + prefetch.keySet() + ", fhirServer=" + (fhirServer != null) + "]";
    }
}
