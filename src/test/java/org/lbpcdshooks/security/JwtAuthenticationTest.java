package org.lbpcdshooks.security;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lbpcdshooks.FixedClockConfiguration;
import org.lbpcdshooks.LbpCdsHooksApplication;
import org.lbpcdshooks.PatientViewRequests;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * CDS Hooks 2.0 client authentication: keys are generated here, the client's JWKS is served by WireMock, and every
 * kind of bad token is refused with 401 while a valid one gets its cards.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        classes = {LbpCdsHooksApplication.class, FixedClockConfiguration.class})
class JwtAuthenticationTest {

    static final String ISSUER = "https://ehr.example.org";
    static final String PUBLIC_BASE_URL = "https://cds.example.org";
    static final String SERVICE = "/cds-services/lbp-patient-view";
    static final String AUDIENCE = PUBLIC_BASE_URL + SERVICE;
    static final Instant NOW = FixedClockConfiguration.TODAY;

    static WireMockServer keys;
    static WireMockServer attacker;
    static ECKey clientKey;
    static ECKey attackerKey;

    @Autowired
    TestRestTemplate rest;

    @BeforeAll
    static void publishKeys() throws Exception {
        clientKey = new ECKeyGenerator(Curve.P_384).keyID("client-key-1").generate();
        attackerKey = new ECKeyGenerator(Curve.P_384).keyID("client-key-1").generate();
        keys = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        attacker = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        keys.start();
        attacker.start();
        keys.stubFor(get(urlEqualTo("/jwks.json")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json")
                .withBody(new JWKSet(clientKey.toPublicJWK()).toString())));
        attacker.stubFor(get(anyUrl()).willReturn(aResponse()
                .withHeader("Content-Type", "application/json")
                .withBody(new JWKSet(attackerKey.toPublicJWK()).toString())));
    }

    @AfterAll
    static void stopServers() {
        keys.stop();
        attacker.stop();
    }

    @DynamicPropertySource
    static void trustTheClient(DynamicPropertyRegistry registry) {
        registry.add("lbp.security.enabled", () -> "true");
        registry.add("lbp.public-base-url", () -> PUBLIC_BASE_URL);
        registry.add("lbp.security.trusted-issuers[0].issuer", () -> ISSUER);
        registry.add("lbp.security.trusted-issuers[0].jwks-url", () -> "http://127.0.0.1:" + keys.port() + "/jwks.json");
        registry.add("lbp.security.trusted-issuers[0].jku-allowlist[0]",
                () -> "http://127.0.0.1:" + keys.port() + "/jwks.json");
    }

