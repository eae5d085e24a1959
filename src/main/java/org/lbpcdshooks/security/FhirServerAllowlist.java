package org.lbpcdshooks.security;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The FHIR servers that may receive a caller's access token: the verified issuer's {@code fhir-servers}, plus
 * {@code lbp.fhir-client.allowed-servers} for every caller (the only list when authentication is off). An entry is
 * a URL prefix ({@code https://ehr.example.org/fhir}); plain http is refused unless explicitly allowed (dev only).
 */
public final class FhirServerAllowlist {

    private final SecurityProperties security;
    private final List<String> allowedForAll;
    private final boolean allowHttp;

    public FhirServerAllowlist(SecurityProperties security, List<String> allowedForAll, boolean allowHttp) {
        this.security = security;
        this.allowedForAll = List.copyOf(allowedForAll);
        this.allowHttp = allowHttp;
    }

    public boolean allows(String issuer, String fhirServer) {
        URI uri;
        try {
            uri = URI.create(fhirServer);
        } catch (IllegalArgumentException e) {
            return false;
        }
        var scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!("https".equals(scheme) || (allowHttp && "http".equals(scheme))) || uri.getUserInfo() != null) {
            return false;
        }
        var candidates = new ArrayList<>(allowedForAll);
        if (issuer != null) {
            security.issuer(issuer).ifPresent(trusted -> candidates.addAll(trusted.fhirServers()));
        }
        var normalized = fhirServer.endsWith("/") ? fhirServer : fhirServer + "/";
        return candidates.stream().anyMatch(prefix -> normalized.startsWith(prefix));
    }
}
