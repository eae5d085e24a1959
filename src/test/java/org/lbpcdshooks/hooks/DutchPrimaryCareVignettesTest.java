package org.lbpcdshooks.hooks;

import java.util.stream.Stream;
import org.lbpcdshooks.FixedClockConfiguration;
import org.lbpcdshooks.LbpCdsHooksApplication;
import org.springframework.boot.test.context.SpringBootTest;

/** Every vignette written for a Dutch GP practice (the default configuration). */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        classes = {LbpCdsHooksApplication.class, FixedClockConfiguration.class},
        properties = {"lbp.jurisdiction=NL", "lbp.setting=primary"})
class DutchPrimaryCareVignettesTest extends VignettesTestBase {

    static Stream<String> vignettes() {
        return Vignette.configuredFor("NL", "primary");
    }
}
