package org.lbpcdshooks.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.lbpcdshooks.LbpCdsHooksApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** A wrong setting stops startup with a message that names the setting, instead of a service that advises wrongly. */
class ConfigurationValidationTest {

    @Test
    void anUnknownJurisdictionStopsStartup() {
        assertThatThrownBy(() -> start("--lbp.jurisdiction=DE"))
                .satisfies(failure -> assertThat(allMessages(failure)).contains("lbp.jurisdiction", "must be NL or BE"));
    }

    @Test
    void anUnknownSettingStopsStartup() {
        assertThatThrownBy(() -> start("--lbp.setting=nursing-home"))
                .satisfies(failure -> assertThat(allMessages(failure)).contains("lbp.setting", "must be primary or hospital"));
    }

    @Test
    void disablingARuleThatDoesNotExistStopsStartup() {
        assertThatThrownBy(() -> start("--lbp.disabled-rules=LBP-XX-99"))
                .satisfies(failure -> assertThat(allMessages(failure))
                        .contains("lbp.disabled-rules names 'LBP-XX-99', which is not a rule of the catalogue"));
    }

    @Test
    void aTrustedIssuerWithoutNameStopsStartup() {
        assertThatThrownBy(() -> start("--lbp.security.trusted-issuers[0].jwks-url=https://ehr.example.org/jwks"))
                .satisfies(failure -> assertThat(allMessages(failure)).contains("trustedIssuers[0].issuer"));
    }

    private static void start(String argument) {
        new SpringApplicationBuilder(LbpCdsHooksApplication.class)
                .web(WebApplicationType.NONE)
                .run(argument, "--spring.datasource.url=jdbc:h2:mem:config-test", "--spring.main.banner-mode=off")
                .close();
    }

    private static String allMessages(Throwable failure) {
        var text = new StringBuilder();
        for (var cause = failure; cause != null; cause = cause.getCause()) {
            text.append(cause.getMessage()).append('\n');
            if (cause instanceof org.springframework.boot.context.properties.bind.BindException bind
                    && bind.getCause() instanceof org.springframework.boot.context.properties.bind.validation.BindValidationException validation) {
                text.append(validation.getValidationErrors().getAllErrors()).append('\n');
            }
        }
        return text.toString();
    }
}
