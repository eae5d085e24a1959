package org.lbpcdshooks.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** A vignette whose configuration no vignette test class runs would silently never be checked. */
class EveryVignetteRunsTest {

    private static final Set<String> CONFIGURATIONS_UNDER_TEST = Set.of("NL/primary", "BE/primary", "NL/hospital", "BE/hospital");

    @Test
    void everyVignetteIsWrittenForAConfigurationThatATestRuns() {
        assertThat(Vignette.all()).isNotEmpty().allSatisfy(vignette -> assertThat(
                        CONFIGURATIONS_UNDER_TEST)
                .as(vignette.name())
                .contains(vignette.jurisdiction() + "/" + vignette.setting()));
    }
}
