package org.lbpcdshooks.prefetch;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.lbpcdshooks.config.LbpProperties;
import org.springframework.stereotype.Component;

/**
 * Reads what prefetch lacks from the EHR's FHIR server with the access token the EHR granted. Search results are
 * followed through {@code Bundle.link[next]} up to {@code lbp.fhir-client.max-pages}; a next link that leaves the
 * server's base URL is never followed, so the token cannot be sent elsewhere.
 */
@Component
public class FhirServerClient {

    private final FhirContext fhirContext;
    private final HttpClient httpClient;
    private final LbpProperties.FhirClient limits;

    public FhirServerClient(FhirContext fhirContext, LbpProperties properties) {
        this.fhirContext = fhirContext;
        this.limits = properties.fhirClient();
        this.httpClient = HttpClient.newBuilder()
                .connectTimeout(limits.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** All resources a relative query ({@code Condition?patient=123} or {@code Patient/123}) returns. */
    public List<Resource> read(String fhirServer, String query, String accessToken) {
        var base = fhirServer.endsWith("/") ? fhirServer : fhirServer + "/";
        var resources = new ArrayList<Resource>();
        var visited = new java.util.HashSet<URI>();
        var next = URI.create(base + query);
        for (int page = 1; next != null; page++) {
            if (page > limits.maxPages()) {
                throw new FhirServerException("more than " + limits.maxPages() + " pages");
            }
            if (!visited.add(next)) {
                throw new FhirServerException("search pages link back to a page already read");
            }
            var parsed = get(next, accessToken);
            if (parsed instanceof Bundle bundle) {
                bundle.getEntry().stream()
                        .map(Bundle.BundleEntryComponent::getResource)
                        .filter(resource -> resource != null)
                        .forEach(resources::add);
                next = nextPage(bundle, base);
            } else {
                resources.add(parsed);
                next = null;
            }
        }
        return resources;
    }

    /** Reads at most {@code lbp.fhir-client.max-response-size}: a runaway page must not exhaust memory. */
    private String readLimited(java.io.InputStream in) throws IOException {
        var max = limits.maxResponseSize().toBytes();
        var bytes = in.readNBytes((int) Math.min(max + 1, Integer.MAX_VALUE - 8));
        if (bytes.length > max) {
            throw new FhirServerException("response larger than " + max + " bytes");
        }
        return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static URI nextPage(Bundle bundle, String base) {
        var link = bundle.getLink(Bundle.LINK_NEXT);
        if (link == null || !link.hasUrl()) {
            return null;
        }
        if (!link.getUrl().startsWith(base)) {
            throw new FhirServerException("next link outside the FHIR server's base URL");
        }
        return URI.create(link.getUrl());
    }

    /**
     * A kept-alive connection that the server closed in the meantime fails the next request sent on it, which says
     * nothing about the server; a GET is idempotent, so it is sent once more (on a new connection) before the read
     * counts as failed. A timeout is not repeated: the deadline is the caller's.
     */
    private HttpResponse<java.io.InputStream> send(HttpRequest request) throws IOException, InterruptedException {
        try {
            return httpClient.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            throw e;
        } catch (IOException e) {
            return httpClient.send(request, HttpResponse.BodyHandlers.ofInputStream());
        }
    }

    private Resource get(URI uri, String accessToken) {
        var request = HttpRequest.newBuilder(uri)
                .timeout(limits.readTimeout())
                .header("Accept", "application/fhir+json")
                .GET();
        if (accessToken != null) {
            request.header("Authorization", "Bearer " + accessToken);
        }
        HttpResponse<java.io.InputStream> response;
        String body;
        try {
            response = send(request.build());
            try (var in = response.body()) {
                if (response.statusCode() != 200) {
                    throw new FhirServerException("HTTP " + response.statusCode());
                }
                body = readLimited(in);
            }
        } catch (HttpTimeoutException e) {
            throw new FhirServerException("timed out", e);
        } catch (IOException e) {
            throw new FhirServerException("connection failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FhirServerException("interrupted", e);
        }
        try {
            return (Resource) fhirContext.newJsonParser().parseResource(body);
        } catch (DataFormatException | ClassCastException | IllegalArgumentException e) {
            throw new FhirServerException("response is not FHIR R4 JSON", e);
        }
    }
}
