package org.lbpcdshooks.hooks;

import java.util.stream.Stream;
import org.lbpcdshooks.FixedClockConfiguration;
import org.lbpcdshooks.LbpCdsHooksApplication;
import org.springframework.boot.test.context.SpringBootTest;

/** Every vignette written for a Belgian hospital. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        classes = {LbpCdsHooksApplication.class, FixedClockConfiguration.class},
        properties = {"lbp.jurisdiction=BE", "lbp.setting=hospital"})
class BelgianHospitalVignettesTest extends VignettesTestBase {

    static Stream<String> vignettes() {
        return Vignette.configuredFor("BE", "hospital");
    }
}
