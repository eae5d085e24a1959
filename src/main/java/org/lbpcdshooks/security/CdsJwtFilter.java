package org.lbpcdshooks.security;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Requires a verified CDS client JWT on every {@code POST /cds-services/**}. A failure answers 401 with a body that
 * reveals nothing and counts {@code lbp.jwt.failures} by reason; the token itself is never logged.
 */
public final class CdsJwtFilter extends OncePerRequestFilter {

    /** Request attribute holding the verified {@code iss} of the caller. */
    public static final String ISSUER_ATTRIBUTE = "lbp.client.issuer";

    private static final String UNAUTHORIZED_BODY =
            "{\"status\":401,\"code\":\"unauthorized\",\"message\":\"A valid CDS Hooks client JWT is required\"}";

    private final ClientJwtVerifier verifier;
    private final String publicBaseUrl;
    private final MeterRegistry meters;

    public CdsJwtFilter(ClientJwtVerifier verifier, String publicBaseUrl, MeterRegistry meters) {
        this.verifier = verifier;
        this.publicBaseUrl = publicBaseUrl.endsWith("/")
                ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1)
                : publicBaseUrl;
        this.meters = meters;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !("POST".equals(request.getMethod()) && request.getRequestURI().startsWith("/cds-services/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        try {
            if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                throw new AuthenticationFailure("missing");
            }
            var issuer = verifier.verify(authorization.substring(7).trim(), publicBaseUrl + request.getRequestURI());
            request.setAttribute(ISSUER_ATTRIBUTE, issuer);
        } catch (AuthenticationFailure failure) {
            meters.counter("lbp.jwt.failures", "reason", failure.reason()).increment();
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.getOutputStream().write(UNAUTHORIZED_BODY.getBytes(StandardCharsets.UTF_8));
            return;
        }
        chain.doFilter(request, response);
    }
}