    @Test
    void aValidTokenGetsTheCards() throws Exception {
        var response = call(token(claims -> { }, clientKey, null));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody()).contains("LBP-RF-01");
    }

    @Test
    void anAudienceArrayAndExtraClaimsAreAccepted() throws Exception {
        var response = call(token(claims -> claims.audience(List.of(AUDIENCE, "https://other.example.org"))
                .subject("client-app").notBeforeTime(Date.from(NOW.minusSeconds(5))).claim("tenant", "practice-7"),
                clientKey, null));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void aJkuOnTheAllowListIsUsed() throws Exception {
        var response = call(token(claims -> { }, clientKey, "http://127.0.0.1:" + keys.port() + "/jwks.json"));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void noTokenIsRefused() {
        assertRefused(callWith(null));
    }

    @Test
    void aBasicAuthorizationIsRefused() {
        assertRefused(callWith("Basic dXNlcjpwYXNz"));
    }

    @Test
    void anUnsignedTokenIsRefused() {
        var unsigned = new PlainJWT(claims(b -> { }).build()).serialize();

        assertRefused(call(unsigned));
    }

    @Test
    void aSymmetricTokenSignedWithThePublicKeyIsRefused() throws Exception {
        var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("client-key-1").build(),
                claims(b -> { }).build());
        jwt.sign(new MACSigner(clientKey.toPublicJWK().toECPublicKey().getEncoded()));

        assertRefused(call(jwt.serialize()));
    }

    @Test
    void anExpiredTokenIsRefused() throws Exception {
        assertRefused(call(token(claims -> claims.expirationTime(Date.from(NOW.minusSeconds(600)))
                .issueTime(Date.from(NOW.minusSeconds(900))), clientKey, null)));
    }

    @Test
    void aTokenIssuedInTheFutureIsRefused() throws Exception {
        assertRefused(call(token(claims -> claims.issueTime(Date.from(NOW.plusSeconds(600)))
                .expirationTime(Date.from(NOW.plusSeconds(900))), clientKey, null)));
    }

    @Test
    void aTokenForAnotherServiceIsRefused() throws Exception {
        assertRefused(call(token(claims -> claims.audience(PUBLIC_BASE_URL + "/cds-services/lbp-order-sign"),
                clientKey, null)));
    }

    @Test
    void anUnknownIssuerIsRefused() throws Exception {
        assertRefused(call(token(claims -> claims.issuer("https://rogue.example.org"), clientKey, null)));
    }

    @Test
    void anUnknownKeyIdIsRefused() throws Exception {
        var otherKey = new ECKeyGenerator(Curve.P_384).keyID("unknown-kid").generate();

        assertRefused(call(token(claims -> { }, otherKey, null)));
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRefused() throws Exception {
        assertRefused(call(token(claims -> { }, attackerKey, null)));
    }

    @Test
    void aTokenWithoutJtiIsRefused() throws Exception {
        assertRefused(call(token(claims -> claims.jwtID(null), clientKey, null)));
    }

    @Test
    void aReplayedTokenIsRefused() throws Exception {
        var token = token(claims -> { }, clientKey, null);

        assertThat(call(token).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertRefused(call(token));
    }

    @Test
    void aJkuOutsideTheAllowListIsNeverFetched() throws Exception {
        var response = call(token(claims -> { }, attackerKey, "http://127.0.0.1:" + attacker.port() + "/jwks.json"));

        assertRefused(response);
        attacker.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void aMalformedTokenIsRefused() {
        assertRefused(call("not.a.jwt"));
        assertRefused(call("eyJhbGciOiJFUzM4NCJ9.eyJpc3MiOiJ4In0"));
    }

    @Test
    void discoveryNeedsNoToken() {
        assertThat(rest.getForEntity("/cds-services", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    private static void assertRefused(ResponseEntity<String> response) {
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(response.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_JSON)).isTrue();
        assertThat(response.getBody()).contains("\"code\":\"unauthorized\"").doesNotContain("Exception", "at org.");
    }

    private ResponseEntity<String> call(String token) {
        return callWith("Bearer " + token);
    }

    private ResponseEntity<String> callWith(String authorization) {
        var headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        if (authorization != null) {
            headers.set(HttpHeaders.AUTHORIZATION, authorization);
        }
        var body = PatientViewRequests.caudaEquina();
        body.put("hookInstance", UUID.randomUUID().toString());
        return rest.postForEntity(SERVICE, new HttpEntity<>(body.toString(), headers), String.class);
    }

    static JWTClaimsSet.Builder claims(Consumer<JWTClaimsSet.Builder> changes) {
        var builder = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .issueTime(Date.from(NOW))
                .expirationTime(Date.from(NOW.plusSeconds(300)))
                .jwtID(UUID.randomUUID().toString());
        changes.accept(builder);
        return builder;
    }

    static String token(Consumer<JWTClaimsSet.Builder> changes, ECKey key, String jku) throws Exception {
        var header = new JWSHeader.Builder(JWSAlgorithm.ES384).type(JOSEObjectType.JWT).keyID(key.getKeyID());
        if (jku != null) {
            header.jwkURL(URI.create(jku));
        }
        var jwt = new SignedJWT(header.build(), claims(changes).build());
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }
}
