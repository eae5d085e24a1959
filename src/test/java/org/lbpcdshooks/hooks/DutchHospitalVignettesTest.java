package org.lbpcdshooks.hooks;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lbpcdshooks.FixedClockConfiguration;
import org.lbpcdshooks.LbpCdsHooksApplication;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;

/** HTTP level: every vignette written for a Dutch hospital ({@code lbp.jurisdiction=NL}, {@code lbp.setting=hospital}). */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        classes = {LbpCdsHooksApplication.class, FixedClockConfiguration.class},
        properties = {"lbp.jurisdiction=NL", "lbp.setting=hospital"})
class DutchHospitalVignettesTest {

    @Autowired
    TestRestTemplate rest;

    static Stream<String> vignettes() {
        return Vignette.configuredFor("NL", "hospital");
    }

    @ParameterizedTest(name = "{0}", allowZeroInvocations = true)
    @MethodSource("vignettes")
    void vignetteGetsExactlyTheExpectedCards(String vignette) throws Exception {
        VignetteAssertions.assertVignette(rest, vignette);
    }
}
