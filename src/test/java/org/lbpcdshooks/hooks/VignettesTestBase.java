package org.lbpcdshooks.hooks;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

/**
 * HTTP level: each subclass runs the service in one deployment configuration (jurisdiction, setting) and provides,
 * as its static {@code vignettes()}, the vignettes written for that configuration.
 */
abstract class VignettesTestBase {

    @Autowired
    TestRestTemplate rest;

    @ParameterizedTest(name = "{0}", allowZeroInvocations = true)
    @MethodSource("vignettes")
    void vignetteGetsExactlyTheExpectedCards(String vignette) throws Exception {
        VignetteAssertions.assertVignette(rest, vignette);
    }
}
