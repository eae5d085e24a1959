package org.lbpcdshooks.security;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.lbpcdshooks.LbpCdsHooksApplication;
import org.lbpcdshooks.PatientViewRequests;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two replicas sharing one database (lbp.security.replay-store=database): a token that one replica accepted is a
 * replay for the other, as behind the docker-compose proxy.
 */
class ReplicasShareReplayCacheTest {

    private static final String ISSUER = "https://ehr.example.org";
    private static final String BASE = "https://cds.example.org";

    @Test
    void aTokenUsedOnOneReplicaIsRefusedOnTheOther() throws Exception {
        var key = new ECKeyGenerator(Curve.P_384).keyID("replica-test").generate();
        var jwks = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        jwks.start();
        jwks.stubFor(get(urlEqualTo("/jwks.json")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody(new JWKSet(key.toPublicJWK()).toString())));
        var database = "jdbc:h2:mem:replicas-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        try (var first = replica(database, jwks.port()); var second = replica(database, jwks.port())) {
            var jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.ES384).type(JOSEObjectType.JWT).keyID("replica-test").build(),
                    new JWTClaimsSet.Builder().issuer(ISSUER).audience(BASE + "/cds-services/lbp-patient-view")
                            .issueTime(Date.from(Instant.now())).expirationTime(Date.from(Instant.now().plusSeconds(300)))
                            .jwtID(UUID.randomUUID().toString()).build());
            jwt.sign(new ECDSASigner(key));
            var token = jwt.serialize();

            assertThat(call(first, token)).isEqualTo(200);
            assertThat(call(second, token)).isEqualTo(401);
        } finally {
            jwks.stop();
        }
    }

    private static ConfigurableApplicationContext replica(String database, int jwksPort) {
        return new SpringApplicationBuilder(LbpCdsHooksApplication.class).run(
                "--server.port=0",
                "--server.address=127.0.0.1",
                "--spring.datasource.url=" + database,
                "--lbp.public-base-url=" + BASE,
                "--lbp.security.enabled=true",
                "--lbp.security.replay-store=database",
                "--lbp.security.trusted-issuers[0].issuer=" + ISSUER,
                "--lbp.security.trusted-issuers[0].jwks-url=http://127.0.0.1:" + jwksPort + "/jwks.json");
    }

    private static int call(ConfigurableApplicationContext replica, String token) throws Exception {
        var port = ((WebServerApplicationContext) replica).getWebServer().getPort();
        var body = PatientViewRequests.caudaEquina();
        body.put("hookInstance", UUID.randomUUID().toString());
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/cds-services/lbp-patient-view"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    }
}
