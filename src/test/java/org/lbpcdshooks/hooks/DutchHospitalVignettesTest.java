package org.lbpcdshooks.hooks;

import java.util.stream.Stream;
import org.lbpcdshooks.FixedClockConfiguration;
import org.lbpcdshooks.LbpCdsHooksApplication;
import org.springframework.boot.test.context.SpringBootTest;

/** Every vignette written for a Dutch hospital. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        classes = {LbpCdsHooksApplication.class, FixedClockConfiguration.class},
        properties = {"lbp.jurisdiction=NL", "lbp.setting=hospital"})
class DutchHospitalVignettesTest extends VignettesTestBase {

    static Stream<String> vignettes() {
        return Vignette.configuredFor("NL", "hospital");
    }
}
