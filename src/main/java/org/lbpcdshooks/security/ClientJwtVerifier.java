package org.lbpcdshooks.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.net.MalformedURLException;
import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.util.Date;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import com.nimbusds.jose.proc.BadJOSEException;

/**
 * Verifies a CDS client's JWT with nimbus-jose-jwt: asymmetric algorithms only, a trusted {@code iss} whose keys come
 * from its configured JWKS URL or an allow-listed {@code jku} (any other jku is never fetched), a {@code kid} that
 * resolves, {@code aud} equal to the called service's URL, {@code exp}/{@code iat} within the clock skew, and a
 * {@code jti} that has not been seen before.
 */
public final class ClientJwtVerifier {

    private static final Set<JWSAlgorithm> ALLOWED_ALGORITHMS = Set.of(
            JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512,
            JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512);
    private static final int MAX_JWKS_BYTES = 256 * 1024;

    private final SecurityProperties properties;
    private final Clock clock;
    private final ReplayGuard replayCache;
    private final ConcurrentMap<String, JWKSource<SecurityContext>> keySources = new ConcurrentHashMap<>();

    public ClientJwtVerifier(SecurityProperties properties, Clock clock, ReplayGuard replayGuard) {
        this.properties = properties;
        this.clock = clock;
        this.replayCache = replayGuard;
    }

    /** The verified issuer, or an {@link AuthenticationFailure} naming why (for metrics, never for the client). */
    public String verify(String token, String expectedAudience) {
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(token);
        } catch (ParseException e) {
            throw new AuthenticationFailure("malformed");
        }
        JWSHeader header = jwt.getHeader();
        if (!ALLOWED_ALGORITHMS.contains(header.getAlgorithm())) {
            throw new AuthenticationFailure("algorithm");
        }
        if (header.getKeyID() == null) {
            throw new AuthenticationFailure("kid");
        }
        String issuer;
        try {
            issuer = jwt.getJWTClaimsSet().getIssuer();
        } catch (ParseException e) {
            throw new AuthenticationFailure("malformed");
        }
        var trusted = properties.issuer(issuer).orElseThrow(() -> new AuthenticationFailure("issuer"));
        var keySource = keySource(keySetUrl(trusted, header));
        requireKey(keySource, header);

        var claims = process(jwt, keySource, expectedAudience, issuer);
        checkIssuedAt(claims);
        if (!replayCache.firstUse(issuer, claims.getJWTID(), claims.getExpirationTime().toInstant())) {
            throw new AuthenticationFailure("replay");
        }
        return issuer;
    }

    private JWTClaimsSet process(
            SignedJWT jwt, JWKSource<SecurityContext> keySource, String expectedAudience, String issuer) {
        var processor = new DefaultJWTProcessor<SecurityContext>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALLOWED_ALGORITHMS, keySource));
        var verifier = new DefaultJWTClaimsVerifier<SecurityContext>(
                expectedAudience,
                new JWTClaimsSet.Builder().issuer(issuer).build(),
                Set.of("iss", "aud", "exp", "iat", "jti")) {
            @Override
            protected Date currentTime() {
                return Date.from(clock.instant());
            }
        };
        verifier.setMaxClockSkew((int) properties.clockSkew().toSeconds());
        processor.setJWTClaimsSetVerifier(verifier);
        try {
            return processor.process(jwt, null);
        } catch (BadJWTException e) {
            throw new AuthenticationFailure("claims");
        } catch (BadJOSEException e) {
            throw new AuthenticationFailure("signature");
        } catch (JOSEException e) {
            throw new AuthenticationFailure("keys");
        }
    }

    private void checkIssuedAt(JWTClaimsSet claims) {
        var issuedAt = claims.getIssueTime().toInstant();
        if (issuedAt.isAfter(clock.instant().plus(properties.clockSkew()))) {
            throw new AuthenticationFailure("iat");
        }
    }

    /** A {@code jku} is used only when it is on the issuer's allow-list; otherwise the configured JWKS URL. */
    private static String keySetUrl(SecurityProperties.TrustedIssuer trusted, JWSHeader header) {
        if (header.getJWKURL() != null) {
            var jku = header.getJWKURL().toString();
            if (!trusted.jkuAllowlist().contains(jku)) {
                throw new AuthenticationFailure("jku");
            }
            return jku;
        }
        if (trusted.jwksUrl() == null || trusted.jwksUrl().isBlank()) {
            throw new AuthenticationFailure("jku");
        }
        return trusted.jwksUrl();
    }

    private static void requireKey(JWKSource<SecurityContext> keySource, JWSHeader header) {
        try {
            var keys = keySource.get(new JWKSelector(new JWKMatcher.Builder().keyID(header.getKeyID()).build()), null);
            if (keys.isEmpty()) {
                throw new AuthenticationFailure("kid");
            }
            for (JWK key : keys) {
                if (key.isPrivate()) {
                    throw new AuthenticationFailure("keys");
                }
            }
        } catch (com.nimbusds.jose.KeySourceException e) {
            throw new AuthenticationFailure("jwks-unavailable");
        }
    }

    /** JWKS per URL, cached, refreshed on an unknown kid at most at the rate nimbus allows, fetched with timeouts. */
    private JWKSource<SecurityContext> keySource(String url) {
        return keySources.computeIfAbsent(url, key -> {
            var timeout = (int) properties.jwksTimeout().toMillis();
            try {
                return JWKSourceBuilder.<SecurityContext>create(
                                URI.create(key).toURL(), new DefaultResourceRetriever(timeout, timeout, MAX_JWKS_BYTES))
                        .cache(properties.jwksCacheTtl().toMillis(), properties.jwksTimeout().toMillis())
                        .rateLimited(30_000)
                        .retrying(false)
                        .build();
            } catch (MalformedURLException | IllegalArgumentException e) {
                throw new AuthenticationFailure("jku");
            }
        });
    }
}
