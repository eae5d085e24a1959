package org.lbpcdshooks.security;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
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
 * The EHR's access token goes only to the FHIR servers trusted for the calling issuer: a request naming any other
 * fhirServer is answered from prefetch alone (here: 412, data missing) and that server receives nothing.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        classes = {LbpCdsHooksApplication.class, FixedClockConfiguration.class})
class FhirServerAllowlistTest {

    private static final String TOKEN = "ehr-token-never-elsewhere";

    static WireMockServer trustedEhr;
    static WireMockServer untrusted;
    static com.nimbusds.jose.jwk.ECKey clientKey;

    @Autowired
    TestRestTemplate rest;

    @BeforeAll
    static void start() throws Exception {
        clientKey = new ECKeyGenerator(com.nimbusds.jose.jwk.Curve.P_384).keyID("client-key-1").generate();
        trustedEhr = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        untrusted = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        trustedEhr.start();
        untrusted.start();
        trustedEhr.stubFor(get(urlEqualTo("/jwks.json")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json")
                .withBody(new JWKSet(clientKey.toPublicJWK()).toString())));
    }

    @AfterAll
    static void stop() {
        trustedEhr.stop();
        untrusted.stop();
    }

    @BeforeEach
    void forgetRequests() {
        trustedEhr.resetRequests();
        untrusted.resetRequests();
    }

    @DynamicPropertySource
    static void trust(DynamicPropertyRegistry registry) {
        registry.add("lbp.security.enabled", () -> "true");
        registry.add("lbp.public-base-url", () -> JwtAuthenticationTest.PUBLIC_BASE_URL);
        registry.add("lbp.fhir-client.allowed-servers", () -> "");
        registry.add("lbp.security.trusted-issuers[0].issuer", () -> JwtAuthenticationTest.ISSUER);
        registry.add("lbp.security.trusted-issuers[0].jwks-url",
                () -> "http://127.0.0.1:" + trustedEhr.port() + "/jwks.json");
        registry.add("lbp.security.trusted-issuers[0].fhir-servers[0]",
                () -> "http://127.0.0.1:" + trustedEhr.port() + "/fhir/");
    }

    @Test
    void theTrustedServerOfTheIssuerReceivesTheToken() throws Exception {
        trustedEhr.stubFor(get(urlEqualTo("/fhir/Observation?patient=" + PatientViewRequests.PATIENT_ID))
                .willReturn(aResponse().withHeader("Content-Type", "application/fhir+json")
                        .withBody(PatientViewRequests.caudaEquina().get("prefetch").get("observations").toString())));

        var response = call("http://127.0.0.1:" + trustedEhr.port() + "/fhir");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody()).contains("LBP-RF-01");
        trustedEhr.verify(getRequestedFor(urlEqualTo("/fhir/Observation?patient=" + PatientViewRequests.PATIENT_ID))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN)));
    }

    @Test
    void aServerNobodyTrustsIsNeverContacted() throws Exception {
        var response = call("http://127.0.0.1:" + untrusted.port() + "/fhir");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.PRECONDITION_FAILED);
        assertThat(response.getBody()).contains("data-unavailable").doesNotContain(TOKEN);
        untrusted.verify(0, anyRequestedFor(anyUrl()));
    }

    private ResponseEntity<String> call(String fhirServer) throws Exception {
        var request = PatientViewRequests.caudaEquina();
        request.put("hookInstance", UUID.randomUUID().toString());
        ((ObjectNode) request.get("prefetch")).remove("observations");
        request.put("fhirServer", fhirServer);
        request.putObject("fhirAuthorization").put("access_token", TOKEN).put("token_type", "Bearer")
                .put("expires_in", 300).put("scope", "patient/*.read").put("subject", "lbp-cds-hooks");
        var headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setBearerAuth(JwtAuthenticationTest.token(claims -> { }, clientKey, null));
        return rest.postForEntity("/cds-services/lbp-patient-view", new HttpEntity<>(request.toString(), headers), String.class);
    }
}
