package org.lbpcdshooks.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import org.skyscreamer.jsonassert.JSONAssert;
import org.skyscreamer.jsonassert.JSONCompareMode;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/** Posts a vignette's request to the running service and compares the cards with its expected.json. */
final class VignetteAssertions {

    private static final ObjectMapper JSON = new ObjectMapper();

    private VignetteAssertions() {}

    static void assertVignette(TestRestTemplate rest, String name) throws Exception {
        var vignette = Vignette.named(name);
        var headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        if (vignette.acceptLanguage() != null) {
            headers.set(HttpHeaders.ACCEPT_LANGUAGE, vignette.acceptLanguage());
        }

        var response = rest.postForEntity(
                "/cds-services/" + vignette.serviceId(), new HttpEntity<>(vignette.requestJson(), headers), String.class);

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
        var fired = new ArrayList<String>();
        JSON.readTree(response.getBody()).get("cards")
                .forEach(card -> fired.add(card.get("source").get("topic").get("code").asText()));
        for (var rule : vignette.mustNotFire()) {
            assertThat(fired).as("rules fired for " + name).doesNotContain(rule);
        }
        JSONAssert.assertEquals(vignette.expectedCardsJson(), response.getBody(), JSONCompareMode.LENIENT);
    }
}
